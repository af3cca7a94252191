// `org report`: the organisation's figures aggregated by SQL in DuckDB (per repository and in
// total, from each repository's `(all)` rows), and the dashboard with a repository dimension.

import { ALL_SERVICES, type Row } from '../dashboard/rows.ts';
import {
  DASHBOARD_SCHEMA,
  emptyTotals,
  outcomesOf,
  PARTS,
  sharesOf,
  type DashboardData,
  type LevelOutcomes,
  type LevelTotals,
  type Shares,
  type BudgetUse,
  type ExplanationCount,
} from '../dashboard/figures.ts';
import { UsageError } from '../../model/errors.ts';
import type { OrgDb } from './db.ts';

export const ORG_SCHEMA = 'git-provenance.org/1';
/** Above this many rows the page carries each repository's all-services rows only. */
export const PAGE_ROW_LIMIT = 50_000;

export interface OrgFigures extends Shares {
  repository: string;
  levels: Record<string, LevelTotals & Omit<LevelOutcomes, 'level'>>;
}

export interface OrgReport {
  schema: typeof ORG_SCHEMA;
  generatedAt: string;
  levels: string[];
  period: string;
  windowDays: number;
  repositories: (OrgFigures & { path: string; scannedAt: string })[];
  total: OrgFigures;
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Levels of every repository, in their configured order, "unknown" last. */
function mergeLevels(lists: string[][]): string[] {
  const out: string[] = [];
  for (const list of lists) for (const level of list) if (level !== 'unknown' && !out.includes(level)) out.push(level);
  return [...out, 'unknown'];
}

async function repositories(db: OrgDb) {
  const states = [...(await db.states()).values()].sort((a, b) => (a.repository < b.repository ? -1 : 1));
  if (!states.length) throw new UsageError('the database has no repositories yet', 'run `git-provenance org scan <folders> --db <file>` first');
  return states;
}

function figures(repository: string, rows: Record<string, unknown>[], levels: string[]): OrgFigures {
  const totals: Record<string, LevelTotals> = {};
  for (const level of levels) totals[level] = emptyTotals();
  for (const row of rows) {
    totals[String(row.level)] ??= emptyTotals();
    const target = totals[String(row.level)];
    for (const part of PARTS) target[part] = Number(row[part] ?? 0);
  }
  const out: OrgFigures['levels'] = {};
  for (const level of levels) {
    const { level: _, ...outcomes } = outcomesOf(level, totals[level]);
    out[level] = { ...totals[level], ...outcomes };
  }
  return { repository, ...sharesOf(totals, levels), levels: out };
}

export async function orgReport(db: OrgDb, now = new Date()): Promise<OrgReport> {
  const states = await repositories(db);
  const levels = mergeLevels(states.map((state) => state.levels));
  const sums = PARTS.map((part) => `sum(${part})::BIGINT AS ${part}`).join(', ');
  const perRepository = (
    await db.connection.runAndReadAll(`SELECT repository, level, ${sums} FROM rows WHERE service = ${quote(ALL_SERVICES)} GROUP BY repository, level`)
  ).getRowObjectsJson();
  const total = (
    await db.connection.runAndReadAll(`SELECT level, ${sums} FROM rows WHERE service = ${quote(ALL_SERVICES)} GROUP BY level`)
  ).getRowObjectsJson();
  const byRepository = new Map<string, Record<string, unknown>[]>();
  for (const row of perRepository) {
    const list = byRepository.get(String(row.repository)) ?? [];
    list.push(row);
    byRepository.set(String(row.repository), list);
  }
  return {
    schema: ORG_SCHEMA,
    generatedAt: now.toISOString(),
    levels,
    period: states[0].period,
    windowDays: states[0].windowDays,
    repositories: states.map((state) => ({
      ...figures(state.repository, byRepository.get(state.repository) ?? [], levels),
      path: state.path,
      scannedAt: state.scannedAt,
    })),
    total: figures('(all repositories)', total, levels),
  };
}

function asRow(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row))
    out[key] = value === null || typeof value === 'number' || typeof value === 'string' ? value : typeof value === 'bigint' ? Number(value) : String(value);
  return out;
}

/** Repositories the page names one by one when the database is too large to carry whole. */
export const PAGE_REPOSITORIES = 100;
export const OTHER_REPOSITORIES = '(other repositories)';

