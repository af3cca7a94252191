import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { COMMENT_MARKER, markdownText, summaryMarkdown } from './summary.ts';

test('markdownText: one line, no raw table bar, HTML or mention, whatever the input', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (text) => {
      const out = markdownText(text);
      assert.not.match(out, /[\n\r\u2028\u2029]/);
      assert.not.match(out, /(^|[^\\])[|<>`]/);
      assert.not.match(out, /@[^\u200b]/);
    }),
    { numRuns: 500 },
  );
});

test('the summary starts with the marker and gives the share, its range, violations, budgets and coverage', () => {
  const text = summaryMarkdown({
    title: 'PR #1',
    report: {
      levels: ['none', 'generated', 'unknown'],
      range: { commits: 3 },
      total: {
        aiShare: 0.5,
        unknownShare: 0.2,
        linesAdded: 10,
        levels: { none: { commits: 1, linesAdded: 4 }, generated: { commits: 1, linesAdded: 4 }, unknown: { commits: 1, linesAdded: 2 } },
      },
    },
    violations: [],
    budgets: [],
    explanations: [
      { repository: 'r', period: '2026-01', level: 'generated', commits: 4, explained: 3 },
      { repository: 'r', period: '2026-01', level: 'none', commits: 9, explained: 0 },
    ],
  });
  assert.ok(text.startsWith(`${COMMENT_MARKER}\n`));
  assert.match(text, /\*\*50\.0%\*\* \(range 40\.0% – 60\.0%/);
  assert.match(text, /\*\*Zone violations:\*\* none/);
  assert.match(text, /\*\*Budgets:\*\* none configured/);
  assert.match(text, /3 of 4 AI commits carry an explanation \(75\.0%\)/);
});

test.run();
