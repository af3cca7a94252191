// The dashboard's arithmetic, shared by the page's script and the HTML written without it: rows
// are summed over the chosen repositories, service and periods, and every rate is recomputed
// from its summed parts (never averaged). Pure, no Node or DOM.

import { ALL_SERVICES, ROW_KEY_COLUMNS, type Row } from './rows.ts';

export const DASHBOARD_SCHEMA = 'git-provenance.dashboard/1';

export interface BudgetUse {
  repository: string;
  service: string;
  windowDays: number;
  maxAiShare: number;
  /** AI lines ÷ (AI + human lines) added in the window; unknown lines are not counted. */
  share: number;
  aiLines: number;
  humanLines: number;
  unknownLines: number;
  /** The share is above the cap (whoever added the lines). */
  over: boolean;
  windowStart: string;
  windowEnd: string;
}

export interface ExplanationCount {
  repository: string;
  period: string;
  level: string;
  commits: number;
  /** Commits whose record carries an explanation (trailer or note). */
  explained: number;
}

/** Everything embedded in the page. */
export interface DashboardData {
  schema: typeof DASHBOARD_SCHEMA;
  title: string;
  subtitle: string;
  generatedAt: string;
  period: string;
  windowDays: number;
  /** Configured levels then "unknown". */
  levels: string[];
  notes: string[];
  repositories: string[];
  rows: Row[];
  budgets: BudgetUse[];
  explanations: ExplanationCount[];
}

export interface Selection {
  /** Undefined: every repository. */
  repository?: string;
  /** ALL_SERVICES: every service (a commit in two services counted once). */
  service: string;
  from?: string;
  to?: string;
}

/** Figures that add up across periods and repositories. */
export const PARTS = [
  'commits',
  'linesAdded',
  'linesDeleted',
  'surviving',
  'replaced',
  'reworkMature',
  'reworkReworked',
  'fixFollowUpCommits',
  'fixFollowUpFollowed',
  'reverted',
] as const;
export type Part = (typeof PARTS)[number];
export type LevelTotals = Record<Part, number> & { extra: Record<string, number> };

/** Columns that are not parts: keys, rates and shares (recomputed), and per-service copies. */
function isExtraPart(column: string): boolean {
  return (
    !(ROW_KEY_COLUMNS as readonly string[]).includes(column) &&
    !(PARTS as readonly string[]).includes(column) &&
    column !== 'schema' &&
    !/(Rate|Share)$/.test(column) &&
    !column.startsWith('service')
  );
}

export function emptyTotals(): LevelTotals {
  return {
    commits: 0,
    linesAdded: 0,
    linesDeleted: 0,
    surviving: 0,
    replaced: 0,
    reworkMature: 0,
    reworkReworked: 0,
    fixFollowUpCommits: 0,
    fixFollowUpFollowed: 0,
    reverted: 0,
    extra: {},
  };
}

export function addRow(totals: LevelTotals, row: Row): void {
  for (const part of PARTS) totals[part] += Number(row[part] ?? 0);
  for (const [column, value] of Object.entries(row)) {
    if (typeof value === 'number' && isExtraPart(column)) totals.extra[column] = (totals.extra[column] ?? 0) + value;
  }
}

export function periodsOf(rows: readonly Row[]): string[] {
  return [...new Set(rows.map((row) => String(row.period)))].sort();
}

export function servicesOf(rows: readonly Row[]): string[] {
  const names = [...new Set(rows.map((row) => String(row.service)))].filter((name) => name !== ALL_SERVICES);
  return names.sort((a, b) => (a === '(other)' ? 1 : b === '(other)' ? -1 : a < b ? -1 : a > b ? 1 : 0));
}

export function selectRows(rows: readonly Row[], selection: Selection): Row[] {
  return rows.filter(
    (row) =>
      (selection.repository === undefined || row.repository === selection.repository) &&
      row.service === selection.service &&
      (selection.from === undefined || String(row.period) >= selection.from) &&
      (selection.to === undefined || String(row.period) <= selection.to),
  );
}

export function byLevel(rows: readonly Row[], levels: readonly string[]): Record<string, LevelTotals> {
  const out: Record<string, LevelTotals> = {};
  for (const level of levels) out[level] = emptyTotals();
  for (const row of rows) {
    const level = String(row.level);
    out[level] ??= emptyTotals();
    addRow(out[level], row);
  }
  return out;
}

