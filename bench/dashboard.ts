// Benchmark of the dashboard and the organisation view (figures in docs/DECISIONS.md, section 11).
//   node --import tsx bench/dashboard.ts [--commits 50000] [--repos 4] [--repo-commits 3000] [--rows 1000000]
// In the same run: `report --format json` (the baseline) against `--format html` on the report
// bench's history (cold and from the cache); the page's render time in Chromium; `org scan` of a
// few repositories against the sum of their single reports ÷ cores; `org report` over a DuckDB
// database of synthetic rows. No assertion: figures only.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchEnv, median } from './lib.ts';
import { arg, BIN, build, ROOT } from './report.ts';

const COMMITS = arg('commits', 50_000);
const REPOS = arg('repos', 4);
const REPO_COMMITS = arg('repo-commits', 3_000);
const ROWS = arg('rows', 1_000_000);
const env = benchEnv({ GIT_CONFIG_NOSYSTEM: '1', HOME: join(ROOT, '.bench') });
const fmt = (seconds: number) => seconds.toFixed(2);

function timed(args: string[], cwd: string): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`git-provenance ${args.join(' ')} failed: ${result.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const root = join(ROOT, '.bench');
const history = join(root, `linear-${COMMITS}`);
await build(history, COMMITS, 0);
const page = join(root, 'dashboard.html');

// 1. HTML against JSON, alternated so that both see the same machine load.
process.stdout.write(`\n## report --format html vs json: ${COMMITS} commits (${history})\n`);
const cold = { json: [] as number[], html: [] as number[] };
for (let i = 0; i < 2; i++) {
  cold.json.push(timed(['report', '--format', 'json', '--no-cache', '-o', join(root, 'dashboard.json')], history));
  cold.html.push(timed(['report', '--format', 'html', '--no-cache', '-o', page], history));
}
timed(['report', '--format', 'json'], history); // writes the cache
const warm = { json: [] as number[], html: [] as number[] };
for (let i = 0; i < 3; i++) {
  warm.json.push(timed(['report', '--format', 'json', '-o', join(root, 'dashboard.json')], history));
  warm.html.push(timed(['report', '--format', 'html', '-o', page], history));
}
const ratio = (html: number[], json: number[]) => (Math.min(...html) / Math.min(...json)).toFixed(2);
process.stdout.write(
  `cold (no cache): json ${cold.json.map(fmt).join(' / ')} s; html ${cold.html.map(fmt).join(' / ')} s = ${ratio(cold.html, cold.json)}× json (best of each)\n`,
);
process.stdout.write(
  `from the cache: json ${warm.json.map(fmt).join(' / ')} s; html ${warm.html.map(fmt).join(' / ')} s = ${ratio(warm.html, warm.json)}× json (best of each)\n`,
);
process.stdout.write(
  `page: ${(statSync(page).size / 1024).toFixed(0)} KiB (json report ${(statSync(join(root, 'dashboard.json')).size / 1024).toFixed(0)} KiB)\n`,
);

// 2. Rendering in Chromium: navigation start to the page's last drawn chart.
if (existsSync('/usr/bin/chromium')) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await context.newPage();
    await tab.goto(pathToFileURL(page).href);
    await tab.waitForSelector('html[data-rendered="true"]');
    samples.push(Number(await tab.getAttribute('html', 'data-rendered-at')));
    await context.close();
  }
  await browser.close();
  process.stdout.write(`Chromium: navigation to drawn page ${median(samples).toFixed(0)} ms (median of 5: ${samples.join(', ')})\n`);
} else process.stdout.write('Chromium: /usr/bin/chromium absent, render time not measured\n');

