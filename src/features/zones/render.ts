// How violations are shown: a compact table for people (push gate, `check`), GitHub Actions
// annotations for `--format github`, and plain objects for `--json`.

import Table from 'cli-table3';
import type { Colors } from '../output.ts';
import type { BudgetResult, Violation } from '../../model/zones.ts';
import { escapeControls, printablePath } from '../../model/safe-text.ts';
import { SHORT_ID_LENGTH, shortId } from '../../model/display.ts';
import type { CheckOutcome } from './check.ts';

const RULE_LABEL: Record<Violation['rule'], string> = {
  'level-not-allowed': 'level not allowed',
  'review-required': 'review missing',
  'no-record': 'no record',
  budget: 'AI budget',
};

/** A compact table, one row per violation, with the fix on its own line under the problem. */
function violationTable(violations: readonly Violation[], paint: Colors, width = 100): string {
  const pathWidth = Math.max(8, Math.min(40, Math.max(...violations.map((violation) => (violation.path ?? '').length + 1))));
  const zoneWidth = Math.max(6, Math.min(16, Math.max(...violations.map((violation) => (violation.zone ?? '').length + 1))));
  const problemWidth = Math.max(30, width - SHORT_ID_LENGTH - 1 - pathWidth - zoneWidth - 4);
  const table = new Table({
    head: ['commit', 'file', 'zone', 'problem and fix'].map((text) => paint.bold(text)),
    style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 1 },
    chars: {
      top: '',
      'top-mid': '',
      'top-left': '',
      'top-right': '',
      bottom: '',
      'bottom-mid': '',
      'bottom-left': '',
      'bottom-right': '',
      left: '',
      'left-mid': '',
      mid: '',
      'mid-mid': '',
      right: '',
      'right-mid': '',
      middle: ' ',
    },
    colWidths: [SHORT_ID_LENGTH + 1, pathWidth + 1, zoneWidth + 1, problemWidth],
    wordWrap: true,
  });
  for (const violation of violations) {
    const label = violation.severity === 'warning' ? paint.yellow(`${RULE_LABEL[violation.rule]} (warning)`) : paint.red(RULE_LABEL[violation.rule]);
    table.push([
      shortId(violation.commit),
      printablePath(violation.path ?? ''),
      violation.zone ?? '',
      `${label}: ${violation.message}\n${paint.dim('fix:')} ${violation.fix}`,
    ]);
  }
  return table.toString();
}

/** The text a person reads after a check: the table, then one summary line. */
export function renderOutcome(outcome: CheckOutcome, paint: Colors, context: { what: string; width?: number }): string {
  const lines: string[] = [];
  const errors = outcome.violations.filter((violation) => violation.severity === 'error');
  const warnings = outcome.violations.length - errors.length;
  if (outcome.violations.length) lines.push(violationTable(outcome.violations, paint, context.width));
  for (const budget of outcome.budgets) {
    if (!budget.over) lines.push(paint.dim(budgetLine(budget)));
  }
  if (outcome.unknown.length) {
    lines.push(paint.dim(`${outcome.unknown.length} commit${outcome.unknown.length === 1 ? '' : 's'} with no provenance record let through (unknown: allow)`));
  }
  const counts = `${outcome.checked} commit${outcome.checked === 1 ? '' : 's'} checked`;
  if (errors.length) lines.push(paint.red(`${context.what} refused: ${errors.length} violation${errors.length === 1 ? '' : 's'} (${counts})`));
  else lines.push(`${context.what}: ok (${counts}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''})`);
  return `${lines.join('\n')}\n`;
}

function budgetLine(budget: BudgetResult): string {
  const share = (value: number) => `${(value * 100).toFixed(1)}%`;
  const unknown = budget.unknownLines ? `, ${budget.unknownLines} lines with no record not counted` : '';
  const lines = `${budget.aiLines + budget.humanLines} added lines over ${budget.budget.windowDays} days`;
  return `budget ${budget.budget.service}: ${share(budget.share)} AI of ${lines} (limit ${share(budget.budget.maxAiShare)})${unknown}`;
}

/** GitHub Actions workflow commands: data escapes %, CR and LF; properties also : and ,. */
/** Workflow-command data: GitHub's own escapes for %, CR, LF; other controls made visible. */
function escapeData(text: string): string {
  return escapeControls(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function githubAnnotations(outcome: CheckOutcome): string {
  const lines = outcome.violations.map((violation) => {
    const command = violation.severity === 'error' ? 'error' : 'warning';
    const properties = [
      ...(violation.path ? [`file=${escapeProperty(violation.path)}`] : []),
      `title=${escapeProperty(`${RULE_LABEL[violation.rule]}${violation.zone ? ` in zone ${violation.zone}` : ''} (${shortId(violation.commit)})`)}`,
    ];
    return `::${command} ${properties.join(',')}::${escapeData(`${violation.message}. Fix: ${violation.fix}`)}`;
  });
  for (const warning of outcome.warnings) lines.push(`::warning::${escapeData(warning)}`);
  const errors = outcome.violations.filter((violation) => violation.severity === 'error').length;
  lines.push(
    errors
      ? `git-provenance: ${errors} violation${errors === 1 ? '' : 's'} in ${outcome.checked} commits`
      : `git-provenance: ok (${outcome.checked} commits checked)`,
  );
  return `${lines.join('\n')}\n`;
}

export function outcomeJson(outcome: CheckOutcome): object {
  return {
    ok: !outcome.violations.some((violation) => violation.severity === 'error'),
    checked: outcome.checked,
    merges: outcome.merges,
    unknown: outcome.unknown,
    violations: outcome.violations.map((violation) => ({
      commit: violation.commit,
      path: violation.path ?? null,
      zone: violation.zone ?? null,
      rule: violation.rule,
      level: violation.level ?? null,
      severity: violation.severity,
      message: violation.message,
      fix: violation.fix,
    })),
    budgets: outcome.budgets.map((budget) => ({
      service: budget.budget.service,
      share: Number(budget.share.toFixed(4)),
      maxAiShare: budget.budget.maxAiShare,
      windowDays: budget.budget.windowDays,
      aiLines: budget.aiLines,
      humanLines: budget.humanLines,
      unknownLines: budget.unknownLines,
      newAiLines: budget.newAiLines,
      over: budget.over,
      action: budget.budget.action,
    })),
    warnings: outcome.warnings,
  };
}
