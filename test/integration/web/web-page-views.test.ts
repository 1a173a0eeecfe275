/**
 * The web page's other views and its fit on a phone, in headless Chromium at 1280 and 390 px over the
 * real router and DynamoDB Local: the sources section (from GET /sources), a document's history with
 * the diff between any two versions, the type filter and labels from the one registry (GET
 * /change-types), both dates, summaries without internal codes, no sideways overflow, a favicon.
 */
import type { Page } from 'playwright-core';
import { buildCatalog } from '../../../lambdas/core/catalog';
import { CHANGE_TYPES } from '../../../lambdas/core/change-types';
import { newChange } from '../../../lambdas/core/new-change';
import { HISTORY_DOC, seedChangeLog } from '../api/seed-change-log';
import { listTitles, sidewaysOverflow, startWebRig, type WebRig } from './web-rig';

const SOURCES = [
  { id: 'bscc-correspondence', name: 'BSCC correspondence' },
  { id: 'never-again-publication', name: 'Never again (FAC report)' },
  { id: 'procurement-act-2023', name: 'Procurement Act 2023' },
  { id: 'find-a-tender-surveillance', name: 'Find a Tender: surveillance cameras' },
];
const catalog = buildCatalog(SOURCES, ['supplier-debarred'], { default: 'cron(0/15 * * * ? *)' });
const LONG_URL = `https://www.find-tender.service.gov.uk/Notice/${'0123456789'.repeat(12)}?origin=SearchResults&p=1`;
const WIDTHS = [1280, 390];

let rig: WebRig;

beforeAll(async () => {
  rig = await startWebRig('webviews', catalog);
  await seedChangeLog(rig.store);
  await rig.store.recordChange({
    alerts: [],
    changes: [
      newChange(
        {
          changeId: 'c900',
          sourceId: 'find-a-tender-surveillance',
          docId: null,
          type: 'tender-published',
          detectedAt: '2026-03-01T09:00:00.000Z',
          runId: 'run-web',
          title: 'Town centre CCTV camera replacement',
          url: LONG_URL,
          summary:
            'Find a Tender tender notice: Town centre CCTV camera replacement, under the Procurement Regulations ' +
            '(UnitedKingdomStatutoryInstrument 2026/312). Supplier companyNumber: 01234567. ' +
            LONG_URL,
        },
        { publishedAt: '2026-02-27T00:00:00Z', datedAt: '2026-02-27T00:00:00Z' },
      ),
      newChange(
        {
          changeId: 'c901',
          sourceId: 'bscc-correspondence',
          docId: 'govuk:/government/publications/hikvision-reply',
          type: 'new-correspondence',
          detectedAt: '2026-03-01T10:00:00.000Z',
          runId: 'run-web',
          title: 'Letter from Hikvision to the Biometrics and Surveillance Camera Commissioner: 30 March 2022',
          url: 'https://www.gov.uk/government/publications/hikvision-reply',
          summary: 'Hikvision replies to the Commissioner.',
        },
        {
          threadId: 'bscc--hikvision',
          letter: { from: 'hikvision', to: 'bscc', date: '2022-03-30', threadId: 'bscc--hikvision' },
          datedAt: '2022-03-30',
        },
      ),
    ],
  });
  // A third version of the seeded document, so "any two" is more than the last pair.
  const doc = (await rig.store.getDocument(HISTORY_DOC))!;
  await rig.store.recordChange({
    changes: [],
    alerts: [],
    document: { next: { ...doc, version: 3, revision: 3, hash: 'h3' }, expectedRevision: 2 },
    version: {
      docId: HISTORY_DOC,
      version: 3,
      hash: 'h3',
      text: 'The government will remove surveillance equipment supplied by companies linked to human rights abuses.',
      title: doc.title,
      fetchedAt: '2026-01-03T00:00:00.000Z',
      changeNote: 'Sites clause dropped.',
    },
  });
  await rig.store.putSourceState({
    sourceId: 'find-a-tender-surveillance',
    validators: {},
    lastRunAt: '2026-03-01T09:00:00.000Z',
    lastSuccessAt: '2026-02-28T09:00:00.000Z',
    consecutiveFailures: 2,
    lastError: `Find a Tender answered HTTP 503 for ${LONG_URL}.`,
    failingAlertOpen: false,
    failingSince: '2026-03-01T08:45:00.000Z',
    lastListingSize: 1,
    pendingShrink: null,
  });
}, 90_000);

afterAll(async () => rig?.close());

