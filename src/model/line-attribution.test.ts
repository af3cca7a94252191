// Line sets, git-ai's attestation format and the split of a commit's added lines, from the
// Git AI Standard (authorship/3.x) and docs/FORMAT.md §6.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import {
  attributeLines,
  claimsFromGitAi,
  claimsFromNote,
  lineCount,
  gitAiKeyKind,
  intersectLines,
  lineKindRuns,
  rangesOf,
  toLineSet,
  parseGitAiNote,
  parseRangeList,
  subtractLines,
  type LineSet,
} from './line-attribution.ts';
import { createNote } from './note.ts';

const RUNS = { numRuns: 300 };
const range = fc.tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 12 })).map(([start, extra]) => [start, start + extra] as [number, number]);
const ranges = fc.array(range, { maxLength: 8 });
const lineSet = ranges.map((list) => toLineSet(list));

function members(set: LineSet): Set<number> {
  const out = new Set<number>();
  for (const [start, end] of set) for (let line = start; line <= end; line++) out.add(line);
  return out;
}

function membersOf(list: readonly [number, number][]): Set<number> {
  return members(list.map(([start, end]) => [start, end]));
}

test('toLineSet counts every listed line once, however the ranges overlap or are ordered', () => {
  fc.assert(
    fc.property(ranges, (list) => {
      const set = toLineSet(list);
      assert.equal(members(set), membersOf(list));
      assert.is(lineCount(set), membersOf(list).size);
      for (let i = 1; i < set.length; i++) assert.ok(set[i][0] > set[i - 1][1] + 1, 'sorted, disjoint, not adjacent');
      assert.equal(toLineSet([...list].reverse()), set);
    }),
    RUNS,
  );
});

test('intersectLines and subtractLines agree with set intersection and difference', () => {
  fc.assert(
    fc.property(lineSet, lineSet, (a, b) => {
      const left = members(a);
      const right = members(b);
      assert.equal(members(intersectLines(a, b)), new Set([...left].filter((line) => right.has(line))));
      assert.equal(members(subtractLines(a, b)), new Set([...left].filter((line) => !right.has(line))));
      assert.equal(toLineSet(subtractLines(a, b)), subtractLines(a, b));
    }),
    RUNS,
  );
});

test('parseRangeList reads "1-2,8,37-59" and refuses other text', () => {
  assert.equal(parseRangeList('1-2,8,37-59'), [
    [1, 2],
    [8, 8],
    [37, 59],
  ]);
  assert.is(parseRangeList('1-2,x'), undefined);
  assert.is(parseRangeList(''), undefined);
  fc.assert(
    fc.property(fc.array(range, { minLength: 1, maxLength: 6 }), (list) => {
      const text = list.map(([start, end]) => (start === end ? `${start}` : `${start}-${end}`)).join(',');
      assert.equal(parseRangeList(text), list);
    }),
    RUNS,
  );
});

test('key forms: sessions, 16-hex, 7-hex and UUID keys are AI; h_ keys human; placeholders and other words unknown', () => {
  assert.is(gitAiKeyKind('s_0123456789abcd::t_0123456789abcd'), 'ai');
  assert.is(gitAiKeyKind('0123456789abcdef'), 'ai');
  assert.is(gitAiKeyKind('abc1234'), 'ai');
  assert.is(gitAiKeyKind('123e4567-e89b-12d3-a456-426614174000'), 'ai');
  assert.is(gitAiKeyKind('h_0123456789abcd'), 'human');
  assert.is(gitAiKeyKind('human'), 'unknown');
  assert.is(gitAiKeyKind('ai_agent'), 'unknown');
  assert.is(gitAiKeyKind('something'), 'unknown');
  assert.is(gitAiKeyKind('something', new Set(['something'])), 'ai', 'a key the metadata describes is an AI prompt');
});

const NOTE = [
  'src/app.ts',
  '  0123456789abcdef 1-3,10',
  '  abc1234 2-5',
  '  h_99999999999999 20-22',
  '"docs/read me.md"',
  '  s_0123456789abcd::t_0123456789abcd 7,1-2',
  '  human 30-40',
  '---',
  JSON.stringify({
    schema_version: 'authorship/3.0.0',
    base_commit_sha: 'x',
    prompts: {
      '0123456789abcdef': { agent_id: { tool: 'Cursor', id: 'c1', model: 'gpt-5' }, messages: [{ type: 'user', text: 'SECRET PROMPT' }] },
    },
  }),
].join('\n');

