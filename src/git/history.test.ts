// The diff-stream parser: hunk counts decide what is content, only a NUL-led line starts a
// commit, and the result never depends on where git's output is cut into chunks.

import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type CommitDiff, parseLog } from './history.ts';

async function parse(chunks: readonly string[], keep = false): Promise<CommitDiff[]> {
  async function* source() {
    yield* chunks;
  }
  const out: CommitDiff[] = [];
  for await (const commit of parseLog(source(), { keepText: () => keep })) out.push(commit);
  return out;
}

const ID_A = 'a'.repeat(40);
const ID_B = 'b'.repeat(40);

/** One commit's `git log -p -U0` output with the given content lines in a single hunk. */
function commitText(id: string, removed: readonly string[], added: readonly string[]): string {
  const lines = [`\0${id} ${'c'.repeat(40)}`, '', 'diff --git a/f.txt b/f.txt', 'index 1111111..2222222 100644', '--- a/f.txt', '+++ b/f.txt'];
  lines.push(`@@ -1,${removed.length} +1,${added.length} @@`, ...removed.map((text) => `-${text}`), ...added.map((text) => `+${text}`));
  return `${lines.join('\n')}\n`;
}

test('content lines that look like headers stay content; the counts decide', async () => {
  const text = commitText(ID_A, ['--- a/x', 'diff --git a/y b/y'], ['+++ b/x', '@@ -1 +1 @@', '\\ not a marker']) + commitText(ID_B, [], ['z']);
  const [a, b] = await parse([text], true);
  assert.is(a.commit, ID_A);
  assert.equal(a.parents, ['c'.repeat(40)]);
  assert.equal(a.files[0].hunks[0].removed, ['--- a/x', 'diff --git a/y b/y']);
  assert.equal(a.files[0].hunks[0].added, ['+++ b/x', '@@ -1 +1 @@', '\\ not a marker']);
  assert.is(b.commit, ID_B);
  assert.equal(b.files[0].hunks[0].added, ['z']);
});

test('property: the same commits whatever the chunk boundaries, with or without texts', async () => {
  const content = fc.oneof(
    fc.constantFrom(
      '',
      '\0',
      `\0${ID_B}`,
      '--- a/f.txt',
      '+++ b/f.txt',
      'diff --git a/f.txt b/f.txt',
      '@@ -1 +1 @@',
      '\\ No newline at end of file',
      '\r',
      'é',
    ),
    fc.string({ maxLength: 8 }).map((text) => text.replace(/\n/g, '')),
  );
  await fc.assert(
    fc.asyncProperty(
      fc.array(content, { maxLength: 6 }),
      fc.array(content, { maxLength: 6 }),
      fc.array(fc.nat(), { maxLength: 8 }),
      fc.boolean(),
      async (removed, added, cuts, keep) => {
        const text = commitText(ID_A, removed, added) + commitText(ID_B, [], ['tail']);
        const whole = await parse([text], keep);
        const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((x, y) => x - y);
        const pieces: string[] = [];
        let from = 0;
        for (const point of points) {
          pieces.push(text.slice(from, point));
          from = point;
        }
        pieces.push(text.slice(from));
        assert.equal(await parse(pieces, keep), whole);
        assert.equal(
          whole.map((commit) => commit.commit),
          [ID_A, ID_B],
        );
        const hunk = whole[0].files[0].hunks[0];
        assert.equal([hunk.oldCount, hunk.newCount], [removed.length, added.length]);
        if (keep) assert.equal([hunk.removed, hunk.added], [removed, added]);
      },
    ),
    { numRuns: 300 },
  );
});

test('property: a hunk header is read as git writes it, and anything else is not a hunk', async () => {
  const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
  const number = fc.oneof(fc.nat({ max: 99_999 }).map(String), fc.constantFrom('', 'x', '-1', '07'));
  const header = fc
    .tuple(
      number,
      fc.option(number),
      number,
      fc.option(number),
      fc.constantFrom(' @@', ' @@ fn()', ' @', '@@', ' @@@'),
      fc.constantFrom('@@ -', '@@-', '@ -', '@@ +'),
    )
    .map(([a, b, c, d, tail, head]) => `${head}${a}${b === null ? '' : `,${b}`} +${c}${d === null ? '' : `,${d}`}${tail}`);
  await fc.assert(
    fc.asyncProperty(header, async (line) => {
      const lines = [`\0${ID_A}`, 'diff --git a/f.txt b/f.txt', '--- a/f.txt', '+++ b/f.txt', line];
      const [commit] = await parse([`${lines.join('\n')}\n`]);
      const match = HUNK.exec(line);
      const expected = match
        ? [
            {
              oldStart: Number(match[1]),
              oldCount: match[2] === undefined ? 1 : Number(match[2]),
              newStart: Number(match[3]),
              newCount: match[4] === undefined ? 1 : Number(match[4]),
            },
          ]
        : [];
      assert.equal(commit.files[0].hunks, expected);
    }),
    { numRuns: 500 },
  );
});

test.run();
