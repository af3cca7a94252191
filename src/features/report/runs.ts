// The lines of one file as runs of consecutive lines written by the same "cell" (a commit in a
// service). A diff with -U0 turns into edits in the OLD file's coordinates, so a whole commit's
// hunks apply in one sequential rebuild of the runs: O(runs + hunks) per changed file.

/** Origin of lines that are not counted (ignored paths): they take part in positions only. */
export const UNCOUNTED = -1;

export interface Runs {
  lens: number[];
  cells: number[];
}

export interface Edit {
  /** 0-based index, in the old file, of the first removed line (or of the line inserted before). */
  start: number;
  remove: number;
  /** Inserted lines as runs. */
  insertLens: readonly number[];
  insertCells: readonly number[];
}

export class DiffMismatchError extends Error {}

export function emptyRuns(): Runs {
  return { lens: [], cells: [] };
}

/** The edit for a `-a,b +c,d` hunk whose inserted lines all come from one cell. */
export function hunkEdit(oldStart: number, oldCount: number, newCount: number, cell: number): Edit {
  return {
    start: oldCount > 0 ? oldStart - 1 : oldStart,
    remove: oldCount,
    insertLens: newCount > 0 ? [newCount] : [],
    insertCells: newCount > 0 ? [cell] : [],
  };
}

/**
 * Applies edits (ordered by start, not overlapping) and returns the new runs (`inPlace`: the
 * given runs, overwritten once the whole pass succeeded). `onRemove` hears every removed
 * stretch: its cell, how many lines, which edit, and the offset inside that edit's removed
 * lines. Throws DiffMismatchError when an edit points past the known lines.
 */
export function applyEdits(
  runs: Runs,
  edits: readonly Edit[],
  onRemove?: (cell: number, count: number, edit: number, offset: number) => void,
  options: { inPlace?: boolean } = {},
): Runs {
  const { lens, cells } = runs;
  const out = new RunsBuilder(options.inPlace ? SCRATCH : undefined);
  let run = 0;
  let used = 0; // lines of `run` already consumed
  let position = 0; // old line index
  for (let e = 0; e < edits.length; e++) {
    const edit = edits[e];
    if (edit.start < position) throw new DiffMismatchError(`edits overlap at line ${edit.start + 1}`);
    let count = edit.start - position;
    while (count > 0) {
      if (run >= lens.length) throw new DiffMismatchError(`edit at line ${position + 1} is past the end (${position} lines)`);
      const take = Math.min(count, lens[run] - used);
      out.push(take, cells[run]);
      used += take;
      count -= take;
      position += take;
      if (used === lens[run]) {
        run++;
        used = 0;
      }
    }
    let left = edit.remove;
    let offset = 0;
    while (left > 0) {
      if (run >= lens.length) throw new DiffMismatchError(`removal at line ${position + 1} is past the end (${position} lines)`);
      const take = Math.min(left, lens[run] - used);
      onRemove?.(cells[run], take, e, offset);
      used += take;
      left -= take;
      offset += take;
      position += take;
      if (used === lens[run]) {
        run++;
        used = 0;
      }
    }
    for (let i = 0; i < edit.insertLens.length; i++) out.push(edit.insertLens[i], edit.insertCells[i]);
  }
  if (run < lens.length) {
    out.push(lens[run] - used, cells[run]);
    for (let i = run + 1; i < lens.length; i++) out.push(lens[i], cells[i]);
  }
  return options.inPlace ? out.copyTo(runs) : out.finish();
}

/**
 * Arrays reused by every in-place rebuild: the walk rebuilds a file's runs on every change, and
 * fresh arrays per change were most of its allocation (and outlived young collections).
 */
const SCRATCH: Runs = { lens: [], cells: [] };

/** Runs appended one at a time; equal neighbours merge. */
class RunsBuilder {
  private readonly lens: number[];
  private readonly cells: number[];
  private size = 0;

  constructor(into: Runs = { lens: [], cells: [] }) {
    this.lens = into.lens;
    this.cells = into.cells;
  }

  push(len: number, cell: number): void {
    if (len <= 0) return;
    if (this.size > 0 && this.cells[this.size - 1] === cell) this.lens[this.size - 1] += len;
    else {
      this.lens[this.size] = len;
      this.cells[this.size] = cell;
      this.size++;
    }
  }

  finish(): Runs {
    this.lens.length = this.size;
    this.cells.length = this.size;
    return { lens: this.lens, cells: this.cells };
  }

  /** Overwrites `runs` with what was built (after the whole pass: the callbacks read `runs`). */
  copyTo(runs: Runs): Runs {
    runs.lens.length = this.size;
    runs.cells.length = this.size;
    for (let i = 0; i < this.size; i++) {
      runs.lens[i] = this.lens[i];
      runs.cells[i] = this.cells[i];
    }
    return runs;
  }
}

/** One cell per line, for tests and checks against `git blame`. */
export function expandRuns(runs: Runs): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs.lens.length; i++) for (let j = 0; j < runs.lens[i]; j++) out.push(runs.cells[i]);
  return out;
}
