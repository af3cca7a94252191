import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { columnType, flatten, formatNdjson, reportRows, rowColumns } from './rows.ts';

const level = (commits: number, added: number) => ({
  commits,
  linesAdded: added,
  linesDeleted: 0,
  rework: { mature: added, reworked: 1, rate: 1 / added },
  fixFollowUp: { commits, followed: 0, rate: 0 },
  reverted: 0,
  surviving: added - 1,
  replaced: 1,
});

test('flatten joins nested names in camel case and keeps scalars; booleans become 0/1, arrays are dropped', () => {
  assert.equal(flatten({ a: 1, rework: { mature: 2, rate: null }, deep: { x: { y: 'z' } }, ok: true, list: [1] }), {
    a: 1,
    reworkMature: 2,
    reworkRate: null,
    deepXY: 'z',
    ok: 1,
  });
});

test('one row per period × service (and the total) × level, with fields added to the report flattened in', () => {
  const service = (name: string) => ({
    service: name,
    aiShare: 0.5,
    unknownShare: null,
    linesAdded: 9,
    commits: 2,
    aiShareRange: { lower: 0.4, upper: 0.6 },
    levels: { none: { ...level(1, 4), velocity: { linesPerDay: 2 } }, generated: level(1, 5) },
  });
  const rows = reportRows(
    {
      levels: ['none', 'generated', 'unknown'],
      period: 'month',
      periods: [{ period: '2026-01', start: '2026-01-01', end: '2026-01-31', services: [service('api')], total: service('(all)') }],
    },
    'shop',
  );
  assert.is(rows.length, 4, 'a level missing from the figures has no row');
  assert.equal(rows[0], {
    repository: 'shop',
    service: 'api',
    period: '2026-01',
    periodStart: '2026-01-01',
    periodEnd: '2026-01-31',
    level: 'none',
    commits: 1,
    linesAdded: 4,
    linesDeleted: 0,
    reworkMature: 4,
    reworkReworked: 1,
    reworkRate: 0.25,
    fixFollowUpCommits: 1,
    fixFollowUpFollowed: 0,
    fixFollowUpRate: 0,
    reverted: 0,
    surviving: 3,
    replaced: 1,
    velocityLinesPerDay: 2,
    serviceAiShare: 0.5,
    serviceUnknownShare: null,
    serviceAiShareRangeLower: 0.4,
    serviceAiShareRangeUpper: 0.6,
  });
  assert.equal(
    rows.map((row) => `${row.service}/${row.level}`),
    ['api/none', 'api/generated', '(all)/none', '(all)/generated'],
  );
  assert.equal(rowColumns(rows).slice(0, 6), ['repository', 'service', 'period', 'periodStart', 'periodEnd', 'level']);
  assert.is(columnType('linesAdded', rows), 'BIGINT');
  assert.is(columnType('reworkRate', rows), 'DOUBLE');
  assert.is(columnType('serviceUnknownShare', rows), 'DOUBLE', 'a share is a fraction even when every value is null or whole');
  assert.is(columnType('service', rows), 'VARCHAR');
  const lines = formatNdjson(rows).trimEnd().split('\n');
  assert.is(lines.length, 4);
  assert.equal(JSON.parse(lines[0]).schema, 'git-provenance.rows/1');
});

test.run();