export const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export interface Shares {
  /** AI lines ÷ lines at known levels (the report's aiShare). */
  aiShare: number | null;
  /** Unknown lines ÷ all lines. */
  unknownShare: number | null;
  /** The AI share if every unknown line were human, and if every one were AI. */
  aiShareLower: number | null;
  aiShareUpper: number | null;
  linesAdded: number;
  commits: number;
}

/** `levels` ends with "unknown"; its first entry is the human level. */
export function sharesOf(totals: Record<string, LevelTotals>, levels: readonly string[]): Shares {
  const unknown = totals[levels[levels.length - 1]]?.linesAdded ?? 0;
  const human = totals[levels[0]]?.linesAdded ?? 0;
  let ai = 0;
  let commits = 0;
  for (const level of levels.slice(1, -1)) ai += totals[level]?.linesAdded ?? 0;
  for (const level of levels) commits += totals[level]?.commits ?? 0;
  const all = ai + human + unknown;
  return {
    aiShare: ratio(ai, ai + human),
    unknownShare: ratio(unknown, all),
    aiShareLower: ratio(ai, all),
    aiShareUpper: ratio(ai + unknown, all),
    linesAdded: all,
    commits,
  };
}

export interface LevelOutcomes {
  level: string;
  reworkRate: number | null;
  fixFollowUpRate: number | null;
  revertRate: number | null;
  survival: number | null;
}

export function outcomesOf(level: string, totals: LevelTotals): LevelOutcomes {
  return {
    level,
    reworkRate: ratio(totals.reworkReworked, totals.reworkMature),
    fixFollowUpRate: ratio(totals.fixFollowUpFollowed, totals.fixFollowUpCommits),
    revertRate: ratio(totals.reverted, totals.commits),
    survival: ratio(totals.surviving, totals.linesAdded),
  };
}

/** Per repository × service (the `(all)` rows last per repository) × level, over the selected periods. */
export function serviceTable(
  rows: readonly Row[],
  selection: Omit<Selection, 'service'> & { service?: string },
): { repository: string; service: string; levels: Record<string, LevelTotals> }[] {
  const groups = new Map<string, { repository: string; service: string; levels: Record<string, LevelTotals> }>();
  for (const row of rows) {
    if (selection.repository !== undefined && row.repository !== selection.repository) continue;
    if (selection.service !== undefined && selection.service !== ALL_SERVICES && row.service !== selection.service) continue;
    if ((selection.from !== undefined && String(row.period) < selection.from) || (selection.to !== undefined && String(row.period) > selection.to)) continue;
    const key = `${row.repository}\0${row.service}`;
    let group = groups.get(key);
    if (!group) {
      group = { repository: String(row.repository), service: String(row.service), levels: {} };
      groups.set(key, group);
    }
    group.levels[String(row.level)] ??= emptyTotals();
    addRow(group.levels[String(row.level)], row);
  }
  const order = (service: string) => (service === ALL_SERVICES ? 2 : service === '(other)' ? 1 : 0);
  return [...groups.values()].sort((a, b) =>
    a.repository !== b.repository
      ? a.repository < b.repository
        ? -1
        : 1
      : order(a.service) - order(b.service) || (a.service < b.service ? -1 : a.service > b.service ? 1 : 0),
  );
}

/** Explanation coverage per level over the selected repository and periods. */
export function explanationCoverage(
  counts: readonly ExplanationCount[],
  selection: Omit<Selection, 'service'>,
): Map<string, { commits: number; explained: number }> {
  const out = new Map<string, { commits: number; explained: number }>();
  for (const count of counts) {
    if (selection.repository !== undefined && count.repository !== selection.repository) continue;
    if ((selection.from !== undefined && count.period < selection.from) || (selection.to !== undefined && count.period > selection.to)) continue;
    const entry = out.get(count.level) ?? { commits: 0, explained: 0 };
    entry.commits += count.commits;
    entry.explained += count.explained;
    out.set(count.level, entry);
  }
  return out;
}

export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)}%`;
}

export function count(value: number): string {
  return value.toLocaleString('en-US');
}

export function fraction(part: number, whole: number): string {
  return whole === 0 ? '–' : `${percent(part / whole)} (${count(part)}/${count(whole)})`;
}
