/**
 * The web page in headless Chromium (found by test/support/requirements.ts, driven by playwright-core) against the real
 * router on a loopback server over DynamoDB Local: list, filter, open a change, read its diff,
 * follow its links, and a title holding markup that must render as text.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildCatalog } from '../../../lambdas/core/catalog';
import type { Change } from '../../../lambdas/core/model';
import { HOSTILE_TITLE, seedChangeLog } from '../api/seed-change-log';
import { listTitles as titlesOf, startWebRig, type WebRig } from './web-rig';

const SOURCES = [
  { id: 'bscc-correspondence', name: 'BSCC correspondence' },
  { id: 'never-again-publication', name: 'Never again (FAC report)' },
  { id: 'procurement-act-2023', name: 'Procurement Act 2023' },
];

let rig: WebRig;
let base: string;
let page: Page;
let seeded: Change[];

beforeAll(async () => {
  rig = await startWebRig('web', buildCatalog(SOURCES));
  base = rig.base;
  seeded = await seedChangeLog(rig.store);
  page = await rig.open(1100);
}, 60_000);

afterAll(async () => rig?.close());

const listTitles = () => titlesOf(page);

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
  await listTitles();
  // The sources are offered by name; the value sent is the source's id.
  await page.locator('#f-source').selectOption({ label: 'Never again (FAC report)' });
  await page.locator('#f-q').press('Enter');
  await page.waitForURL(/source=never-again-publication/);
  const want = seeded.filter((c) => c.sourceId === 'never-again-publication');
  expect(await listTitles()).toEqual(want.map((c) => c.title));
  expect(await page.locator('#f-source').inputValue()).toBe('never-again-publication');
  expect(await page.locator('#feed-link').getAttribute('href')).toBe('feed.atom?source=never-again-publication');
  expect(await page.locator('#changes li a', { hasText: 'Never again (FAC report)' }).count()).toBe(want.length);
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
  // The thread is named by its parties, not by its id.
  await page.getByRole('link', { name: 'BSCC ↔ Hikvision' }).click();
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
  expect(rig.pageErrors).toEqual([]);
});
