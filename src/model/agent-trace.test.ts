// Agent Trace records: what export writes is what import reads back (docs/FORMAT.md §7).

import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { contributorForLevel, modelFromTraceId, parseTraceRecord, traceModelId, traceRecordFor } from './agent-trace.ts';
import { toLineSet, type LineAttribution, type LineSet } from './line-attribution.ts';

const LEVELS = ['none', 'assisted', 'generated'];
const span = fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 8 })).map(([start, extra]) => [start, start + extra] as [number, number]);
const lineSet = fc.array(span, { maxLength: 5 }).map((spans) => toLineSet(spans));

test('model ids take the provider/model form', () => {
  assert.is(traceModelId('claude-code', 'claude-opus-4-7'), 'anthropic/claude-opus-4-7');
  assert.is(traceModelId('cursor', 'gpt-5'), 'openai/gpt-5');
  assert.is(traceModelId('aider', 'gemini-2.5-pro'), 'google/gemini-2.5-pro');
  assert.is(traceModelId('mytool', 'house-model'), 'mytool/house-model');
  assert.is(traceModelId('x', 'openrouter/some-model'), 'openrouter/some-model');
  assert.is(traceModelId('x', undefined), undefined);
  assert.is(modelFromTraceId('anthropic/claude-opus-4-7'), 'claude-opus-4-7');
  assert.equal(
    LEVELS.map((level) => contributorForLevel(LEVELS, level)),
    ['human', 'mixed', 'ai'],
  );
  assert.is(contributorForLevel(LEVELS, 'unknown'), 'unknown');
});

test('property: a record built from line evidence reads back as the same AI and human lines', () => {
  fc.assert(
    fc.property(lineSet, lineSet, lineSet, (ai, humanAll, unknownAll) => {
      const human = humanAll.filter(([start]) => !ai.some(([from, to]) => start >= from && start <= to)).filter((one) => one[0] > 60);
      const unknown = unknownAll.map(([start, end]) => [start + 200, end + 200] as [number, number]);
      const lines: LineAttribution = {
        source: 'git-ai',
        added: 0,
        ai: 0,
        human: 0,
        unknown: 0,
        files: [{ path: 'src/a b.ts', added: 0, ai, human: human as LineSet, unknown }],
        agent: { tool: 'cursor', model: 'gpt-5' },
      };
      const record = traceRecordFor({
        commit: 'c'.repeat(40),
        id: '00000000-0000-0000-0000-000000000000',
        timestamp: '2026-01-01T00:00:00Z',
        toolVersion: '1.0.0',
        levels: LEVELS,
        level: 'assisted',
        source: 'inferred',
        reviews: [],
        added: new Map(),
        lines,
      });
      if (!ai.length && !human.length && !unknown.length) {
        assert.is(record, undefined);
        return;
      }
      const { trace } = parseTraceRecord(JSON.parse(JSON.stringify(record)));
      assert.ok(trace);
      assert.is(trace.revision, 'c'.repeat(40));
      assert.equal(trace.files.get('src/a b.ts') ?? { ai: [], human: [] }, { ai, human });
      assert.equal(trace.ours?.basis, 'lines');
      if (ai.length) assert.is(trace.modelId, 'openai/gpt-5');
    }),
    { numRuns: 200 },
  );
});

test('reading is tolerant: bad ranges are dropped, a range contributor overrides its conversation, other VCSs are refused', () => {
  const { trace } = parseTraceRecord({
    version: '0.1.0',
    files: [
      {
        path: 'a.ts',
        conversations: [
          {
            contributor: { type: 'ai' },
            ranges: [
              { start_line: 5, end_line: 3 },
              { start_line: 1, end_line: 2 },
              { start_line: 3, end_line: 3, contributor: { type: 'human' } },
              { start_line: 'x', end_line: 4 },
            ],
          },
          { contributor: { type: 'mixed' }, ranges: [{ start_line: 2, end_line: 4 }] },
          { ranges: [{ start_line: 9, end_line: 9 }] },
        ],
      },
    ],
  });
  assert.equal(trace?.files.get('a.ts'), { ai: [[1, 4]], human: [[3, 3]] });
  assert.ok(parseTraceRecord({ version: '0.1', files: [], vcs: { type: 'hg', revision: 'x' } }).problem);
  assert.ok(parseTraceRecord([1]).problem);
  assert.ok(parseTraceRecord({ files: [] }).problem);
});

test.run();
