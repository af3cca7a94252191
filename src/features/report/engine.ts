// The line ledger: which commit wrote every line alive in every file, updated from one oldest-first
// pass over first-parent diffs, and per-"cell" counters (a cell is one commit's lines in one
// service). A line keeps the service of the path it was written in, so that per service and level
// `linesAdded = surviving + replaced` holds exactly. Memory grows with the lines alive (as runs)
// and a few numbers per commit, never with the diff text of the history.

import type { Commit } from '../../git/commits.ts';
import type { FileDiff } from '../../git/history.ts';
import { UNCOUNTED, applyEdits, DiffMismatchError, emptyRuns, hunkEdit, type Edit, type Runs } from './runs.ts';
import type { TextTest } from '../../model/fix-pattern.ts';
import { describeTime, isPlausibleTime, plausibleTime } from '../../model/dates.ts';
import { shortId } from '../../model/display.ts';

const DAY = 86_400;
/** A cell's `lineLevel` when its lines take their commit's level (no line evidence). */
export const COMMIT_LEVEL = -2;

/**
 * Line evidence for one commit (docs/REPORT.md, "Line evidence"): the level of each line it added,
 * as runs over new-side line numbers — a level index, or -1 for unknown. Undefined for a file
 * the evidence does not cover (its lines take the commit's level).
 */
export interface AddedLineLevels {
  runs(path: string, start: number, count: number): { lens: number[]; levels: number[] } | undefined;
}

export interface PathInfo {
  service: string;
  /** False for ignored globs, linguist-generated/-vendored and other skipped paths. */
  counted: boolean;
}

export interface LedgerSettings {
  windowDays: number;
  fixPattern: TextTest;
  pathInfo: (path: string) => PathInfo;
}

export interface CommitColumns {
  id: string[];
  /** Committer time, seconds. */
  time: number[];
  /** Index into the configured levels, or -1 for unknown. */
  level: number[];
  source: string[];
  fix: number[];
  /** 1 when a revert of this commit came within the window. */
  reverted: number[];
  /** 1 for commits on the first-parent line, 0 for commits credited through a merge. */
  mainline: number[];
  /**
   * 1 for a shallow clone's boundary commits: their diff is the whole tree as fetched, so their
   * lines stand for history before the report and they are never counted as commits.
   */
  baseline: number[];
}

export interface CellColumns {
  commit: number[];
  service: number[];
  added: number[];
  /** Lines this commit deleted in this service. */
  deleted: number[];
  /** Lines of this cell a later commit deleted or replaced. */
  replaced: number[];
  /** Of those, removed within the window after the cell's commit. */
  reworked: number[];
  /** 1 when a fix commit removed lines of this cell within the window. */
  fixFollowed: number[];
  /** The level of the cell's lines from line evidence (an index, -1 unknown), or COMMIT_LEVEL. */
  lineLevel: number[];
}

export interface FileState {
  runs: Runs;
  /** Binary, or out of step with the diffs: its lines are not followed. */
  opaque?: boolean;
}

export interface LedgerState {
  services: string[];
  commits: CommitColumns;
  cells: CellColumns;
  files: Map<string, FileState>;
}

export interface CommitLevel {
  level: number;
  source: string;
}

function emptyLedgerState(): LedgerState {
  return {
    services: [],
    commits: { id: [], time: [], level: [], source: [], fix: [], reverted: [], mainline: [], baseline: [] },
    cells: { commit: [], service: [], added: [], deleted: [], replaced: [], reworked: [], fixFollowed: [], lineLevel: [] },
    files: new Map(),
  };
}

const REVERT_WORDS = 'This reverts commit ';
const REVERT = /This reverts commit ([0-9a-f]{7,64})/g;

export class Ledger {
  readonly state: LedgerState;
  readonly warnings: string[] = [];
  private readonly settings: LedgerSettings;
  private readonly window: number;
  private readonly serviceIndex = new Map<string, number>();
  private readonly commitIndex = new Map<string, number>();
  /**
   * Each commit's cells as a chain: its newest cell, then `nextCell` of each. A commit has a few
   * cells (services × line levels), and a walk through them costs less than a Map keyed by
   * numbers past 2^31 (boxed: allocated and hashed on every lookup).
   */
  private readonly firstCell: number[];
  private readonly nextCell: number[] = [];
  private readonly pathCache = new Map<string, { service: number; counted: boolean }>();