test('parseGitAiNote reads quoted paths, merges overlapping keys, ignores placeholders and never keeps prompt text', () => {
  const note = parseGitAiNote(NOTE);
  assert.ok(note);
  assert.equal(note.files.get('src/app.ts'), {
    ai: [
      [1, 5],
      [10, 10],
    ],
    human: [[20, 22]],
  });
  assert.equal(note.files.get('docs/read me.md'), {
    ai: [
      [1, 2],
      [7, 7],
    ],
    human: [],
  });
  assert.equal(note.agent, { tool: 'cursor', model: 'gpt-5' });
  assert.not.ok(JSON.stringify([...note.files.entries(), note.agent, note.warnings]).includes('SECRET'));
  assert.is(parseGitAiNote('not a note'), undefined);
  assert.is(parseGitAiNote('---\n{}'), undefined);
});

test('only lines the commit added count: carried-forward ranges drop out, unlisted lines are unknown', () => {
  const note = parseGitAiNote(NOTE)!;
  // The commit added lines 3-4 and 21-25 of src/app.ts and line 7 of the other file.
  const added = new Map<string, LineSet>([
    [
      'src/app.ts',
      [
        [3, 4],
        [21, 25],
      ],
    ],
    ['docs/read me.md', [[7, 7]]],
  ]);
  const lines = attributeLines(added, claimsFromGitAi(note));
  assert.equal([lines.added, lines.ai, lines.human, lines.unknown], [8, 3, 2, 3]);
  assert.equal(
    lines.files.find((file) => file.path === 'src/app.ts'),
    {
      path: 'src/app.ts',
      added: 7,
      ai: [[3, 4]],
      human: [[21, 22]],
      unknown: [[23, 25]],
    },
  );
});

test('attributeLines partitions the added lines: ai + human + unknown = added, for any claims', () => {
  fc.assert(
    fc.property(lineSet, lineSet, lineSet, fc.boolean(), (added, ai, human, hook) => {
      const note = createNote({
        level: 'assisted',
        recordedBy: hook ? 'hook' : 'import',
        recordedAt: '',
        files: [{ path: 'f', service: 's', zone: null, added: 0, deleted: 0, aiLines: rangesOf(ai), humanLines: human }],
      });
      const lines = attributeLines(new Map([['f', added]]), claimsFromNote(note)!);
      assert.is(lines.ai + lines.human + lines.unknown, lineCount(added));
      assert.is(lines.ai, lineCount(intersectLines(added, ai)));
      if (hook) assert.is(lines.unknown, 0);
      const runs = lineKindRuns(lines.files[0], 1, 80);
      assert.is(
        runs.lens.reduce((sum, len) => sum + len, 0),
        80,
      );
    }),
    RUNS,
  );
});

test('a note without line ranges makes no line claims; a file without ranges keeps the commit level, aiLines: [] is all human', () => {
  const file = { service: 's', zone: null, added: 3, deleted: 0 };
  const plain = createNote({ level: 'generated', recordedBy: 'hook', recordedAt: '', files: [{ path: 'f', ...file }] });
  assert.is(claimsFromNote(plain), undefined);
  const mixed = createNote({
    level: 'assisted',
    recordedBy: 'hook',
    recordedAt: '',
    files: [
      { path: 'a', ...file, aiLines: [] },
      { path: 'b', ...file, aiLines: [{ start: 2, end: 2 }] },
      { path: 'c', ...file },
    ],
  });
  const lines = attributeLines(
    new Map<string, LineSet>([
      ['a', [[1, 3]]],
      ['b', [[1, 3]]],
      ['c', [[1, 3]]],
    ]),
    claimsFromNote(mixed)!,
  );
  assert.equal([lines.added, lines.ai, lines.human, lines.unknown], [6, 1, 5, 0]);
  assert.equal(
    lines.files.map((one) => one.path),
    ['a', 'b'],
  );
});

test.run();
