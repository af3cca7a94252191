// Figures from the ledger: per service × level, in total and per period. Pure: every definition
// here is the one docs/REPORT.md states.

import type { LedgerState } from './engine.ts';

export const REPORT_SCHEMA = 'git-provenance.report/1';
const ALL_SERVICES = '(all)';
const DAY = 86_400;

export interface LevelFigures {
  commits: number;
  linesAdded: number;
  linesDeleted: number;
  rework: { mature: number; reworked: number; rate: number | null };
  fixFollowUp: { commits: number; followed: number; rate: number | null };
  reverted: number;
  surviving: number;
  /** Lines written at this level that a later commit deleted or replaced (= linesAdded − surviving). */
  replaced: number;
}

export interface ServiceFigures {
  service: string;
  aiShare: number | null;
  unknownShare: number | null;
  linesAdded: number;
  commits: number;
  levels: Record<string, LevelFigures>;
}

export interface PeriodFigures {
  period: string;
  start: string;
  end: string;
  services: ServiceFigures[];
  total: ServiceFigures;
}

export type Period = 'week' | 'month';

export interface AggregateRequest {
  levels: readonly string[];
  windowDays: number;
  /** End of the range (committer time of its newest commit), seconds. */
  endTime: number;
  period: Period;
  selected: (commit: number) => boolean;
  /** Count unknown commits as the first level. */
  assumeUnknownAs?: string;
  /** Only these services (all when undefined). */
  services?: readonly string[];
}

function emptyLevel(): LevelFigures {
  return {
    commits: 0,
    linesAdded: 0,
    linesDeleted: 0,
    rework: { mature: 0, reworked: 0, rate: null },
    fixFollowUp: { commits: 0, followed: 0, rate: null },
    reverted: 0,
    surviving: 0,
    replaced: 0,
  };
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Monday-based ISO week label ("2026-W03") or month ("2026-01") of a time, in UTC. */
function periodOf(time: number, period: Period): { key: string; start: string; end: string } {
  const date = new Date(time * 1000);
  if (period === 'month') {
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth();
    const start = new Date(Date.UTC(y, m, 1));
    const end = new Date(Date.UTC(y, m + 1, 0));
    return { key: `${y}-${String(m + 1).padStart(2, '0')}`, start: day(start), end: day(end) };
  }
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  const monday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - weekday));
  const thursday = new Date(monday.getTime() + 3 * DAY * 1000);
  const isoYear = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / (7 * DAY * 1000)) + 1;
  return { key: `${isoYear}-W${String(week).padStart(2, '0')}`, start: day(monday), end: day(new Date(monday.getTime() + 6 * DAY * 1000)) };
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

class Table {
  readonly byService = new Map<string, Map<string, LevelFigures>>();
  /** Per commit, across services, so a commit in two services counts once in the total. */
  readonly commitFlags = new Map<number, { level: string; touched: boolean; matureAdded: boolean; followed: boolean; reverted: boolean }>();
  figures(service: string, level: string): LevelFigures {
    let levels = this.byService.get(service);
    if (!levels) {
      levels = new Map();
      this.byService.set(service, levels);
    }
    let figures = levels.get(level);
    if (!figures) {
      figures = emptyLevel();
      levels.set(level, figures);
    }
    return figures;
  }
}

export interface Aggregate {
  services: ServiceFigures[];
  total: ServiceFigures;
  periods: PeriodFigures[];
  /** Selected commits (all commits in the range, with or without counted lines). */
  commits: number;
  firstTime?: number;
}

