// A synthetic history whose every figure is computed by hand from docs/REPORT.md.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanupTempDirs, TempRepo } from '../helpers/repo.ts';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1, 12) + n * 86_400_000).toISOString();
const lines = (prefix: string, from: number, to: number) => `${Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`).join('\n')}\n`;

let repo: TempRepo;
let ids: Record<string, string>;

test.before(() => {
  repo = new TempRepo();
  ids = {};
  // C0 writes the config; declared none so that it does not disturb the unknown figures.
  ids.c0 = repo.commit('config\n\nAI-Assistance: none', { '.provenance.yml': 'services:\n  api: ["api/**"]\n  web: ["web/**"]\n' }, { date: day(-1) });
  ids.c1 = repo.commit(
    'Add api core\n\nAI-Assistance: none',
    { 'api/a.ts': lines('a', 1, 10), '.gitattributes': 'web/gen.js linguist-generated\n' },
    { date: day(0) },
  );
  ids.c2 = repo.commit(
    'Add g and w\n\nCo-Authored-By: Claude <noreply@anthropic.com>',
    { 'api/g.ts': lines('g', 1, 6), 'web/w.ts': lines('w', 1, 4) },
    { date: day(1) },
  );
  ids.c3 = repo.commit('fix: crash in g', { 'api/g.ts': 'g1\nx1\ng4\ng5\ng6\n', 'api/a.ts': lines('a', 1, 9) }, { date: day(3) });
  ids.c4 = repo.commit(
    'Refactor web\n\nAI-Assistance: assisted\nAI-Explanation: Copilot suggested the two new helpers',
    { 'web/w.ts': 'w2\nw3\nw4\nw5\nw6\n' },
    { date: day(20) },
  );
  const revert = repo.gitResult(['revert', '--no-edit', ids.c4], { env: { GIT_AUTHOR_DATE: day(21), GIT_COMMITTER_DATE: day(21) } });
  assert.is(revert.status, 0, revert.stderr);
  ids.c5 = repo.git('rev-parse', 'HEAD').trim();
  repo.write('web/logo.png', '\x89PNG\r\n\x1a\n\0\0\0binary');
  ids.c6 = repo.commit(
    'More api\n\nAI-Assistance: generated',
    { 'api/a.ts': `${lines('a', 1, 9)}a11\na12\n`, 'api/package-lock.json': lines('lock', 1, 100), 'web/gen.js': lines('gen', 1, 50) },
    { date: day(40) },
  );
  ids.c7 = repo.commit('Empty', {}, { date: day(41) });
});

test.after(() => cleanupTempDirs());

const figures = (levels: Record<string, any>, level: string) => levels[level];

test('per service and level, every figure matches the hand-computed answer', () => {
  const report = repo.json(['report', '--format', 'json', '--no-cache']);
  assert.is(report.schema, 'git-provenance.report/1');
  assert.is(report.windowDays, 14);
  assert.is(report.range.commits, 8);
  assert.is(report.range.endDate, day(41).replace('.000Z', 'Z'));
  assert.equal(report.levels, ['none', 'assisted', 'generated', 'unknown']);
  const api = report.services.find((s: any) => s.service === 'api');
  const web = report.services.find((s: any) => s.service === 'web');
  const other = report.services.find((s: any) => s.service === '(other)');
  assert.equal(
    report.services.map((s: any) => s.service),
    ['api', 'web', '(other)'],
  );

  assert.equal(figures(api.levels, 'none'), {
    commits: 1,
    linesAdded: 10,
    linesDeleted: 0,
    rework: { mature: 10, reworked: 1, rate: 0.1 },
    fixFollowUp: { commits: 1, followed: 1, rate: 1 },
    reverted: 0,
    surviving: 9,
    replaced: 1,
  });
  assert.equal(figures(api.levels, 'generated'), {
    commits: 2,
    linesAdded: 8,
    linesDeleted: 0,
    rework: { mature: 6, reworked: 2, rate: 2 / 6 },
    fixFollowUp: { commits: 1, followed: 1, rate: 1 },
    reverted: 0,
    surviving: 6,
    replaced: 2,
  });
  assert.equal(figures(api.levels, 'unknown'), {
    commits: 1,
    linesAdded: 1,
    linesDeleted: 3,
    rework: { mature: 1, reworked: 0, rate: 0 },
    fixFollowUp: { commits: 1, followed: 0, rate: 0 },
    reverted: 0,
    surviving: 1,
    replaced: 0,
  });
  assert.equal(figures(api.levels, 'assisted').commits, 0);
  assert.is(api.aiShare, 8 / 18);
  assert.is(api.unknownShare, 1 / 19);

  assert.equal(figures(web.levels, 'generated'), {
    commits: 1,
    linesAdded: 4,
    linesDeleted: 0,
    rework: { mature: 4, reworked: 0, rate: 0 },
    fixFollowUp: { commits: 1, followed: 0, rate: 0 },
    reverted: 0,
    surviving: 3,
    replaced: 1,
  });
  assert.equal(figures(web.levels, 'assisted'), {
    commits: 1,
    linesAdded: 2,
    linesDeleted: 1,
    rework: { mature: 2, reworked: 2, rate: 1 },
    fixFollowUp: { commits: 1, followed: 1, rate: 1 },
    reverted: 1,
    surviving: 0,
    replaced: 2,
  });
  assert.equal(figures(web.levels, 'unknown'), {
    commits: 1,
    linesAdded: 1,
    linesDeleted: 2,
    rework: { mature: 1, reworked: 0, rate: 0 },
    fixFollowUp: { commits: 1, followed: 0, rate: 0 },
    reverted: 0,
    surviving: 1,
    replaced: 0,
  });
  assert.is(web.aiShare, 1);
  assert.is(web.unknownShare, 1 / 7);

  // .provenance.yml (3 lines, C0) and .gitattributes (1 line, C1) are root files.
  assert.equal(figures(other.levels, 'none'), {
    commits: 2,
    linesAdded: 4,
    linesDeleted: 0,
    rework: { mature: 4, reworked: 0, rate: 0 },
    fixFollowUp: { commits: 2, followed: 0, rate: 0 },
    reverted: 0,
    surviving: 4,
    replaced: 0,
  });

  const total = report.total;
  assert.equal(figures(total.levels, 'none'), {
    commits: 2,
    linesAdded: 14,
    linesDeleted: 0,
    rework: { mature: 14, reworked: 1, rate: 1 / 14 },
    fixFollowUp: { commits: 2, followed: 1, rate: 0.5 },
    reverted: 0,
    surviving: 13,
    replaced: 1,
  });
  assert.equal(figures(total.levels, 'generated'), {
    commits: 2,
    linesAdded: 12,
    linesDeleted: 0,
    rework: { mature: 10, reworked: 2, rate: 0.2 },
    fixFollowUp: { commits: 1, followed: 1, rate: 1 },
    reverted: 0,
    surviving: 9,
    replaced: 3,
  });
  assert.equal(figures(total.levels, 'unknown').commits, 2);
  assert.is(total.aiShare, 14 / 28);
  assert.is(total.unknownShare, 2 / 30);
});

test('the trend by month carries the same figures per period', () => {
  const report = repo.json(['report', '--format', 'json', '--no-cache', '--period', 'month']);
  assert.equal(
    report.periods.map((p: any) => [p.period, p.start, p.end]),
    [
      ['2025-12', '2025-12-01', '2025-12-31'],
      ['2026-01', '2026-01-01', '2026-01-31'],
      ['2026-02', '2026-02-01', '2026-02-28'],
    ],
  );
  assert.is(report.periods[1].total.linesAdded, 11 + 10 + 1 + 2 + 1);
  assert.is(report.periods[2].total.linesAdded, 2);
  assert.is(report.periods[2].total.levels.generated.rework.mature, 0);
  const week = repo.json(['report', '--format', 'json', '--no-cache', '--period', 'week']);
  // 2025-12-31 is in ISO week 1 of 2026 (its Thursday is 2026-01-01).
  assert.is(week.periods[0].period, '2026-W01');
  assert.is(week.periods.at(-1).period, '2026-W07');
});

test('--assume-unknown none counts unknown commits as none, and says so', () => {
  const report = repo.json(['report', '--format', 'json', '--no-cache', '--assume-unknown', 'none']);
  assert.is(report.assumeUnknown, 'none');
  const api = report.services.find((s: any) => s.service === 'api');
  assert.is(api.aiShare, 8 / 19);
  assert.is(api.unknownShare, 0);
  assert.is(api.levels.none.linesAdded, 11);
  const table = repo.cli(['report', '--no-cache', '--assume-unknown', 'none']);
  assert.match(table.stdout, /Unknown commits are counted as "none"/);
});

test('--window-days changes rework and maturity; --service keeps one service', () => {
  const report = repo.json(['report', '--format', 'json', '--no-cache', '--window-days', '1', '--service', 'web']);
  assert.equal(
    report.services.map((s: any) => s.service),
    ['web'],
  );
  const web = report.services[0];
  // Window 1 day: C4 (day 20) lines removed on day 21 are still reworked; everything is mature.
  assert.equal(web.levels.assisted.rework, { mature: 2, reworked: 2, rate: 1 });
  assert.is(web.levels.assisted.reverted, 1);
  const narrow = repo.json(['report', '--format', 'json', '--no-cache', '--window-days', '30']);
  // Window 30: end − 30 = day 11, so only C0..C3 are mature; C4 → C5 (1 day) is within it.
  const api = narrow.services.find((s: any) => s.service === 'api');
  assert.equal(api.levels.none.rework, { mature: 10, reworked: 1, rate: 0.1 });
  assert.is(narrow.services.find((s: any) => s.service === 'web').levels.assisted.rework.mature, 0);
});

test('a range and --since select commits; lines written before still count for deletions', () => {
  const report = repo.json(['report', `${ids.c3}..HEAD`, '--format', 'json', '--no-cache']);
  assert.is(report.range.commits, 4);
  const web = report.services.find((s: any) => s.service === 'web');
  assert.is(web.levels.generated.linesAdded, 0);
  assert.is(web.levels.assisted.linesDeleted, 1);
  const since = repo.json(['report', '--since', day(19), '--format', 'json', '--no-cache']);
  assert.is(since.range.commits, 4);
  const until = repo.json(['report', '--until', day(30), '--format', 'json', '--no-cache']);
  assert.is(until.range.end, ids.c5);
  assert.is(until.services.find((s: any) => s.service === 'api').levels.generated.linesAdded, 6);
});

test('csv and markdown carry the same numbers; --output writes a file', () => {
  const csv = repo.cli(['report', '--format', 'csv', '--no-cache']).stdout.trim().split('\n');
  assert.is(
    csv[0],
    'period,service,level,commits,linesAdded,linesDeleted,surviving,replaced,reworkMature,reworked,reworkRate,' +
      'fixFollowUpCommits,fixFollowUpFollowed,fixFollowUpRate,reverted,serviceAiShare,serviceUnknownShare',
  );
  assert.ok(csv.includes(`all,web,assisted,1,2,1,0,2,2,2,1,1,1,1,1,1,${1 / 7}`));
  const md = repo.cli(['report', '--format', 'markdown', '--no-cache']).stdout;
  assert.match(md, /\| api \| 44\.4% \| 5\.3% \| none \| 1 \| 10 \| 0 \| 9 \| 10\.0% \(1\/10\) \| 100\.0% \(1\/1\) \| 0 \|/);
  const table = repo.cli(['report', '--no-cache', '-o', `${repo.dir}/out.txt`]);
  assert.is(table.status, 0, table.stderr);
  assert.is(table.stdout, '');
  assert.match(repo.git('show', ':/More api', '--format=%s', '-s'), /More api/);
  // `-o -` is standard output.
  const dash = repo.cli(['report', '--format', 'csv', '--no-cache', '-o', '-']);
  assert.is(dash.stdout.trim().split('\n')[0], csv[0]);
  assert.not.ok(existsSync(join(repo.dir, '-')));
});

test('bad input: one line with the fix, exit 2', () => {
  const bad = repo.cli(['report', 'no-such-branch']);
  assert.is(bad.status, 2);
  assert.is(bad.stderr.trim().split('\n').length, 1);
  assert.match(bad.stderr, /unknown revision: no-such-branch/);
  const service = repo.cli(['report', '--service', 'nope']);
  assert.is(service.status, 2);
  assert.match(service.stderr, /unknown service "nope".*api, web, \(other\)/);
  const empty = repo.cli(['report', '--since', '2030-01-01']);
  assert.is(empty.status, 2);
  assert.match(empty.stderr, /has no commits/);
  const fresh = new TempRepo();
  const none = fresh.cli(['report']);
  assert.is(none.status, 2);
  assert.match(none.stderr, /no commits yet/);
});

test.run();
