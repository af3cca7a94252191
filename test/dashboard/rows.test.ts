// `report --format ndjson|parquet`: one row per repository × service × period × level whose
// figures add up to the JSON report's, and a Parquet file DuckDB reads with the documented columns.

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanupTempDirs, tempDir, TempRepo } from '../helpers/repo.ts';
import { dashboardFixture } from './fixture.ts';

let repo: TempRepo;
let report: any;
let rows: any[];

const PARTS: [string, (f: any) => number][] = [
  ['commits', (f) => f.commits],
  ['linesAdded', (f) => f.linesAdded],
  ['linesDeleted', (f) => f.linesDeleted],
  ['surviving', (f) => f.surviving],
  ['replaced', (f) => f.replaced],
  ['reworkMature', (f) => f.rework.mature],
  ['reworkReworked', (f) => f.rework.reworked],
  ['fixFollowUpCommits', (f) => f.fixFollowUp.commits],
  ['fixFollowUpFollowed', (f) => f.fixFollowUp.followed],
  ['reverted', (f) => f.reverted],
];

test.before(() => {
  const parent = tempDir('gp-rows-');
  mkdirSync(join(parent, 'shop'));
  repo = dashboardFixture(new TempRepo({ dir: join(parent, 'shop') }));
  report = repo.json(['report', '--format', 'json']);
  const result = repo.cli(['report', '--format', 'ndjson']);
  assert.is(result.status, 0, result.stderr);
  rows = result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
});

test.after(() => cleanupTempDirs());

test('one row per repository × service × period × level, each with the schema and its keys', () => {
  const expected = report.periods.reduce((sum: number, period: any) => sum + (period.services.length + 1) * report.levels.length, 0);
  assert.is(rows.length, expected);
  assert.ok(rows.length >= 30);
  for (const row of rows) {
    assert.is(row.schema, 'git-provenance.rows/1');
    assert.is(row.repository, 'shop');
    assert.ok(report.levels.includes(row.level));
  }
  const keys = new Set(rows.map((row) => `${row.service}|${row.period}|${row.level}`));
  assert.is(keys.size, rows.length);
});

test('each period row carries the report period figures, and the periods add up to the totals', () => {
  for (const period of report.periods) {
    for (const service of [...period.services, period.total]) {
      for (const level of report.levels) {
        const row = rows.find((r) => r.period === period.period && r.service === service.service && r.level === level);
        const f = service.levels[level];
        for (const [column, read] of PARTS) assert.is(row[column], read(f), `${period.period} ${service.service} ${level} ${column}`);
        assert.is(row.reworkRate, f.rework.rate);
        assert.is(row.serviceAiShare, service.aiShare);
        assert.is(row.periodStart, period.start);
      }
    }
  }
  for (const service of [...report.services, report.total]) {
    for (const level of report.levels) {
      for (const [column, read] of PARTS) {
        const sum = rows.filter((r) => r.service === service.service && r.level === level).reduce((acc, r) => acc + r[column], 0);
        assert.is(sum, read(service.levels[level]), `${service.service} ${level} ${column} over all periods`);
      }
    }
  }
});

test('Parquet: the same rows, read back by DuckDB with the documented column types', async () => {
  const file = join(repo.dir, '..', 'rows.parquet');
  const result = repo.cli(['report', '--format', 'parquet', '-o', file]);
  assert.is(result.status, 0, result.stderr);
  assert.is(readFileSync(file).subarray(0, 4).toString(), 'PAR1');
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  const columns = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file.replace(/'/g, "''")}')`)).getRowObjectsJson();
  const types = Object.fromEntries(columns.map((column) => [String(column.column_name), String(column.column_type)]));
  assert.equal(
    {
      repository: types.repository,
      service: types.service,
      period: types.period,
      periodStart: types.periodStart,
      level: types.level,
      commits: types.commits,
      linesAdded: types.linesAdded,
      reworkRate: types.reworkRate,
      serviceAiShare: types.serviceAiShare,
      reverted: types.reverted,
    },
    {
      repository: 'VARCHAR',
      service: 'VARCHAR',
      period: 'VARCHAR',
      periodStart: 'VARCHAR',
      level: 'VARCHAR',
      commits: 'BIGINT',
      linesAdded: 'BIGINT',
      reworkRate: 'DOUBLE',
      serviceAiShare: 'DOUBLE',
      reverted: 'BIGINT',
    },
  );
  const back = (
    await connection.runAndReadAll(
      `SELECT count(*) AS n, sum(linesAdded)::INTEGER AS added, sum(commits)::INTEGER AS commits FROM read_parquet('${file.replace(/'/g, "''")}') WHERE service = '(all)'`,
    )
  ).getRowObjectsJson()[0];
  assert.is(Number(back.n), rows.filter((row) => row.service === '(all)').length);
  assert.is(Number(back.added), report.total.linesAdded);
  assert.is(Number(back.commits), report.total.commits);
  connection.closeSync();
});

test('Parquet refuses a terminal but writes to a pipe', () => {
  const piped = repo.cli(['report', '--format', 'parquet']);
  assert.is(piped.status, 0, piped.stderr);
  assert.ok(piped.stdout.startsWith('PAR1'));
});

test.run();
