// `report --format html` in a real browser: it loads offline with no error, every chart renders,
// the figures on the page are the JSON report's, filters work from the keyboard, and the main
// table reads with scripts off. Screenshots go to test-output/dashboard/.

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanupTempDirs, tempDir, TempRepo } from '../helpers/repo.ts';
import { launchChromium, openPage, screenshot } from './browser.ts';
import { dashboardFixture, HOSTILE_FOLDER, HOSTILE_SERVICE } from './fixture.ts';

let repo: TempRepo;
let report: any;
let html: string;
let url: string;
let browser: Browser | undefined;

const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);
const CHARTS = ['ai-share', 'velocity-commits', 'velocity-lines', 'rework-trend', 'outcomes', 'budgets', 'explanations'];

test.before(async () => {
  const parent = tempDir('gp-dash-');
  mkdirSync(join(parent, HOSTILE_FOLDER));
  repo = dashboardFixture(new TempRepo({ dir: join(parent, HOSTILE_FOLDER) }));
  report = repo.json(['report', '--format', 'json']);
  const file = join(parent, 'report.html');
  const result = repo.cli(['report', '--format', 'html', '-o', file]);
  assert.is(result.status, 0, result.stderr);
  html = readFileSync(file, 'utf8');
  url = pathToFileURL(file).href;
  browser = await launchChromium();
});

test.after(async () => {
  await browser?.close();
  cleanupTempDirs();
});

async function text(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().textContent())?.trim() ?? '';
}

/** The main table's rows as {service, level, cells by header}. */
async function mainTable(page: Page): Promise<Record<string, string>[]> {
  // Runs in the page (the DOM's types are not in this program's libraries).
  return page.evaluate(() => {
    const table = (globalThis as any).document.getElementById('main-table');
    const heads = [...table.tHead.rows[0].cells].map((cell: any) => String(cell.textContent).replace(/[▲▼]/g, '').trim());
    let service = '';
    return [...table.tBodies[0].rows].map((row: any) => {
      const out: Record<string, string> = {};
      for (const [i, cell] of [...row.cells].entries()) out[heads[i]] = String((cell as any).textContent).trim();
      if (out.Service) service = out.Service;
      else out.Service = service;
      return out;
    });
  });
}

function expectedRow(service: any, level: string) {
  const f = service.levels[level];
  const fraction = (part: number, whole: number, rate: number | null) => (whole === 0 ? '–' : `${percent(rate)} (${part}/${whole})`);
  return {
    Commits: String(f.commits),
    'Lines added': String(f.linesAdded),
    Deleted: String(f.linesDeleted),
    Surviving: String(f.surviving),
    Rework: fraction(f.rework.reworked, f.rework.mature, f.rework.rate),
    'Fix follow-up': fraction(f.fixFollowUp.followed, f.fixFollowUp.commits, f.fixFollowUp.rate),
    Reverted: String(f.reverted),
  };
}

function assertTableEqualsReport(rows: Record<string, string>[], services: any[], least = 10) {
  let checked = 0;
  for (const service of services) {
    const name = service.service === '(all)' ? 'all services' : service.service;
    for (const level of report.levels) {
      const f = service.levels[level];
      const row = rows.find((r) => r.Service === name && r.Level === level);
      if (f.commits === 0 && f.linesAdded === 0) {
        assert.not.ok(row, `${name} ${level} has no figures and no row`);
        continue;
      }
      assert.ok(row, `a row for ${name} ${level}`);
      for (const [column, value] of Object.entries(expectedRow(service, level))) assert.is(row![column], value, `${name} ${level} ${column}`);
      checked++;
    }
    const first = rows.find((r) => r.Service === name && r['AI share'] !== '')!;
    assert.is(first['AI share'], percent(service.aiShare), `${name} AI share`);
    assert.is(first.Unknown, percent(service.unknownShare), `${name} unknown share`);
  }
  assert.ok(checked >= least, `checked ${checked} rows`);
}

test('the page is one offline file: data escaped, no external reference', () => {
  assert.not.match(html, /<script[^>]+src=/i);
  assert.not.match(html, /<link[^>]+href=/i);
  assert.not.match(html, /https?:\/\/(?!www\.w3\.org)/);
  assert.ok(html.length < 2_000_000, `${html.length} bytes`);
  // The hostile service name appears only escaped: as HTML text, and as \u003c in the JSON.
  assert.not.ok(html.includes(HOSTILE_SERVICE));
  assert.not.ok(html.includes('<img/src'));
  assert.ok(html.includes('&lt;/script&gt;&lt;img/src=x/onerror=alert(1)&gt;&quot;&#39;&amp;'));
  const json = /<script type="application\/json" id="gp-data">(.*?)<\/script>/s.exec(html)![1];
  assert.not.ok(json.includes('\u2028') || json.includes('\u2029') || json.includes('<'));
  assert.is(JSON.parse(json).repositories[0], HOSTILE_FOLDER);
  assert.is(html.match(/<\/script>/g)!.length, 2);
});

