import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { OrgDb } from './db.ts';
import { OTHER_REPOSITORIES, orgDashboard, orgReport } from './report.ts';

const LEVELS = ['none', 'generated', 'unknown'];
const row = (repository: string, service: string, period: string, level: string, linesAdded: number) => ({
  repository,
  service,
  period,
  periodStart: `${period}-01`,
  periodEnd: `${period}-28`,
  level,
  commits: 1,
  linesAdded,
  linesDeleted: 0,
  reworkMature: linesAdded,
  reworkReworked: 1,
  reworkRate: 1 / linesAdded,
  fixFollowUpCommits: 1,
  fixFollowUpFollowed: 0,
  fixFollowUpRate: 0,
  reverted: 0,
  surviving: linesAdded,
  replaced: 0,
  serviceAiShare: null,
  serviceUnknownShare: null,
});

async function database(): Promise<OrgDb> {
  const db = await OrgDb.open(':memory:');
  const sizes: Record<string, number> = { big: 100, mid: 10, small: 1 };
  for (const [repository, size] of Object.entries(sizes)) {
    const rows = ['2026-01', '2026-02'].flatMap((period) =>
      ['api', '(all)'].flatMap((service) => LEVELS.map((level, i) => row(repository, service, period, level, size * (i + 1)))),
    );
    await db.replace(
      {
        repository,
        path: `/src/${repository}`,
        state: 's',
        levels: ['none', 'generated', 'unknown'],
        period: 'month',
        windowDays: 14,
        commits: 6,
        scannedAt: '2026-03-01T00:00:00Z',
      },
      rows,
      [],
      [{ repository, period: '2026-01', level: 'generated', commits: 2, explained: 1 }],
    );
  }
  return db;
}

test('org report: per repository and in total, from the all-services rows, rates from the sums', async () => {
  const db = await database();
  const report = await orgReport(db);
  assert.equal(
    report.repositories.map((entry) => entry.repository),
    ['big', 'mid', 'small'],
  );
  const big = report.repositories[0];
  assert.is(big.linesAdded, 2 * (100 + 200 + 300));
  assert.is(big.aiShare, 400 / 600);
  assert.is(report.total.linesAdded, 2 * 6 * 111);
  assert.is(report.total.levels.generated.reworkRate, 6 / (2 * 2 * 111));
  db.close();
});

test('a page too large for every row names the largest repositories and sums the others exactly', async () => {
  const db = await database();
  const whole = await orgDashboard(db);
  assert.is(whole.rows.length, 3 * 2 * 2 * 3);
  const page = await orgDashboard(db, { rowLimit: 10, repositoryLimit: 1 });
  assert.equal(page.repositories, [OTHER_REPOSITORIES, 'big']);
  assert.ok(page.rows.every((entry) => entry.service === '(all)'));
  const other = page.rows.filter((entry) => entry.repository === OTHER_REPOSITORIES && entry.period === '2026-01' && entry.level === 'generated');
  assert.is(other.length, 1);
  assert.is(other[0].linesAdded, 20 + 2);
  assert.is(other[0].commits, 2);
  const explained = page.explanations.find((entry) => entry.repository === OTHER_REPOSITORIES)!;
  assert.is(Number(explained.commits), 4);
  assert.match(page.notes.join(' '), /the 1 largest repositories/);
  db.close();
});

test.run();