  constructor(settings: LedgerSettings, state: LedgerState = emptyLedgerState()) {
    this.settings = settings;
    this.state = state;
    this.window = settings.windowDays * DAY;
    state.services.forEach((name, i) => {
      this.serviceIndex.set(name, i);
    });
    state.commits.id.forEach((id, i) => {
      this.commitIndex.set(id, i);
    });
    this.firstCell = new Array<number>(state.commits.id.length).fill(-1);
    const { commit } = state.cells;
    for (let c = 0; c < commit.length; c++) {
      this.nextCell.push(this.firstCell[commit[c]]);
      this.firstCell[commit[c]] = c;
    }
  }

  private path(path: string): { service: number; counted: boolean } {
    let info = this.pathCache.get(path);
    if (!info) {
      const { service, counted } = this.settings.pathInfo(path);
      let index = this.serviceIndex.get(service);
      if (index === undefined) {
        index = this.state.services.length;
        this.state.services.push(service);
        this.serviceIndex.set(service, index);
      }
      info = { service: index, counted };
      this.pathCache.set(path, info);
    }
    return info;
  }

  private cell(commit: number, service: number, lineLevel: number = COMMIT_LEVEL): number {
    const cells = this.state.cells;
    for (let c = this.firstCell[commit]; c >= 0; c = this.nextCell[c]) if (cells.service[c] === service && cells.lineLevel[c] === lineLevel) return c;
    const cell = cells.commit.length;
    cells.commit.push(commit);
    cells.service.push(service);
    cells.added.push(0);
    cells.deleted.push(0);
    cells.replaced.push(0);
    cells.reworked.push(0);
    cells.fixFollowed.push(0);
    cells.lineLevel.push(lineLevel);
    this.nextCell.push(this.firstCell[commit]);
    this.firstCell[commit] = cell;
    return cell;
  }

  /** Adds a commit to the table (once) and marks the commits it reverts. */
  register(commit: Commit, level: CommitLevel, mainline: boolean, baseline = false): number {
    const known = this.commitIndex.get(commit.commit);
    if (known !== undefined) return known;
    const commits = this.state.commits;
    const index = commits.id.length;
    commits.id.push(commit.commit);
    this.firstCell.push(-1);
    if (!isPlausibleTime(commit.time)) {
      this.warnings.push(
        `${shortId(commit.commit)} is dated ${describeTime(commit.time)}, outside the years 1970–9999; it is counted at ${describeTime(plausibleTime(commit.time))}`,
      );
    }
    commits.time.push(plausibleTime(commit.time));
    commits.level.push(level.level);
    commits.source.push(level.source);
    commits.fix.push(this.settings.fixPattern.test(commit.subject) ? 1 : 0);
    commits.reverted.push(0);
    commits.mainline.push(mainline ? 1 : 0);
    commits.baseline.push(baseline ? 1 : 0);
    this.commitIndex.set(commit.commit, index);
    // matchAll copies its regular expression on every call: look for the words first.
    if (!commit.message.includes(REVERT_WORDS)) return index;
    for (const match of commit.message.matchAll(REVERT)) {
      const target = this.findCommit(match[1]);
      if (target !== undefined && target !== index && commit.time - commits.time[target] <= this.window) commits.reverted[target] = 1;
    }
    return index;
  }

  private findCommit(id: string): number | undefined {
    const exact = this.commitIndex.get(id);
    if (exact !== undefined || id.length >= 40) return exact;
    for (const [full, index] of this.commitIndex) if (full.startsWith(id)) return index;
    return undefined;
  }

  /** Lines of `cell` removed by commit `deleter` in service `service`. */
  private removed(cell: number, count: number, deleter: number, service: number): void {
    if (cell === UNCOUNTED || count <= 0) return;
    const { cells, commits } = this.state;
    cells.replaced[cell] += count;
    cells.deleted[this.cell(deleter, service)] += count;
    if (commits.time[deleter] - commits.time[cells.commit[cell]] <= this.window) {
      cells.reworked[cell] += count;
      if (commits.fix[deleter]) cells.fixFollowed[cell] = 1;
    }
  }