test('loads with no console error and no network request; every chart renders', async () => {
  if (!browser) return;
  const { page, errors, requests } = await openPage(browser, url);
  await screenshot(page, 'report-light');
  assert.equal(errors, []);
  assert.equal(requests, []);
  for (const chart of CHARTS) {
    const marks = await page.locator(`figure[data-chart="${chart}"] .plot svg :is(rect, path, circle, line)`).count();
    assert.ok(marks > 0, `chart ${chart} has marks (${marks})`);
    assert.ok(await page.locator(`figure[data-chart="${chart}"] details table tbody tr`).count(), `chart ${chart} has a data table`);
  }
  // Repository text is shown as text, never run: the hostile names are visible verbatim.
  assert.ok((await page.locator('#main-table').textContent())!.includes(HOSTILE_SERVICE));
  assert.is(await page.evaluate(() => (globalThis as any).document.querySelectorAll('img').length), 0);
  await page.context().close();
});

test('the figures on the page equal the JSON report', async () => {
  if (!browser) return;
  const { page } = await openPage(browser, url);
  assert.is(await text(page, '[data-figure="aiShare"] .value'), percent(report.total.aiShare));
  assert.is(await text(page, '[data-figure="unknownShare"] .value'), percent(report.total.unknownShare));
  assert.is(await text(page, '[data-figure="commits"] .value'), String(report.total.commits));
  assertTableEqualsReport(await mainTable(page), [...report.services, report.total]);
  // Budgets and explanations: api 28 AI of 48 known lines over 90 days (cap 50%); 2 of 3 AI commits explained.
  const budgetRows = await page.locator('#table-budgets tbody tr').allTextContents();
  assert.is(budgetRows.length, 2);
  assert.ok(budgetRows[0].startsWith('api'), budgetRows[0]);
  assert.ok(budgetRows[0].includes('over the cap'), budgetRows[0]);
  assert.is(await text(page, '[data-figure="explanationCoverage"] .value'), percent(2 / 4));
  await page.locator('figure[data-chart="budgets"] details summary').click();
  await screenshot(page, 'figures-budgets-table');
  await page.context().close();
});

test('filters by service and period work from the keyboard', async () => {
  if (!browser) return;
  const { page } = await openPage(browser, url, { colorScheme: 'dark' });
  // Tab reaches the service filter; arrow keys pick the next service.
  let focused = '';
  for (let i = 0; i < 10 && focused !== 'filter-service'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => (globalThis as any).document.activeElement?.id ?? '');
  }
  assert.is(focused, 'filter-service');
  const services = await page.locator('#filter-service option').allTextContents();
  const target = report.services.find((s: any) => s.service === 'api');
  for (let i = 0; i < services.indexOf('api'); i++) await page.keyboard.press('ArrowDown');
  assert.is(await page.locator('#filter-service').inputValue(), 'api');
  assert.is(await text(page, '[data-figure="aiShare"] .value'), percent(target.aiShare));
  assert.is(await text(page, '[data-figure="commits"] .value'), String(target.commits));
  assertTableEqualsReport(await mainTable(page), [target], 4);
  await screenshot(page, 'filter-service-dark');

  // Period: from the last period to the last period, chosen with End.
  await page.focus('#filter-service');
  await page.keyboard.press('Home');
  await page.focus('#filter-from');
  await page.keyboard.press('End');
  const last = report.periods[report.periods.length - 1];
  assert.is(await page.locator('#filter-from').inputValue(), last.period);
  assert.is(await text(page, '[data-figure="aiShare"] .value'), percent(last.total.aiShare));
  assert.is(await text(page, '[data-figure="commits"] .value'), String(last.total.commits));
  assertTableEqualsReport(await mainTable(page), [...last.services, last.total], 3);
  await screenshot(page, 'filter-period-dark');
  await page.context().close();
});

test('tables sort from the keyboard', async () => {
  if (!browser) return;
  const { page } = await openPage(browser, url);
  const button = page.locator('#table-services thead th button', { hasText: 'Lines added' });
  await button.focus();
  await page.keyboard.press('Enter');
  assert.is(await page.locator('#table-services thead th[aria-sort]').textContent(), 'Lines added');
  assert.is(await page.locator('#table-services thead th[aria-sort]').getAttribute('aria-sort'), 'descending');
  const lines = await page.$$eval('#table-services tbody tr', (rows) => rows.map((row: any) => Number(String(row.cells[5].textContent).replace(/,/g, ''))));
  assert.equal(
    lines,
    [...lines].sort((a, b) => b - a),
  );
  await page.keyboard.press('Enter');
  assert.is(await page.locator('#table-services thead th[aria-sort]').getAttribute('aria-sort'), 'ascending');
  await screenshot(page, 'sorted-services');
  await page.context().close();
});

test('with scripts off the main table has every figure', async () => {
  if (!browser) return;
  const { page, requests } = await openPage(browser, url, { javaScriptEnabled: false });
  await screenshot(page, 'scripts-off');
  assert.equal(requests, []);
  assertTableEqualsReport(await mainTable(page), [...report.services, report.total]);
  await page.context().close();
});

test.run();