// 3. org scan against the single reports: same repositories, no caches, one job per core.
const cores = availableParallelism();
process.stdout.write(`\n## org scan: ${REPOS} repositories of ${REPO_COMMITS} commits, ${cores} cores\n`);
const clones = join(root, `org-${REPOS}x${REPO_COMMITS}`);
mkdirSync(clones, { recursive: true });
for (let i = 0; i < REPOS; i++) await build(join(clones, `repo${i}`), REPO_COMMITS, 0);
const dropCaches = () => {
  for (let i = 0; i < REPOS; i++) rmSync(join(clones, `repo${i}`, '.git', 'provenance'), { recursive: true, force: true });
};
let single = 0;
for (let i = 0; i < REPOS; i++) single += timed(['report', '--format', 'json', '--no-cache'], join(clones, `repo${i}`));
const db = join(root, 'org-bench.duckdb');
rmSync(db, { force: true });
dropCaches();
const scan = timed(['org', 'scan', clones, '--db', db], root);
const rescan = timed(['org', 'scan', clones, '--db', db], root);
rmSync(db, { force: true });
dropCaches();
const serial = timed(['org', 'scan', clones, '--db', db, '--jobs', '1'], root);
const floor = single / cores;
process.stdout.write(
  `sum of single reports ${fmt(single)} s ÷ ${cores} cores = ${fmt(floor)} s; org scan (cold) ${fmt(scan)} s = ${(scan / floor).toFixed(2)}× that; --jobs 1 ${fmt(serial)} s = ${(serial / single).toFixed(2)}× the sum; repeated scan, nothing changed: ${fmt(rescan)} s\n`,
);

// 4. org report over synthetic rows: repositories × 10 services (+ all) × periods × 4 levels.
process.stdout.write(`\n## org report over ${ROWS.toLocaleString('en-US')} rows in DuckDB\n`);
const bigDb = join(root, `org-rows-${ROWS}.duckdb`);
if (!existsSync(bigDb)) {
  const periods = 25;
  const perRepository = 11 * periods * 4;
  const repositories = Math.ceil(ROWS / perRepository);
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(bigDb);
  const c = await instance.connect();
  // The tables org scan creates (one tiny scan), then the synthetic rows.
  c.closeSync();
  instance.closeSync();
  timed(['org', 'scan', join(clones, 'repo0'), '--db', bigDb], root);
  const again = await DuckDBInstance.create(bigDb);
  const d = await again.connect();
  await d.run('DELETE FROM rows; DELETE FROM repositories; DELETE FROM explanations; DELETE FROM budgets');
  await d.run(
    `INSERT INTO repositories SELECT 'repo' || r, '/clones/repo' || r, 'synthetic', '["none","assisted","generated","unknown"]', 'month', 14, 1000, '2026-12-01T00:00:00Z' FROM range(${repositories}) t(r)`,
  );
  await d.run(`INSERT INTO rows (repository, service, period, periodStart, periodEnd, level, commits, linesAdded, linesDeleted, reworkMature, reworkReworked, reworkRate, fixFollowUpCommits, fixFollowUpFollowed, fixFollowUpRate, reverted, surviving, replaced, serviceAiShare, serviceUnknownShare)
    SELECT 'repo' || r, CASE WHEN s = 10 THEN '(all)' ELSE 'service' || s END, strftime(DATE '2024-01-01' + INTERVAL (p) MONTH, '%Y-%m'), '2024-01-01', '2024-01-31',
      ['none', 'assisted', 'generated', 'unknown'][l + 1], (r * 7 + s + p + l) % 13, (r * 31 + s * 7 + p * 3 + l) % 500, (r + p) % 90, (r * 31 + s * 7 + p * 3 + l) % 400, (r + s + p) % 40, 0.1, (r + l) % 9, (r + p) % 3, 0.3, (r + s) % 2, (r * 31 + s * 7 + p * 3 + l) % 450, 50, 0.5, 0.1
    FROM range(${repositories}) a(r), range(11) b(s), range(${periods}) c(p), range(4) d(l) LIMIT ${ROWS}`);
  d.closeSync();
  again.closeSync();
}
for (const format of ['json', 'table', 'html']) {
  const samples = [0, 1, 2].map(() => timed(['org', 'report', '--db', bigDb, '--format', format, '-o', join(root, `org-report.${format}`)], root));
  process.stdout.write(
    `org report --format ${format}: ${samples.map(fmt).join(' / ')} s (output ${(statSync(join(root, `org-report.${format}`)).size / 1024).toFixed(0)} KiB)\n`,
  );
}
const start = process.hrtime.bigint();
spawnSync(process.execPath, ['-e', '0'], { env });
process.stdout.write(`baseline: node -e 0 ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(0)} ms\n`);