  private removeAll(state: FileState | undefined, deleter: number, service: number): void {
    if (!state || state.opaque) return;
    for (let i = 0; i < state.runs.lens.length; i++) this.removed(state.runs.cells[i], state.runs.lens[i], deleter, service);
  }

  /**
   * Applies a first-parent diff. `origins`, for merges, says which commit wrote each added line
   * and which removed each deleted line (matched in the merged branch); otherwise the commit
   * itself did both. `lineLevels` splits the commit's own added lines by line evidence.
   */
  apply(commit: number, files: readonly FileDiff[], origins?: LineOrigins, lineLevels?: AddedLineLevels): void {
    const { files: state, cells } = this.state;
    for (const diff of files) {
      const old = diff.oldPath === null ? undefined : state.get(diff.oldPath);
      if (diff.oldPath !== null) state.delete(diff.oldPath);
      const oldService = diff.oldPath === null ? -1 : this.path(diff.oldPath).service;
      if (diff.newPath === null) {
        this.removeAll(old, commit, oldService);
        continue;
      }
      const target = this.path(diff.newPath);
      if (diff.binary || old?.opaque) {
        this.removeAll(old, commit, oldService);
        state.set(diff.newPath, { runs: emptyRuns(), opaque: true });
        continue;
      }
      if (diff.oldPath !== null && !old) {
        this.warnings.push(
          `${diff.oldPath}: changed in ${shortId(this.state.commits.id[commit])} but its earlier lines were not followed; the file is skipped`,
        );
        state.set(diff.newPath, { runs: emptyRuns(), opaque: true });
        continue;
      }
      const edits: Edit[] = [];
      for (const hunk of diff.hunks) {
        const own = target.counted && lineLevels ? lineLevels.runs(diff.newPath, hunk.newStart, hunk.newCount) : undefined;
        if (!origins || !hunk.added) {
          if (!own) {
            edits.push(hunkEdit(hunk.oldStart, hunk.oldCount, hunk.newCount, target.counted ? this.cell(commit, target.service) : UNCOUNTED));
            continue;
          }
          const insertCells = own.levels.map((level) => this.cell(commit, target.service, level));
          edits.push({ start: hunk.oldCount > 0 ? hunk.oldStart - 1 : hunk.oldStart, remove: hunk.oldCount, insertLens: own.lens, insertCells });
          continue;
        }
        const ownLevels = own ? expandLevels(own) : undefined;
        const insertLens: number[] = [];
        const insertCells: number[] = [];
        for (let line = 0; line < hunk.added.length; line++) {
          const writer = origins.writer(diff.newPath, hunk.added[line]) ?? { commit, lineLevel: ownLevels?.[line] ?? COMMIT_LEVEL };
          const cell = target.counted ? this.cell(writer.commit, target.service, writer.lineLevel) : UNCOUNTED;
          const last = insertCells.length - 1;
          if (last >= 0 && insertCells[last] === cell) insertLens[last]++;
          else {
            insertLens.push(1);
            insertCells.push(cell);
          }
        }
        edits.push({ start: hunk.oldCount > 0 ? hunk.oldStart - 1 : hunk.oldStart, remove: hunk.oldCount, insertLens, insertCells });
      }
      let runs: Runs;
      try {
        runs = applyEdits(
          old?.runs ?? emptyRuns(),
          edits,
          (cell, count, edit, offset) => {
            const removedTexts = origins ? diff.hunks[edit].removed : undefined;
            if (!removedTexts) return this.removed(cell, count, commit, oldService);
            for (let i = 0; i < count; i++) {
              const deleter = origins!.deleter(diff.oldPath!, removedTexts[offset + i]) ?? commit;
              this.removed(cell, 1, deleter, oldService);
            }
          },
          { inPlace: true },
        );
      } catch (error) {
        if (!(error instanceof DiffMismatchError)) throw error;
        this.warnings.push(`${diff.newPath}: ${error.message} in ${shortId(this.state.commits.id[commit])}; the file is skipped from here on`);
        state.set(diff.newPath, { runs: emptyRuns(), opaque: true });
        continue;
      }
      // Count what was inserted (after a successful apply, so a skipped file counts nothing).
      for (const edit of edits) {
        for (let i = 0; i < edit.insertCells.length; i++) if (edit.insertCells[i] !== UNCOUNTED) cells.added[edit.insertCells[i]] += edit.insertLens[i];
      }
      if (!target.counted && runs.cells.some((cell) => cell !== UNCOUNTED)) {
        // Moved into an ignored path: its counted lines leave the report here.
        let total = 0;
        for (let i = 0; i < runs.lens.length; i++) {
          this.removed(runs.cells[i], runs.lens[i], commit, oldService);
          total += runs.lens[i];
        }
        runs = { lens: [total], cells: [UNCOUNTED] };
      }
      state.set(diff.newPath, { runs });
    }
  }

