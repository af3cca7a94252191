import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { BadRevisionError, UsageError } from '../model/errors.ts';
import { parseRange } from './revisions.ts';

const ends = (args: string[]) => {
  const range = parseRange(args);
  return { end: range.end, exclude: range.exclude };
};

test('the range forms name one end and the history left out', () => {
  assert.equal(ends(['main']), { end: 'main', exclude: [] });
  assert.equal(ends(['main~2..main']), { end: 'main', exclude: ['main~2'] });
  assert.equal(ends(['main~2..']), { end: 'HEAD', exclude: ['main~2'] });
  assert.equal(ends(['..main']), { end: 'main', exclude: ['HEAD'] });
  assert.equal(ends(['^main~2 main']), { end: 'main', exclude: ['main~2'] });
  assert.equal(ends(['^main~2', 'main']), { end: 'main', exclude: ['main~2'] });
  assert.equal(ends(['main', '^a', '^b']), { end: 'main', exclude: ['a', 'b'] });
  assert.equal(ends(['a..main ^b']), { end: 'main', exclude: ['a', 'b'] });
  assert.equal(ends(['  HEAD@{1}  ']), { end: 'HEAD@{1}', exclude: [] });
});

test('refused: symmetric ranges, no end or several, options and empty sides', () => {
  assert.throws(
    () => parseRange(['side...main']),
    (error: Error) => error instanceof UsageError && /symmetric ranges \(side\.\.\.main\)/.test(error.message),
  );
  assert.throws(
    () => parseRange(['^main']),
    (error: Error) => error instanceof UsageError && /has no end/.test(error.message),
  );
  assert.throws(
    () => parseRange(['main side']),
    (error: Error) => error instanceof UsageError && /has 2 ends \(main, side\)/.test(error.message),
  );
  assert.throws(
    () => parseRange(['a..b c..d']),
    (error: Error) => error instanceof UsageError && /has 2 ends/.test(error.message),
  );
  for (const bad of ['..', '-x', '--upload-pack=x', '^', '^-x', 'a..-x', 'a..b..c', '^^a']) {
    assert.throws(
      () => parseRange([bad, ...(bad.startsWith('^') ? ['HEAD'] : [])]),
      (error: Error) => error instanceof BadRevisionError && error.message.includes(bad),
      bad,
    );
  }
});

const name = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_/~@{}]{0,11}$/).filter((text) => !text.includes('..'));
const word = fc.oneof(
  name.map((rev) => ({ text: rev, ends: [rev], exclude: [] as string[] })),
  name.map((rev) => ({ text: `^${rev}`, ends: [] as string[], exclude: [rev] })),
  fc
    .tuple(fc.option(name, { nil: undefined }), fc.option(name, { nil: undefined }))
    .filter(([from, to]) => from !== undefined || to !== undefined)
    .map(([from, to]) => ({ text: `${from ?? ''}..${to ?? ''}`, ends: [to ?? 'HEAD'], exclude: [from ?? 'HEAD'] })),
);

test('property: any list of range words parses to its one end and its exclusions, or is refused for the number of ends', () => {
  fc.assert(
    fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), fc.boolean(), (words, oneArg) => {
      const args = oneArg ? [words.map((one) => one.text).join(' ')] : words.map((one) => one.text);
      const wantEnds = words.flatMap((one) => one.ends);
      if (wantEnds.length !== 1) {
        assert.throws(
          () => parseRange(args),
          (error: Error) => error instanceof UsageError,
        );
        return;
      }
      const range = parseRange(args);
      assert.is(range.end, wantEnds[0]);
      assert.equal(
        range.exclude,
        words.flatMap((one) => one.exclude),
      );
      assert.is(range.text, words.map((one) => one.text).join(' '));
    }),
  );
});

test('property: any text either parses to revisions that are plain names or throws a usage error', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 4 }), (args) => {
      try {
        const range = parseRange(args);
        for (const rev of [range.end, ...range.exclude]) {
          assert.ok(rev.length > 0 && !/\s/.test(rev) && !rev.startsWith('-') && !rev.startsWith('^') && !rev.includes('..'), rev);
        }
      } catch (error) {
        assert.ok(error instanceof UsageError || error instanceof BadRevisionError, String(error));
      }
    }),
  );
});

test.run();
