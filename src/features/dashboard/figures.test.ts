import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { byLevel, outcomesOf, selectRows, serviceTable, sharesOf } from './figures.ts';

const LEVELS = ['none', 'assisted', 'generated', 'unknown'];
const row = (period: string, service: string, level: string, linesAdded: number, extra: Record<string, number> = {}) => ({
  repository: 'r',
  service,
  period,
  level,
  commits: 1,
  linesAdded,
  linesDeleted: 0,
  surviving: linesAdded,
  replaced: 0,
  reworkMature: linesAdded,
  reworkReworked: 1,
  reworkRate: 0.5,
  fixFollowUpCommits: 1,
  fixFollowUpFollowed: 1,
  fixFollowUpRate: 1,
  reverted: 0,
  serviceAiShare: 0.1,
  ...extra,
});

const rows = [
  row('2026-01', '(all)', 'none', 10),
  row('2026-01', '(all)', 'generated', 30),
  row('2026-02', '(all)', 'assisted', 20),
  row('2026-02', '(all)', 'unknown', 40, { velocityLines: 3 }),
  row('2026-02', 'api', 'unknown', 40),
];

test('shares are recomputed from summed lines; the range counts unknown lines as human, then as AI', () => {
  const totals = byLevel(selectRows(rows, { service: '(all)' }), LEVELS);
  const shares = sharesOf(totals, LEVELS);
  assert.is(shares.aiShare, 50 / 60);
  assert.is(shares.unknownShare, 40 / 100);
  assert.is(shares.aiShareLower, 50 / 100);
  assert.is(shares.aiShareUpper, 90 / 100);
  assert.is(shares.commits, 4);
  assert.is(totals.unknown.extra.velocityLines, 3, 'a whole-number field the report adds is summed');
  assert.not.ok('serviceAiShare' in totals.none.extra, 'shares are not summed');
});

test('selection by service and period range; rates from parts, never averaged', () => {
  assert.is(selectRows(rows, { service: '(all)', from: '2026-02', to: '2026-02' }).length, 2);
  assert.is(selectRows(rows, { service: 'api' }).length, 1);
  const outcomes = outcomesOf('x', byLevel(selectRows(rows, { service: '(all)' }), LEVELS).generated);
  assert.equal(outcomes, { level: 'x', reworkRate: 1 / 30, fixFollowUpRate: 1, revertRate: 0, survival: 1 });
  assert.equal(sharesOf(byLevel([], LEVELS), LEVELS).aiShare, null);
});

test('the service table lists services before their total', () => {
  assert.equal(
    serviceTable(rows, {}).map((group) => group.service),
    ['api', '(all)'],
  );
});

test.run();
