// The pull-request comment: AI share of what the pull request adds (with its range), zone
// violations, budget use and explanation coverage, as GitHub Markdown. Pure. Repository text
// (paths, zone and service names) is escaped so that it can neither break the table, inject
// HTML nor mention anyone.

import type { BudgetResult, Violation } from '../../model/zones.ts';
import { count, percent, ratio, type ExplanationCount } from '../dashboard/figures.ts';

/** The hidden line that finds this tool's comment among the pull request's comments. */
export const COMMENT_MARKER = '<!-- git-provenance:summary -->';
const MAX_VIOLATIONS = 20;

export function markdownText(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(/[\\`*_[\]|<>~]/g, (char) => `\\${char}`)
    .replace(/@/g, '@\u200b');
}

export interface PullRequestFigures {
  title: string;
  /** The report of the pull request's commits (schema git-provenance.report/1). */
  report: {
    levels: string[];
    range: { commits: number };
    total: { aiShare: number | null; unknownShare: number | null; linesAdded: number; levels: Record<string, { commits: number; linesAdded: number }> };
  };
  violations: readonly Violation[];
  budgets: readonly BudgetResult[];
  explanations: readonly ExplanationCount[];
  /** Link to the workflow run (its artifacts hold the dashboard and the rows). */
  runUrl?: string;
}

export function summaryMarkdown(figures: PullRequestFigures): string {
  const { report } = figures;
  const levels = report.levels;
  const ai = levels.slice(1, -1);
  const total = report.total;
  const aiLines = ai.reduce((sum, level) => sum + (total.levels[level]?.linesAdded ?? 0), 0);
  const unknownLines = total.levels[levels[levels.length - 1]]?.linesAdded ?? 0;
  const out: string[] = [COMMENT_MARKER, `## ${markdownText(figures.title)}`, ''];
  out.push(
    `**AI share** of the lines added: **${percent(total.aiShare)}** (range ${percent(ratio(aiLines, total.linesAdded))} – ${percent(ratio(aiLines + unknownLines, total.linesAdded))}, counting unknown lines as human … as AI) · ${count(report.range.commits)} commits · ${count(total.linesAdded)} lines · unknown ${percent(total.unknownShare)}`,
    '',
    '| Level | Commits | Lines added |',
    '| --- | ---: | ---: |',
    ...levels
      .filter((level) => total.levels[level] && (total.levels[level].commits || total.levels[level].linesAdded))
      .map((level) => `| ${markdownText(level)} | ${count(total.levels[level].commits)} | ${count(total.levels[level].linesAdded)} |`),
    '',
  );
  const errors = figures.violations.filter((violation) => violation.severity === 'error');
  const warnings = figures.violations.length - errors.length;
  out.push(`**Zone violations:** ${errors.length ? `${errors.length} ❌` : 'none ✅'}${warnings ? ` · ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`);
  if (figures.violations.length) {
    out.push('', '| Commit | File | Zone | Problem | Fix |', '| --- | --- | --- | --- | --- |');
    for (const violation of figures.violations.slice(0, MAX_VIOLATIONS)) {
      out.push(
        `| ${violation.commit.slice(0, 10)} | ${markdownText(violation.path ?? '')} | ${markdownText(violation.zone ?? '')} | ${markdownText(violation.message)} | ${markdownText(violation.fix)} |`,
      );
    }
    if (figures.violations.length > MAX_VIOLATIONS) out.push('', `… and ${figures.violations.length - MAX_VIOLATIONS} more (see the check's annotations).`);
  }
  out.push('');
  if (figures.budgets.length) {
    out.push(
      '**Budgets** (AI share of added lines over each window, against its cap):',
      '',
      '| Service | AI share | Cap | Use of cap | Window |',
      '| --- | ---: | ---: | ---: | ---: |',
    );
    for (const budget of figures.budgets) {
      out.push(
        `| ${markdownText(budget.budget.service)} | ${percent(budget.share)}${budget.over ? ' ❌' : ''} | ${percent(budget.budget.maxAiShare)} | ${percent(ratio(budget.share, budget.budget.maxAiShare))} | ${budget.budget.windowDays} days |`,
      );
    }
  } else out.push('**Budgets:** none configured.');
  out.push('');
  let commits = 0;
  let explained = 0;
  for (const entry of figures.explanations) {
    if (!ai.includes(entry.level)) continue;
    commits += entry.commits;
    explained += entry.explained;
  }
  out.push(
    commits
      ? `**Explanation coverage:** ${count(explained)} of ${count(commits)} AI commits carry an explanation (${percent(explained / commits)}).`
      : '**Explanation coverage:** no AI commits.',
  );
  if (figures.runUrl) out.push('', `The HTML dashboard and the rows are attached to [the workflow run](${figures.runUrl}) as artifacts.`);
  return `${out.join('\n')}\n`;
}
