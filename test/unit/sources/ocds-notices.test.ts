/** Find a Tender / Contracts Finder parsing on the recorded Contracts Finder releases and the composed packages. */
import { LIVE_ENDPOINTS } from '../../../lambdas/config';
import { contractsFinder } from '../../../lambdas/sources/contracts-finder';
import { findATender } from '../../../lambdas/sources/find-a-tender';
import type { NoticeSourceConfig } from '../../../lambdas/sources/ocds/notice-kind';
import { noticeOf } from '../../../lambdas/sources/ocds/release';
import { fetched, fixtureJson, fixtureText } from '../../support/fixtures';

const config = (kind: string): NoticeSourceConfig => ({
  id: 'notices',
  kind,
  terms: ['Hikvision', 'Dahua', 'CCTV', 'surveillance camera', 'facial recognition', 'body-worn video'],
});
const where = { url: 'https://example.test/', source: 'notices' };

describe('OCDS releases as notices (recorded Contracts Finder releases)', () => {
  it('an award: buyer, suppliers, value, dates and the notice link as published', () => {
    const n = noticeOf(fixtureJson('ocds/cfserver1_release-17_award.json'), where);
    expect(n).toEqual(
      expect.objectContaining({
        ocid: 'ocds-b5fd17-d1441223-b3e7-45a9-9ff6-88fcdad59f37',
        stage: 'award',
        date: '2025-01-23T17:32:10.000Z',
        title: 'RCC-1118-S-DPS Home to School DPS',
        buyer: 'Welland Procurement Unit',
        value: { amount: 776888.48, currency: 'GBP' },
        awardDate: '2024-09-01T00:00:00+01:00',
        contractStart: '2024-09-01T00:00:00+01:00',
        noticeLink: 'https://www.contractsfinder.service.gov.uk/Notice/a7425cdc-e7f7-44cc-a75a-7f77eeff79a7',
      }),
    );
    expect(n.suppliers).toHaveLength(12);
    expect(n.suppliers[0]).toBe('24x7');
  });

  it('a tender: its stage, CPV description as an item, no suppliers', () => {
    const n = noticeOf(fixtureJson('ocds/cfserver1_release-46_tender.json'), where);
    expect(n).toEqual(
      expect.objectContaining({
        stage: 'tender',
        buyer: 'MSE Group',
        suppliers: [],
        tenderEnd: '2025-02-07T12:00:00Z',
      }),
    );
    expect(n.items).toEqual(['Security, fire-fighting, police and defence equipment']);
  });
});

describe('find-a-tender listing', () => {
  const at = '2026-03-02T12:34:00.000Z';

  it('asks for a week of updates from midnight UTC, 100 at a time', () => {
    const req = findATender.listing(config('find-a-tender'), LIVE_ENDPOINTS, at);
    expect(req).toEqual({
      url: 'https://www.find-tender.service.gov.uk/api/1.0/ocdsReleasePackages?updatedFrom=2026-02-23T00%3A00%3A00&limit=100',
      bucket: 'find-a-tender',
      accept: 'application/json',
    });
    expect(contractsFinder.listing(config('contracts-finder'), LIVE_ENDPOINTS, at).url).toBe(
      'https://www.contractsfinder.service.gov.uk/Published/Notices/OCDS/Search?publishedFrom=2026-02-23T00%3A00%3A00&limit=100',
    );
  });

  it('keeps only notices naming a watched term, and follows the cursor on the endpoint it was given', () => {
    const first = findATender.listing(config('find-a-tender'), LIVE_ENDPOINTS, at);
    const page = findATender.parseListing(
      fetched(first.url, fixtureText('ocds/composed_fts_non-matching-added.json')),
      config('find-a-tender'),
      LIVE_ENDPOINTS,
    );
    expect(page.scanned).toBe(3);
    expect(page.entries.map((e) => e.docId)).toEqual(['find-a-tender:ocds-h6vhtk-05a7c3']);
    expect(page.entries[0].inline?.extra).toEqual(expect.objectContaining({ thread: 'hikvision--procurement' }));
    const paged = findATender.parseListing(
      fetched(first.url, fixtureText('ocds/composed_fts_page-1-of-2.json')),
      config('find-a-tender'),
      { ...LIVE_ENDPOINTS, findATender: 'http://127.0.0.1:9' },
    );
    expect(paged.entries).toEqual([]);
    expect(paged.next?.url).toBe(
      'http://127.0.0.1:9/api/1.0/ocdsReleasePackages?updatedFrom=2026-02-23T00%3A00%3A00&limit=100&cursor=MTAwM%3D%3D',
    );
  });

  it('a body that is not a release package fails the source in one sentence', () => {
    expect(() =>
      findATender.parseListing(fetched('https://x.test/', '{"records": []}'), config('find-a-tender'), LIVE_ENDPOINTS),
    ).toThrow('Find a Tender answered https://x.test/ without a "releases" list: not an OCDS release package.');
  });
});
