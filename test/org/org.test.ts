// `org scan` over fixture clones loads rows whose totals equal each repository's own report; a
// repeated scan touches only the repository that changed; a failed repository does not stop the
// others and is picked up by the next scan; `org report` aggregates and renders the dashboard.

import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanupTempDirs, run, tempDir, TempRepo, BIN, ROOT } from '../helpers/repo.ts';
import { dashboardFixture } from '../dashboard/fixture.ts';
import { launchChromium, openPage, screenshot } from '../dashboard/browser.ts';

let root: string;
let db: string;
let repos: Record<string, TempRepo>;
let env: NodeJS.ProcessEnv;

function org(args: string[]) {
  return run(process.execPath, [BIN, 'org', ...args], { cwd: root, env, timeout: 120_000 });
}

test.before(() => {
  root = tempDir('gp-org-');
  db = join(root, 'org.duckdb');
  repos = {};
  for (const name of ['alpha', 'beta', 'gamma']) {
    mkdirSync(join(root, 'clones', name), { recursive: true });
    repos[name] = new TempRepo({ dir: join(root, 'clones', name) });
  }
  dashboardFixture(repos.alpha);
  repos.beta.commit('Start\n\nAI-Assistance: none', { 'src/a.ts': 'a\nb\nc\n' });
  repos.beta.commit('More\n\nAI-Assistance: generated', { 'src/b.ts': 'x\ny\n' });
  repos.gamma.commit('Docs', { 'docs/r.md': 'hello\n' });
  env = repos.alpha.env;
});

test.after(() => cleanupTempDirs());

test('scan loads rows whose totals equal each single report; report aggregates them', async () => {
  const scan = org(['scan', 'clones', '--db', db, '--json']);
  assert.is(scan.status, 0, scan.stderr);
  const summary = JSON.parse(scan.stdout);
  assert.equal(summary.scanned.map((entry: any) => entry.repository).sort(), ['alpha', 'beta', 'gamma']);
  assert.is(scan.stderr, '', 'no progress bar when stderr is not a terminal');

  const report = org(['report', '--db', db, '--format', 'json']);
  assert.is(report.status, 0, report.stderr);
  const figures = JSON.parse(report.stdout);
  assert.is(figures.schema, 'git-provenance.org/1');
  let commits = 0;
  let lines = 0;
  for (const [name, repo] of Object.entries(repos)) {
    const single = repo.json(['report', '--format', 'json']);
    const mine = figures.repositories.find((entry: any) => entry.repository === name);
    assert.is(mine.commits, single.total.commits, `${name} commits`);
    assert.is(mine.linesAdded, single.total.linesAdded, `${name} lines`);
    assert.is(mine.aiShare, single.total.aiShare, `${name} AI share`);
    for (const level of single.levels) {
      assert.is(mine.levels[level].reworkReworked, single.total.levels[level].rework.reworked, `${name} ${level} reworked`);
      assert.is(mine.levels[level].reverted, single.total.levels[level].reverted, `${name} ${level} reverted`);
    }
    commits += single.total.commits;
    lines += single.total.linesAdded;
  }
  assert.is(figures.total.commits, commits);
  assert.is(figures.total.linesAdded, lines);

  const table = org(['report', '--db', db]);
  assert.is(table.status, 0, table.stderr);
  assert.match(table.stdout, /alpha/);
  assert.match(table.stdout, /\(all repositories\)/);
});

test('a repeated scan touches only the repository that changed, resuming from its cache', () => {
  const again = JSON.parse(org(['scan', 'clones', '--db', db, '--json']).stdout);
  assert.equal(again.scanned, []);
  assert.is(again.unchanged.length, 3);
  repos.beta.commit('Later\n\nAI-Assistance: assisted', { 'src/c.ts': 'z\n' });
  const after = JSON.parse(org(['scan', 'clones', '--db', db, '--json']).stdout);
  assert.equal(
    after.scanned.map((entry: any) => entry.repository),
    ['beta'],
  );
  assert.is(after.scanned[0].cache, 'incremental');
  assert.equal(after.unchanged.sort(), ['alpha', 'gamma']);
  const figures = JSON.parse(org(['report', '--db', db, '--format', 'json']).stdout);
  assert.is(figures.repositories.find((entry: any) => entry.repository === 'beta').commits, 3);
});