/**
 * The dashboard's data for the whole organisation: every row when they fit in a page; else each
 * repository's all-services rows, the largest PAGE_REPOSITORIES by lines added named and the
 * rest summed into one (sums stay exact: the page recomputes rates from the parts).
 */
export async function orgDashboard(db: OrgDb, options: { now?: Date; rowLimit?: number; repositoryLimit?: number } = {}): Promise<DashboardData> {
  const now = options.now ?? new Date();
  const repositoryLimit = options.repositoryLimit ?? PAGE_REPOSITORIES;
  const states = await repositories(db);
  const levels = mergeLevels(states.map((state) => state.levels));
  const count = Number((await db.connection.runAndReadAll('SELECT count(*) AS n FROM rows')).getRowObjectsJson()[0].n);
  const whole = count <= (options.rowLimit ?? PAGE_ROW_LIMIT);
  const sums = PARTS.map((part) => `sum(${part})::BIGINT AS ${part}`).join(', ');
  const named = `WITH sizes AS (SELECT repository, row_number() OVER (ORDER BY sum(linesAdded) DESC, repository) AS rank FROM rows WHERE service = ${quote(ALL_SERVICES)} GROUP BY repository)`;
  const bucket = `CASE WHEN rank <= ${repositoryLimit} THEN repository ELSE ${quote(OTHER_REPOSITORIES)} END`;
  const query = whole
    ? 'SELECT * FROM rows ORDER BY repository, period, service, level'
    : `${named} SELECT ${bucket} AS repository, service, period, min(periodStart) AS periodStart, min(periodEnd) AS periodEnd, level, ${sums} FROM rows JOIN sizes USING (repository) WHERE service = ${quote(ALL_SERVICES)} GROUP BY ALL ORDER BY 1, period, level`;
  const rows = (await db.connection.runAndReadAll(query)).getRowObjects().map((row) => asRow(row as Record<string, unknown>));
  const budgets = (await db.connection.runAndReadAll('SELECT * FROM budgets ORDER BY repository, service'))
    .getRowObjects()
    .map((row) => ({ ...(asRow(row as Record<string, unknown>) as unknown as BudgetUse), over: Boolean(row.over) }))
    .filter((budget) => whole || rows.some((row) => row.repository === budget.repository));
  const explanations = (
    await db.connection.runAndReadAll(
      whole
        ? 'SELECT * FROM explanations'
        : `${named} SELECT ${bucket} AS repository, period, level, sum(commits)::BIGINT AS commits, sum(explained)::BIGINT AS explained FROM explanations JOIN sizes USING (repository) GROUP BY ALL`,
    )
  )
    .getRowObjects()
    .map((row) => asRow(row as Record<string, unknown>) as unknown as ExplanationCount);
  const commits = states.reduce((sum, state) => sum + state.commits, 0);
  const periods = new Set(states.map((state) => state.period));
  const notes = [
    `${states.length} repositories, ${commits.toLocaleString('en-US')} commits; each scanned by \`org scan\` (the newest at ${states
      .map((state) => state.scannedAt)
      .sort()
      .pop()}).`,
    'AI share: lines added at AI levels ÷ lines added at known levels. Its range counts every unknown line as human (low end) and as AI (high end).',
    'Service names are those of each repository; "all services" sums each repository\'s own total (a commit in two services counted once).',
  ];
  if (!whole)
    notes.push(
      `The database holds ${count.toLocaleString('en-US')} rows: this page carries each repository's all-services rows, the ${repositoryLimit} largest repositories by name and the others summed as "${OTHER_REPOSITORIES}" (use --format json or SQL for the rest).`,
    );
  if (periods.size > 1) notes.push(`Repositories were scanned with different periods (${[...periods].join(', ')}).`);
  return {
    schema: DASHBOARD_SCHEMA,
    title: `AI provenance — ${states.length} repositories`,
    subtitle: `${states.length} repositories, ${commits.toLocaleString('en-US')} commits`,
    generatedAt: now.toISOString(),
    period: states[0].period,
    windowDays: states[0].windowDays,
    levels,
    notes,
    repositories: [...new Set(rows.map((row) => String(row.repository)))].sort(),
    rows,
    budgets,
    explanations,
  };
}
