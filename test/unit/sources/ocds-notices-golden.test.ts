/**
 * Golden files for the OCDS kinds (Find a Tender, Contracts Finder): each recorded release as the
 * document it becomes, each composed package as the listing it becomes. The facts asserted beside
 * each golden were read by hand from the fixture, so a golden written wrong once cannot pass.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIVE_ENDPOINTS } from '../../../lambdas/config';
import { contractsFinder } from '../../../lambdas/sources/contracts-finder';
import { findATender } from '../../../lambdas/sources/find-a-tender';
import { noticeDocument, type NoticeSourceConfig, type PortalSpec } from '../../../lambdas/sources/ocds/notice-kind';
import { noticeOf } from '../../../lambdas/sources/ocds/release';
import { fetched, FIXTURES, fixtureJson, fixtureText } from '../../support/fixtures';
import { expectGolden } from '../../support/golden';
import { REPLAY_DIR } from '../../support/replay-files';

const TERMS = ['Hikvision', 'Dahua', 'CCTV', 'surveillance camera', 'facial recognition', 'body-worn video'];
const config = (kind: string): NoticeSourceConfig => ({ id: 'notices', kind, terms: TERMS });
const golden = (file: string) => join(FIXTURES, 'ocds', file.replace(/\.json$/, '.expected.json'));
const where = { url: 'https://example.test/', source: 'notices' };
const CF_URL = contractsFinder.listing(config('contracts-finder'), LIVE_ENDPOINTS, '2026-03-02T12:00:00Z').url;
const FTS_URL = findATender.listing(config('find-a-tender'), LIVE_ENDPOINTS, '2026-03-02T12:00:00Z').url;

// The recorded releases carry Contracts Finder ocids (`ocds-b5fd17-`): they are read as that portal reads them.
const cfSpec: PortalSpec = {
  kind: 'contracts-finder',
  portal: 'Contracts Finder',
  endpoint: 'contractsFinder',
  path: '/Published/Notices/OCDS/Search',
  windowParam: 'publishedFrom',
  bucket: 'contracts-finder',
  noticeUrl: (n) => `https://www.contractsfinder.service.gov.uk/Notice/${n.releaseId}`,
};
const releaseDoc = (file: string) => noticeDocument(noticeOf(fixtureJson(`ocds/${file}`), where), cfSpec);

const ftsListing = (file: string) =>
  findATender.parseListing(fetched(FTS_URL, fixtureText(`ocds/${file}`)), config('find-a-tender'), LIVE_ENDPOINTS);

describe('OCDS goldens: the recorded Contracts Finder releases as documents', () => {
  it.each(['cfserver1_release-17_award.json', 'cfserver1_release-46_tender.json'])('%s', (file) => {
    expectGolden(releaseDoc(file), golden(file));
  });

  it('release 17 (read by hand): an award document linked to its awardNotice, 12 suppliers named in its text', () => {
    const doc = releaseDoc('cfserver1_release-17_award.json');
    expect(doc.documentType).toBe('ocds-award');
    expect(doc.url).toBe('https://www.contractsfinder.service.gov.uk/Notice/a7425cdc-e7f7-44cc-a75a-7f77eeff79a7');
    expect(doc.signal).toBe('2025-01-23T17:32:10.000Z');
    expect(doc.text).toMatch(/Value: £776,888\.48/);
    expect((doc.extra as { suppliers: string[] }).suppliers).toHaveLength(12);
  });

  it('release 46 (read by hand): a tender for MSE Group, closing 7 February 2025, with no value', () => {
    const doc = releaseDoc('cfserver1_release-46_tender.json');
    expect(doc.documentType).toBe('ocds-tender');
    expect(doc.organisations).toEqual(['MSE Group']);
    expect(doc.extra).toEqual(expect.objectContaining({ tenderEnd: '2025-02-07T12:00:00Z', value: null }));
  });
});

describe('OCDS goldens: the composed Find a Tender packages as listings', () => {
  it.each([
    'composed_fts_tender-amended.json',
    'composed_fts_contract-awarded.json',
    'composed_fts_non-matching-added.json',
    'composed_fts_page-1-of-2.json',
    'composed_fts_page-2-of-2.json',
  ])('%s', (file) => {
    expectGolden(ftsListing(file), golden(file));
  });

  it('tender amended (read by hand): one notice, value £520,000, tenders close 24 April 2026', () => {
    const page = ftsListing('composed_fts_tender-amended.json');
    expect(page.entries.map((e) => e.title)).toEqual(['Town centre CCTV camera replacement']);
    expect(page.entries[0].inline?.extra).toEqual(
      expect.objectContaining({
        value: { amount: 520000, currency: 'GBP' },
        tenderEnd: expect.stringMatching(/^2026-04-24/),
      }),
    );
    expect(page.entries[0].url).toBe('https://www.find-tender.service.gov.uk/Notice/013002-2026');
  });

  it('contract awarded (read by hand): the award stage, supplier Sample Imaging Systems Ltd', () => {
    const [entry] = ftsListing('composed_fts_contract-awarded.json').entries;
    expect(entry.inline?.documentType).toBe('ocds-award');
    expect(entry.inline?.extra).toEqual(expect.objectContaining({ suppliers: ['Sample Imaging Systems Ltd'] }));
  });

  it('page 2 of 2 (read by hand): the Hikvision tender and no next page', () => {
    const page = ftsListing('composed_fts_page-2-of-2.json');
    expect(page.entries.map((e) => e.docId)).toEqual(['find-a-tender:ocds-h6vhtk-05a7c3']);
    expect(page.next).toBeNull();
  });
});

describe("OCDS goldens: the demo's Contracts Finder packages (composed, served by the replay server)", () => {
  const cfListing = (step: string) =>
    contractsFinder.parseListing(
      fetched(CF_URL, readFileSync(join(REPLAY_DIR, step, 'procurement-notices/contracts-finder.json'), 'utf8')),
      config('contracts-finder'),
      LIVE_ENDPOINTS,
    );

  it.each(['t0', 't4'])('%s', (step) => {
    expectGolden(cfListing(step), join(FIXTURES, 'ocds', `demo-${step}_contracts-finder.expected.json`));
  });

  it('t4 (read by hand): only the body-worn video award names a watched term; linked to its awardNotice', () => {
    const page = cfListing('t4');
    expect(page.scanned).toBe(2);
    expect(page.entries.map((e) => e.url)).toEqual([
      'https://www.contractsfinder.service.gov.uk/Notice/5d2a9b31-0f6e-4c7a-9d3b-81e4c2a7f609',
    ]);
    expect(page.entries[0].inline?.organisations).toEqual([
      'Office of the Police and Crime Commissioner for Northmoor',
    ]);
  });
});