  /** Lines alive now, per cell. */
  surviving(): number[] {
    const out = new Array<number>(this.state.cells.commit.length).fill(0);
    for (const file of this.state.files.values()) {
      if (file.opaque) continue;
      for (let i = 0; i < file.runs.lens.length; i++) if (file.runs.cells[i] !== UNCOUNTED) out[file.runs.cells[i]] += file.runs.lens[i];
    }
    return out;
  }

  /** The commit that wrote each line of a file, for checks against `git blame`. */
  blame(path: string): string[] | undefined {
    const file = this.state.files.get(path);
    if (!file || file.opaque) return undefined;
    const out: string[] = [];
    for (let i = 0; i < file.runs.lens.length; i++) {
      const cell = file.runs.cells[i];
      const id = cell === UNCOUNTED ? '' : this.state.commits.id[this.state.cells.commit[cell]];
      for (let j = 0; j < file.runs.lens[i]; j++) out.push(id);
    }
    return out;
  }

  commitIndexOf(id: string): number | undefined {
    return this.commitIndex.get(id);
  }
}

function expandLevels(runs: { lens: number[]; levels: number[] }): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs.lens.length; i++) for (let j = 0; j < runs.lens[i]; j++) out.push(runs.levels[i]);
  return out;
}

/** Who wrote / removed a line a merge brings in, matched by path and exact text in the merged branch. */
export interface LineOrigins {
  /** The branch commit that wrote the line, and the line's level from that commit's line evidence. */
  writer(path: string, text: string): { commit: number; lineLevel: number } | undefined;
  deleter(path: string, text: string): number | undefined;
}

/** Builds the matcher from the branch commits of one merge, oldest first (newest wins). */
export function branchOrigins(branch: readonly { index: number; files: readonly FileDiff[]; lineLevels?: AddedLineLevels }[]): LineOrigins {
  // Texts by path, then by text: no key string made per line.
  const writers = new Map<string, Map<string, { commit: number; lineLevel: number }>>();
  const deleters = new Map<string, Map<string, number>>();
  const of = <T>(map: Map<string, Map<string, T>>, path: string) => {
    let texts = map.get(path);
    if (!texts) {
      texts = new Map();
      map.set(path, texts);
    }
    return texts;
  };
  for (const { index, files, lineLevels } of branch) {
    for (const diff of files) {
      for (const hunk of diff.hunks) {
        if (diff.newPath !== null && hunk.added?.length) {
          const own = lineLevels?.runs(diff.newPath, hunk.newStart, hunk.newCount);
          const levels = own ? expandLevels(own) : undefined;
          const texts = of(writers, diff.newPath);
          hunk.added.forEach((text, line) => {
            texts.set(text, { commit: index, lineLevel: levels?.[line] ?? COMMIT_LEVEL });
          });
        }
        if (diff.oldPath !== null && hunk.removed?.length) {
          const texts = of(deleters, diff.oldPath);
          for (const text of hunk.removed) texts.set(text, index);
        }
      }
    }
  }
  return {
    writer: (path, text) => writers.get(path)?.get(text),
    deleter: (path, text) => deleters.get(path)?.get(text),
  };
}
