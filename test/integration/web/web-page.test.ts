/**
 * The web page in headless Chromium (found by test/support/requirements.ts, driven by playwright-core) against the real
 * router on a loopback server over DynamoDB Local: list, filter, open a change, read its diff,
 * follow its links, and a title holding markup that must render as text.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { folderAssets } from '../../../lambdas/adapters/http-server/web-assets';
import { LoopbackHttpServer } from '../../../lambdas/adapters/http-server/node-http-server';
import { silentLogger } from '../../../lambdas/adapters/log/json-logger';
import type { Change } from '../../../lambdas/core/model';
import { createRouter } from '../../../lambdas/http/router';
import { freshStore } from '../../support/dynamo';
import { HOSTILE_TITLE, seedChangeLog } from '../api/seed-change-log';
import { findChromium } from '../../support/requirements';

const ROOT = join(__dirname, '..', '..', '..');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

let server: LoopbackHttpServer;
let base: string;
let browser: Browser;
let page: Page;
let seeded: Change[];
const pageErrors: string[] = [];

beforeAll(async () => {
  const store = await freshStore('web');
  seeded = await seedChangeLog(store);
  const router = createRouter({
    store,
    settings: { cursorSecret: 'web-test-secret-0123456789', baseUrl: null, unsubscribeSecret: null },
    assets: folderAssets(join(ROOT, 'web')),
    logger: silentLogger,
  });
  server = new LoopbackHttpServer(router);
  base = await server.start();
  browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  // The page must never reach beyond its origin; the one source link followed is answered here.
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<title>stand-in for the source page</title>' }),
  );
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function listTitles(): Promise<string[]> {
  await page
    .locator('#list-status')
    .filter({ hasText: /change\(s\) shown|No changes/ })
    .waitFor();
  return page.locator('#changes li a.title').allTextContents();
}

it('loads the list, newest first, with labelled filters and a link to older changes', async () => {
  await page.goto(`${base}/`);
  expect(await listTitles()).toEqual(seeded.slice(0, 25).map((c) => c.title));
  expect(await page.locator('#older').isVisible()).toBe(true);
  // Every form control has a label a screen reader announces.
  const unlabelled = await page.$$eval(
    'input, select',
    (els) =>
      els.filter((e) => !(e as HTMLInputElement).labels?.length && (e as HTMLInputElement).type !== 'hidden').length,
  );
  expect(unlabelled).toBe(0);
});

it('filters by source from the keyboard', async () => {
  await page.goto(`${base}/`);
  await page.locator('#f-source').fill('never-again-publication');
  await page.locator('#f-source').press('Enter');
  await page.waitForURL(/source=never-again-publication/);
  const want = seeded.filter((c) => c.sourceId === 'never-again-publication');
  expect(await listTitles()).toEqual(want.map((c) => c.title));
  expect(await page.locator('#f-source').inputValue()).toBe('never-again-publication');
  expect(await page.locator('#feed-link').getAttribute('href')).toBe('feed.atom?source=never-again-publication');
});

it('opens a change and shows the diff as inserted and deleted words', async () => {
  const changed = seeded.find((c) => c.type === 'document-changed')!;
  await page.goto(`${base}/?source=never-again-publication`);
  await listTitles();
  await page.locator('#changes li a.title').first().focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`change=${changed.changeId}`));
  await page.locator('#diff ins').first().waitFor();
  expect(await page.locator('#change-title').textContent()).toBe(changed.title);
  expect(await page.locator('#diff ins').allTextContents()).toEqual(['remove', 'linked to human rights abuses ']);
  expect(await page.locator('#diff del').allTextContents()).toEqual(['consider']);
  // Focus moves to the heading so a screen reader starts at the change.
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('change-title');
  const shot = join(
    process.env.PROCWATCH_SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'procwatch-shot-')),
    'web-page-test.png',
  );
  await page.screenshot({ path: shot, fullPage: true });
  expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
});

it('follows the links to the source page and to the thread', async () => {
  const letter = seeded.find((c) => c.threadId === 'bscc--hikvision')!;
  await page.goto(`${base}/?change=${letter.changeId}`);
  const source = page.getByRole('link', { name: letter.url! });
  await source.waitFor();
  expect(await source.getAttribute('href')).toBe(letter.url);
  await page.getByRole('link', { name: 'bscc--hikvision' }).click();
  await page.waitForURL(/thread=bscc--hikvision/);
  expect(await listTitles()).toEqual(seeded.filter((c) => c.threadId === 'bscc--hikvision').map((c) => c.title));
  await page.goto(`${base}/?change=${letter.changeId}`);
  await page.getByRole('link', { name: letter.url! }).click();
  await page.waitForURL(letter.url!);
  expect(await page.title()).toBe('stand-in for the source page');
});

it('renders a title holding markup as text, in the list and on its page', async () => {
  const hostile = seeded.find((c) => c.title === HOSTILE_TITLE)!;
  await page.goto(`${base}/?source=procurement-act-2023&limit=100`);
  expect(await listTitles()).toContain(HOSTILE_TITLE);
  await page.goto(`${base}/?change=${hostile.changeId}`);
  await page.locator('#change-title').filter({ hasText: 'Reply <img' }).waitFor();
  expect(await page.locator('#change-title').textContent()).toBe(HOSTILE_TITLE);
  expect(await page.locator('img').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(pageErrors).toEqual([]);
});
