// A report (schema `git-provenance.report/1`) as the dashboard's data and as rows. The report is
// read through its JSON shape only, so fields added to it later pass through to the rows.

import { basename } from 'node:path';
import { openRepo, type Repo } from '../../git/repo.ts';
import { loadConfig } from '../config.ts';
import type { Period } from '../report/aggregate.ts';
import type { Report } from '../report/index.ts';
import { DASHBOARD_SCHEMA, type DashboardData } from './figures.ts';
import { readGovernance, type Governance } from './governance.ts';
import { reportRows } from './rows.ts';

/** The name rows carry for a repository: its work tree's folder name (a bare one: its git dir's). */
export function repositoryName(repo: Repo): string {
  return basename(repo.topLevel ?? repo.gitDir.replace(/\/\.git$/, '')).replace(/\.git$/, '') || '.';
}

const toSeconds = (date: string | null) => (date ? Math.floor(Date.parse(date) / 1000) : 0);

/** Budgets and explanations for the report's range, read from the repository it was made in. */
export async function governanceFor(report: Report, options: { cwd?: string; repository: string }): Promise<Governance> {
  const repo = openRepo(options.cwd);
  const { config } = await loadConfig(repo);
  return readGovernance(repo, config, {
    end: report.range.end,
    startTime: toSeconds(report.range.startDate ?? report.range.endDate),
    endTime: toSeconds(report.range.endDate),
    period: report.period as Period,
    repository: options.repository,
    cache: report.cache !== 'off',
  });
}

export function describeReportRange(report: Report): string {
  const dates = `${report.range.startDate?.slice(0, 10) ?? '?'} → ${report.range.endDate.slice(0, 10)}`;
  return `${report.range.revision} (${report.range.end.slice(0, 12)}), ${dates}, ${report.range.commits.toLocaleString('en-US')} commits`;
}

export function reportNotes(report: Report): string[] {
  const notes = [
    `Rework window ${report.windowDays} days; trend by ${report.period} (UTC).`,
    `Lines a merge brings in are credited to ${report.merges === 'all-parents' ? 'the branch commits that wrote them' : 'the merge commit (first parent only)'}.`,
    report.serviceSource === 'none' ? 'No services found: every file is in (other).' : `Services from ${report.serviceSource}.`,
    'AI share: lines added at AI levels ÷ lines added at known levels. Its range counts every unknown line as human (low end) and as AI (high end): an unrecorded history is not a human one.',
    'Explanation coverage and budgets count non-merge commits of every service.',
  ];
  if (report.assumeUnknown) notes.push(`Unknown commits are counted as "${report.assumeUnknown}" (--assume-unknown).`);
  if (report.skipped.missingObjects.length) notes.push(`${report.skipped.missingObjects.length} missing object(s) skipped (partial clone).`);
  if (report.warnings.length) notes.push(`${report.warnings.length} warning(s) while reading history (shown on the terminal).`);
  return notes;
}

/** The page's data: the schema, the repositories and the governance figures are derived here. */
export function dashboardData({
  governance,
  ...parts
}: Omit<DashboardData, 'schema' | 'repositories' | 'budgets' | 'explanations'> & { governance: Governance }): DashboardData {
  return {
    schema: DASHBOARD_SCHEMA,
    ...parts,
    repositories: [...new Set(parts.rows.map((row) => String(row.repository)))].sort(),
    budgets: governance.budgets,
    explanations: governance.explanations,
  };
}

export async function reportDashboard(report: Report, options: { cwd?: string } = {}): Promise<DashboardData> {
  const repository = repositoryName(openRepo(options.cwd));
  const governance = await governanceFor(report, { cwd: options.cwd, repository });
  return dashboardData({
    title: `AI provenance — ${repository}`,
    subtitle: describeReportRange(report),
    generatedAt: report.generatedAt,
    period: report.period,
    windowDays: report.windowDays,
    levels: report.levels,
    notes: reportNotes(report),
    rows: reportRows(report, repository),
    governance,
  });
}
