import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { FUTURE_TOLERANCE, LATEST_TIME, arrivalTimes, describeTime, plausibleTime } from './dates.ts';

const NOW = 1_800_000_000;

test('a commit is never counted as older than what it builds on, nor later than the check', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -1e6, max: 4e9 }), { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { maxLength: 30 }), (dates, picks) => {
      // A random DAG: each commit's parents are earlier ones.
      const pick = (i: number) => picks[i] ?? i;
      const commits = dates.map((time, i) => ({
        commit: `c${i}`,
        parents: i === 0 ? [] : [`c${pick(i) % i}`, ...(pick(i) % 3 === 0 && i > 1 ? [`c${(pick(i) + 1) % i}`] : [])],
        time,
      }));
      const { times } = arrivalTimes([...commits].reverse(), NOW);
      for (const commit of commits) {
        const own = times.get(commit.commit)!;
        assert.ok(own <= NOW + FUTURE_TOLERANCE);
        for (const parent of commit.parents) assert.ok(own >= times.get(parent)!, `${commit.commit} before ${parent}`);
      }
    }),
  );
});

test('backdating under a human commit and future dates are flagged', () => {
  const { times, flags } = arrivalTimes(
    [
      { commit: 'base', parents: [], time: NOW - 10 * 86_400 },
      { commit: 'ai', parents: ['base'], time: NOW - 400 * 86_400 },
      { commit: 'human', parents: ['ai'], time: NOW + 90 * 86_400 },
    ],
    NOW,
  );
  assert.is(times.get('ai'), NOW - 10 * 86_400);
  assert.is(times.get('human'), NOW + FUTURE_TOLERANCE);
  assert.equal(
    flags.map((flag) => flag.commit),
    ['ai', 'human'],
  );
});

test('absurd times are clamped and described without throwing', () => {
  assert.is(plausibleTime(1e13), LATEST_TIME);
  assert.is(plausibleTime(Number.NaN), 0);
  assert.is(describeTime(1e13), '@10000000000000');
  assert.is(describeTime(0), '1970-01-01T00:00:00Z');
});

test.run();