export function aggregate(state: LedgerState, surviving: readonly number[], request: AggregateRequest): Aggregate {
  const { levels } = request;
  const levelNames = [...levels, 'unknown'];
  const window = request.windowDays * DAY;
  const matureBefore = request.endTime - window;
  const overall = new Table();
  const byPeriod = new Map<string, { start: string; end: string; table: Table }>();
  const { cells, commits } = state;
  const serviceFilter = request.services ? new Set(request.services) : undefined;
  const levelOf = (commit: number): string => {
    const index = commits.level[commit];
    if (index >= 0) return levels[index];
    return request.assumeUnknownAs ?? 'unknown';
  };
  let selectedCommits = 0;
  let firstTime: number | undefined;
  for (let commit = 0; commit < commits.id.length; commit++) {
    if (!request.selected(commit)) continue;
    selectedCommits++;
    if (firstTime === undefined || commits.time[commit] < firstTime) firstTime = commits.time[commit];
  }
  // Periods by UTC day: Date arithmetic per cell would dominate an incremental run.
  const periodByDay = new Map<number, { key: string; start: string; end: string }>();
  for (let cell = 0; cell < cells.commit.length; cell++) {
    const commit = cells.commit[cell];
    if (!request.selected(commit)) continue;
    const service = state.services[cells.service[cell]];
    if (serviceFilter && !serviceFilter.has(service)) continue;
    const level = levelOf(commit);
    const time = commits.time[commit];
    const dayNumber = Math.floor(time / DAY);
    let period = periodByDay.get(dayNumber);
    if (!period) {
      period = periodOf(dayNumber * DAY, request.period);
      periodByDay.set(dayNumber, period);
    }
    let slot = byPeriod.get(period.key);
    if (!slot) {
      slot = { start: period.start, end: period.end, table: new Table() };
      byPeriod.set(period.key, slot);
    }
    const added = cells.added[cell];
    const touched = added + cells.deleted[cell] > 0;
    const mature = time <= matureBefore;
    for (const table of [overall, slot.table]) {
      for (const target of [table.figures(service, level), table.figures(ALL_SERVICES, level)]) {
        target.linesAdded += added;
        target.linesDeleted += cells.deleted[cell];
        target.surviving += surviving[cell] ?? 0;
        target.replaced += cells.replaced[cell];
        if (mature) {
          target.rework.mature += added;
          target.rework.reworked += cells.reworked[cell];
        }
      }
      const target = table.figures(service, level);
      if (touched) target.commits++;
      if (mature && added > 0) {
        target.fixFollowUp.commits++;
        if (cells.fixFollowed[cell]) target.fixFollowUp.followed++;
      }
      if (touched && commits.reverted[commit]) target.reverted++;
      let flags = table.commitFlags.get(commit);
      if (!flags) {
        flags = { level, touched: false, matureAdded: false, followed: false, reverted: false };
        table.commitFlags.set(commit, flags);
      }
      flags.touched ||= touched;
      flags.matureAdded ||= mature && added > 0;
      flags.followed ||= mature && added > 0 && cells.fixFollowed[cell] === 1;
      flags.reverted ||= touched && commits.reverted[commit] === 1;
    }
  }
  for (const table of [overall, ...[...byPeriod.values()].map((slot) => slot.table)]) {
    for (const flags of table.commitFlags.values()) {
      const target = table.figures(ALL_SERVICES, flags.level);
      if (flags.touched) target.commits++;
      if (flags.matureAdded) target.fixFollowUp.commits++;
      if (flags.followed) target.fixFollowUp.followed++;
      if (flags.reverted) target.reverted++;
    }
  }
  const build = (table: Table, service: string): ServiceFigures => {
    const out: ServiceFigures = { service, aiShare: null, unknownShare: null, linesAdded: 0, commits: 0, levels: {} };
    let known = 0;
    let ai = 0;
    let unknown = 0;
    for (const level of levelNames) {
      const figures = table.byService.get(service)?.get(level) ?? emptyLevel();
      figures.rework.rate = ratio(figures.rework.reworked, figures.rework.mature);
      figures.fixFollowUp.rate = ratio(figures.fixFollowUp.followed, figures.fixFollowUp.commits);
      out.levels[level] = figures;
      out.linesAdded += figures.linesAdded;
      out.commits += figures.commits;
      if (level === 'unknown') unknown += figures.linesAdded;
      else {
        known += figures.linesAdded;
        if (levels.indexOf(level) > 0) ai += figures.linesAdded;
      }
    }
    out.aiShare = ratio(ai, known);
    out.unknownShare = ratio(unknown, known + unknown);
    return out;
  };
  const serviceList = (table: Table): ServiceFigures[] => {
    const names = [...table.byService.keys()].filter((name) => name !== ALL_SERVICES);
    for (const name of request.services ?? []) if (!names.includes(name)) names.push(name);
    names.sort((a, b) => (a.startsWith('(') ? 1 : 0) - (b.startsWith('(') ? 1 : 0) || (a < b ? -1 : a > b ? 1 : 0));
    return names.map((name) => build(table, name));
  };
  const periods = [...byPeriod.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([period, slot]) => ({ period, start: slot.start, end: slot.end, services: serviceList(slot.table), total: build(slot.table, ALL_SERVICES) }));
  return { services: serviceList(overall), total: build(overall, ALL_SERVICES), periods, commits: selectedCommits, firstTime };
}
