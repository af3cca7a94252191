import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { countLines, decodeAiLines, encodeAiLines, normalizeRanges, rangeAt, rangesOfLines, type AgentName, type LineRange } from './line-ranges.ts';
import { formatNote, NOTE_SCHEMA, parseNote } from './note.ts';

const agents: AgentName[] = [{ tool: 'claude-code', model: 'claude-opus-4-7' }, { tool: 'cursor' }];
const agentArb = fc.option(fc.constantFrom(...agents), { nil: undefined });
const rangeArb: fc.Arbitrary<LineRange> = fc
  .tuple(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 40 }), agentArb)
  .map(([start, length, agent]) => (agent ? { start, end: start + length, agent } : { start, end: start + length }));

/** line → agent tool (or '' for the file's own agent), the meaning of a list of ranges. */
function lineOwners(ranges: readonly LineRange[]): Map<number, string> {
  const owners = new Map<number, string>();
  for (const range of ranges) for (let line = range.start; line <= range.end; line++) if (!owners.has(line)) owners.set(line, range.agent?.tool ?? '');
  return owners;
}

test('normalized ranges are sorted, disjoint, and merged when adjacent with one agent', () => {
  fc.assert(
    fc.property(fc.array(rangeArb, { maxLength: 20 }), (ranges) => {
      const normal = normalizeRanges(ranges);
      for (let i = 1; i < normal.length; i++) {
        assert.ok(normal[i].start > normal[i - 1].end);
        if (normal[i].start === normal[i - 1].end + 1)
          assert.ok(normal[i].agent?.tool !== normal[i - 1].agent?.tool || normal[i].agent?.model !== normal[i - 1].agent?.model);
      }
      assert.equal(new Set(lineOwners(normal).keys()), new Set(lineOwners(ranges).keys()));
      assert.equal(normalizeRanges(normal), normal);
    }),
  );
});

test('ranges survive the note JSON: encode, format, parse, decode', () => {
  fc.assert(
    fc.property(fc.array(rangeArb, { maxLength: 20 }), agentArb, (ranges, fileAgent) => {
      const normal = normalizeRanges(
        ranges.map((range) => (range.agent && fileAgent && range.agent.tool === fileAgent.tool ? { start: range.start, end: range.end } : range)),
      );
      const decoded = decodeAiLines(JSON.parse(JSON.stringify(encodeAiLines(normal, fileAgent))), fileAgent);
      assert.equal(decoded, normal);
      const note = parseNote(
        formatNote({
          schema: NOTE_SCHEMA,
          level: 'assisted',
          recordedBy: 'hook',
          recordedAt: '2026-01-01T00:00:00.000Z',
          files: [{ path: 'a.ts', service: '(other)', zone: null, added: 1, deleted: 0, aiLines: normal, ...(fileAgent ? { agent: fileAgent } : {}) }],
          reviews: [],
        }),
        ['none', 'assisted', 'generated'],
      ).note;
      assert.equal(note?.files[0].aiLines, normal);
    }),
  );
});

test('lines → ranges → lines is the identity, and counts agree', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 500 }), { maxLength: 100 }), (lines) => {
      const ranges = rangesOfLines(lines);
      assert.equal(
        [...lineOwners(ranges).keys()].sort((a, b) => a - b),
        [...new Set(lines)].sort((a, b) => a - b),
      );
      assert.is(countLines(ranges), new Set(lines).size);
      for (const line of lines) assert.ok(rangeAt(ranges, line));
      assert.is(rangeAt(ranges, 0), undefined);
    }),
  );
});

test('malformed aiLines are no evidence; unsorted and overlapping ones are merged', () => {
  for (const bad of ['1-3', [[0, 2]], [[3, 2]], [[1.5, 2]], [[1]], [[1, 2, {}, 4]], [['1', '2']], {}, null])
    assert.is(decodeAiLines(bad), undefined, JSON.stringify(bad));
  assert.equal(decodeAiLines([]), []);
  assert.equal(
    decodeAiLines([
      [8, 9],
      [1, 4],
      [3, 6],
      [7, 7],
    ]),
    [{ start: 1, end: 9 }],
  );
  assert.equal(
    decodeAiLines([
      [1, 2, { tool: 'cursor' }],
      [3, 4],
    ]),
    [
      { start: 1, end: 2, agent: { tool: 'cursor' } },
      { start: 3, end: 4 },
    ],
  );
});

test('an old note without aiLines stays valid and gains no evidence', () => {
  const text = JSON.stringify({
    schema: 'git-provenance/1',
    level: 'none',
    recordedBy: 'hook',
    recordedAt: '',
    files: [{ path: 'a', service: 'x', zone: null, added: 1, deleted: 0 }],
  });
  const parsed = parseNote(text, ['none', 'assisted', 'generated']);
  assert.equal(parsed.warnings, []);
  assert.is(parsed.note?.files[0].aiLines, undefined);
  assert.not.match(formatNote(parsed.note!), /aiLines/);
});

test.run();