describe.each(WIDTHS)('at %i px', (width) => {
  let page: Page;
  beforeAll(async () => {
    page = await rig.open(width);
  });

  it('lists changes with labels, both dates and no internal codes, without sideways scrolling', async () => {
    await page.goto(`${rig.base}/`);
    await listTitles(page);
    const tender = page.locator('#changes li', { hasText: 'Town centre CCTV camera replacement' });
    expect(await tender.locator('.tag').textContent()).toBe('Tender published');
    expect(await tender.locator('.meta a').first().textContent()).toBe('Find a Tender: surveillance cameras');
    const summary = (await tender.locator('.summary').textContent())!;
    expect(summary).toContain('(S.I. 2026/312)');
    expect(summary).toContain('Supplier Company number: 01234567');
    expect(summary).not.toMatch(/UnitedKingdomStatutoryInstrument|companyNumber/);
    const letter = page.locator('#changes li', { hasText: 'Letter from Hikvision' });
    expect(await letter.locator('.dates').textContent()).toBe(
      'Letter dated 30 Mar 2022 · Detected 2026-03-01 10:00 UTC',
    );
    expect(await letter.locator('.meta a').nth(1).textContent()).toBe('BSCC ↔ Hikvision');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  });

  it('offers every registered type, grouped and labelled, and only configured sources', async () => {
    await page.goto(`${rig.base}/`);
    await listTitles(page);
    const types = await page.$$eval('#f-type option', (os) =>
      os.map((o) => [(o as HTMLOptionElement).value, o.textContent]),
    );
    expect(types).toEqual(
      expect.arrayContaining([
        ...CHANGE_TYPES.map((t) => [t.type, t.label]),
        ['supplier-debarred', 'Supplier debarred'],
      ]),
    );
    expect(types).toHaveLength(catalog.types.length + 1);
    for (const t of ['tender-published', 'contract-awarded', 'notice-changed', 'question-answered'])
      expect(types.map(([v]) => v)).toContain(t);
    const groups = await page.$$eval('#f-type optgroup', (gs) => gs.map((g) => g.getAttribute('label')));
    expect(groups).toEqual(['Letters', 'Documents', 'Procurement', 'Parliament', 'Sources']);
    const sources = await page.$$eval('#f-source option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(sources).toEqual(['', ...SOURCES.map((s) => s.id)]);
    await page.locator('#f-type').selectOption('tender-published');
    await page.locator('#f-q').press('Enter');
    await page.waitForURL(/type=tender-published/);
    expect(await listTitles(page)).toEqual(['Town centre CCTV camera replacement']);
  });

  it('shows each source with its health, next run and documents held', async () => {
    await page.goto(`${rig.base}/?view=sources`);
    await page.locator('#sources-status').filter({ hasText: 'source(s) watched' }).waitFor();
    expect(await page.locator('#sources-status').textContent()).toBe('4 source(s) watched, 1 failing.');
    const tender = page.locator('#sources li', { hasText: 'Find a Tender: surveillance cameras' });
    const facts = await tender.locator('dt, dd').allTextContents();
    expect(facts).toEqual([
      'Last check',
      '2026-03-01 09:00 UTC',
      'Last success',
      '2026-02-28 09:00 UTC',
      'Failures in a row',
      '2',
      'Last error',
      `Find a Tender answered HTTP 503 for ${LONG_URL}.`,
      'Next run',
      expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:(00|15|30|45) UTC$/),
      'Documents held',
      '0',
    ]);
    expect(await tender.locator('.tag').textContent()).toBe('Failing');
    const never = page.locator('#sources li', { hasText: 'Never again (FAC report)' });
    expect(await never.locator('.tag').textContent()).toBe('Not checked yet');
    expect(await never.locator('dd').last().textContent()).toBe('1');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  });

  it('opens a document history from a change and diffs any two versions', async () => {
    await page.goto(`${rig.base}/?source=never-again-publication`);
    await listTitles(page);
    await page.locator('#changes li a.title').first().click();
    await page.getByRole('link', { name: 'All versions of this document' }).click();
    await page.waitForURL(/document=/);
    await page.locator('#compare-status').filter({ hasText: 'word(s) inserted' }).waitFor();
    expect(await page.locator('#versions li .title').allTextContents()).toEqual([
      'Version 1',
      'Version 2',
      'Version 3',
    ]);
    // The seeded change names versions this document never stored: the last two are compared then.
    expect(await page.locator('#c-from').inputValue()).toBe('2');
    expect(await page.locator('#c-to').inputValue()).toBe('3');
    expect(await page.locator('#history-diff del').allTextContents()).toEqual([' from sensitive sites']);
    expect(await page.locator('#history-diff ins').count()).toBe(0);
    await page.locator('#c-from').selectOption('1');
    await page.locator('#c-to').selectOption('2');
    await page.getByRole('button', { name: 'Show the difference' }).click();
    await page.waitForURL(/from=1&to=2/);
    await page.locator('#compare-status').filter({ hasText: 'Version 1 → version 2' }).waitFor();
    expect(await page.locator('#history-diff ins').allTextContents()).toEqual([
      'remove',
      // Computed from the stored texts by the core's word diff, which keeps the space on this side.
      ' linked to human rights abuses',
    ]);
    expect(await page.locator('#history-diff del').allTextContents()).toEqual(['consider']);
    expect(await page.locator('#history-title').textContent()).toMatch(/^Never again/);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  });

  it('has a favicon, and no page asks for anything that is not there', async () => {
    const icon = await page.request.get(`${rig.base}/favicon.ico`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toBe('image/svg+xml');
    await page.goto(`${rig.base}/?change=c900`);
    await page.locator('#change-facts dd').first().waitFor();
    expect(await page.locator('#change-facts dd').first().textContent()).toBe('Tender published');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    expect(rig.failedResponses).toEqual([]);
    expect(rig.pageErrors).toEqual([]);
  });
});
