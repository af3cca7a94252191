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
 * Applies edits (ordered by start, not overlapping) and returns the new runs. `onRemove` hears
 * every removed stretch: its cell, how many lines, which edit, and the offset inside that edit's
 * removed lines. Throws DiffMismatchError when an edit points past the known lines.
 */
export function applyEdits(runs: Runs, edits: readonly Edit[], onRemove?: (cell: number, count: number, edit: number, offset: number) => void): Runs {
  const { lens, cells } = runs;
  const outLens: number[] = [];
  const outCells: number[] = [];
  const push = (len: number, cell: number) => {
    if (len <= 0) return;
    const last = outCells.length - 1;
    if (last >= 0 && outCells[last] === cell) outLens[last] += len;
    else {
      outLens.push(len);
      outCells.push(cell);
    }
  };
  let run = 0;
  let used = 0; // lines of `run` already consumed
  let position = 0; // old line index
  const copy = (count: number) => {
    while (count > 0) {
      if (run >= lens.length) throw new DiffMismatchError(`edit at line ${position + 1} is past the end (${position} lines)`);
      const take = Math.min(count, lens[run] - used);
      push(take, cells[run]);
      used += take;
      count -= take;
      position += take;
      if (used === lens[run]) {
        run++;
        used = 0;
      }
    }
  };
  for (let e = 0; e < edits.length; e++) {
    const edit = edits[e];
    if (edit.start < position) throw new DiffMismatchError(`edits overlap at line ${edit.start + 1}`);
    copy(edit.start - position);
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
    for (let i = 0; i < edit.insertLens.length; i++) push(edit.insertLens[i], edit.insertCells[i]);
  }
  if (run < lens.length) {
    push(lens[run] - used, cells[run]);
    for (let i = run + 1; i < lens.length; i++) push(lens[i], cells[i]);
  }
  return { lens: outLens, cells: outCells };
}

/** One cell per line, for tests and checks against `git blame`. */
export function expandRuns(runs: Runs): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs.lens.length; i++) for (let j = 0; j < runs.lens[i]; j++) out.push(runs.cells[i]);
  return out;
}