test('a list file names clones; a failing repository fails alone and is scanned once it works', () => {
  const emptyDir = join(root, 'more', 'empty');
  mkdirSync(emptyDir, { recursive: true });
  const empty = new TempRepo({ dir: emptyDir });
  const list = join(root, 'list.txt');
  writeFileSync(list, '# clones\nclones/alpha\nmore/empty\n');
  const second = join(root, 'second.duckdb');
  const first = org(['scan', list, '--db', second, '--json']);
  assert.is(first.status, 1, 'exit 1 when a repository failed');
  const summary = JSON.parse(first.stdout);
  assert.equal(
    summary.scanned.map((entry: any) => entry.repository),
    ['alpha'],
  );
  assert.equal(
    summary.failed.map((entry: any) => entry.repository),
    ['empty'],
  );
  empty.commit('First\n\nAI-Assistance: none', { 'a.txt': 'a\n' });
  const resumed = JSON.parse(org(['scan', list, '--db', second, '--json']).stdout);
  assert.equal(
    resumed.scanned.map((entry: any) => entry.repository),
    ['empty'],
  );
  assert.equal(resumed.unchanged, ['alpha']);
});

test('bad input: one line and exit 2', () => {
  const missing = org(['scan', 'nowhere', '--db', db]);
  assert.is(missing.status, 2);
  assert.match(missing.stderr, /nowhere: no such folder or list file/);
  const noDb = org(['report', '--db', join(root, 'none.duckdb')]);
  assert.is(noDb.status, 2, noDb.stderr);
  assert.is(noDb.stderr.trim().split('\n').length, 1);
});

test('without the optional @duckdb/node-api: one line naming it, exit 2', () => {
  // The built program alone, where no node_modules can be found.
  const alone = tempDir('gp-nodeps-');
  for (const part of ['bin', 'dist']) cpSync(join(ROOT, part), join(alone, part), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(alone, 'package.json'));
  const result = run(process.execPath, [join(alone, 'bin', 'git-provenance'), 'org', 'report', '--db', db], { cwd: root, env });
  assert.is(result.status, 2, result.stderr);
  assert.is(
    result.stderr,
    'git-provenance: the org commands need the optional package @duckdb/node-api, which is not installed (npm install @duckdb/node-api)\n',
  );
});

test('org report --format html: the dashboard with a repository filter, in Chromium', async () => {
  const file = join(root, 'org.html');
  const result = org(['report', '--db', db, '--format', 'html', '-o', file]);
  assert.is(result.status, 0, result.stderr);
  const html = readFileSync(file, 'utf8');
  assert.match(html, /3 repositories/);
  const browser = await launchChromium();
  if (!browser) return;
  try {
    const url = pathToFileURL(file).href;
    const { page, errors, requests } = await openPage(browser, url);
    assert.equal(errors, []);
    assert.equal(requests, []);
    for (const chart of ['ai-share', 'velocity-commits', 'outcomes', 'repositories', 'explanations']) {
      assert.ok(await page.locator(`figure[data-chart="${chart}"] .plot svg :is(rect, path, line)`).count(), `chart ${chart} renders`);
    }
    assert.is(await page.locator('#table-repositories tbody tr').count(), 3);
    const figures = JSON.parse(org(['report', '--db', db, '--format', 'json']).stdout);
    assert.is((await page.locator('[data-figure="commits"] .value').textContent())?.trim(), String(figures.total.commits));
    await page.focus('#filter-repository');
    await page.keyboard.press('ArrowDown');
    const chosen = await page.locator('#filter-repository').inputValue();
    const mine = figures.repositories.find((entry: any) => entry.repository === chosen);
    assert.is((await page.locator('[data-figure="commits"] .value').textContent())?.trim(), String(mine.commits));
    await screenshot(page, 'org-report');
    await page.context().close();
  } finally {
    await browser.close();
  }
});

test.run();
