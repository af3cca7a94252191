import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyEdits, DiffMismatchError, expandRuns, hunkEdit, type Edit, type Runs } from './runs.ts';

const runsOf = (cells: number[]): Runs => {
  const out: Runs = { lens: [], cells: [] };
  for (const cell of cells) {
    const last = out.cells.length - 1;
    if (last >= 0 && out.cells[last] === cell) out.lens[last]++;
    else {
      out.lens.push(1);
      out.cells.push(cell);
    }
  }
  return out;
};

test('a -U0 hunk removes b lines and inserts d at (b > 0 ? a-1 : a) in old coordinates', () => {
  const base = runsOf([1, 1, 1, 1, 1]);
  // @@ -2,2 +2,1 @@: lines 2-3 replaced by one line
  assert.equal(expandRuns(applyEdits(base, [hunkEdit(2, 2, 1, 7)])), [1, 7, 1, 1]);
  // @@ -3,0 +4,2 @@: two lines inserted after line 3
  assert.equal(expandRuns(applyEdits(base, [hunkEdit(3, 0, 2, 7)])), [1, 1, 1, 7, 7, 1, 1]);
  // @@ -0,0 +1 @@: inserted before the first line
  assert.equal(expandRuns(applyEdits(base, [hunkEdit(0, 0, 1, 7)])), [7, 1, 1, 1, 1, 1]);
  // two hunks in one file, both in old coordinates
  assert.equal(expandRuns(applyEdits(base, [hunkEdit(1, 1, 0, 7), hunkEdit(5, 0, 1, 8)])), [1, 1, 1, 1, 8]);
});

test('removals are reported per run with the edit and offset; adjacent equal runs merge', () => {
  const seen: [number, number, number, number][] = [];
  const out = applyEdits(runsOf([1, 1, 2, 2, 3]), [hunkEdit(2, 3, 0, 9)], (cell, count, edit, offset) => seen.push([cell, count, edit, offset]));
  assert.equal(seen, [
    [1, 1, 0, 0],
    [2, 2, 0, 1],
  ]);
  assert.equal(out, { lens: [1, 1], cells: [1, 3] });
  assert.equal(applyEdits(runsOf([1, 2, 1]), [hunkEdit(2, 1, 0, 0)]), { lens: [2], cells: [1] });
});

test('an edit past the end of the known lines is a DiffMismatchError, not a silent miscount', () => {
  assert.throws(
    () => applyEdits(runsOf([1, 1]), [hunkEdit(3, 1, 0, 0)]),
    (error: unknown) => error instanceof DiffMismatchError,
  );
});

test('property: applying random edits matches a plain per-line array model', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 30 }),
      fc.array(fc.record({ gap: fc.nat(4), remove: fc.nat(4), insert: fc.array(fc.integer({ min: 4, max: 6 }), { maxLength: 4 }) }), { maxLength: 6 }),
      (initial, raw) => {
        const edits: Edit[] = [];
        const model = [...initial];
        let position = 0;
        const removedSeen: number[] = [];
        const removedExpected: number[] = [];
        let shift = 0;
        for (const { gap, remove, insert } of raw) {
          const start = position + gap;
          if (start > initial.length) break;
          const count = Math.min(remove, initial.length - start);
          edits.push({ start, remove: count, insertLens: insert.map(() => 1), insertCells: insert });
          removedExpected.push(...initial.slice(start, start + count));
          model.splice(start + shift, count, ...insert);
          shift += insert.length - count;
          position = start + count;
        }
        const out = applyEdits(runsOf(initial), edits, (cell, count) => {
          for (let i = 0; i < count; i++) removedSeen.push(cell);
        });
        assert.equal(expandRuns(out), model);
        assert.equal(removedSeen, removedExpected);
        for (let i = 1; i < out.cells.length; i++) assert.is.not(out.cells[i], out.cells[i - 1]);
      },
    ),
    { numRuns: 300 },
  );
});

test.run();
