// Headless Chromium (Debian's `chromium`, installed by .ci/run) driven by playwright-core, and a
// folder for the screenshots a person can look at (test-output/, not committed).

import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from '../helpers/repo.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test-output', 'dashboard');

/** The browser, or undefined (after saying why) when Chromium is absent outside CI. */
export async function launchChromium(): Promise<Browser | undefined> {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs it (apt-get install -y chromium)`);
    process.stdout.write(`\nSKIPPED the dashboard's browser tests: ${CHROMIUM} is absent (apt-get install -y chromium)\n`);
    return undefined;
  }
  // As root (CI), Chromium refuses to start without --no-sandbox.
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}

export interface WatchedPage {
  page: Page;
  /** Console errors and warnings (the chart library warns about data it misreads), uncaught exceptions. */
  errors: string[];
  /** Every request the page made other than for its own file. */
  requests: string[];
}

export async function openPage(
  browser: Browser,
  url: string,
  options: { javaScriptEnabled?: boolean; colorScheme?: 'light' | 'dark' } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const watched: WatchedPage = { page, errors: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') watched.errors.push(message.text());
  });
  page.on('pageerror', (error) => watched.errors.push(String(error)));
  page.on('request', (request) => {
    if (request.url() !== url) watched.requests.push(request.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  if (options.javaScriptEnabled !== false) await page.waitForSelector('html[data-rendered="true"]', { timeout: 10_000 });
  return watched;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
