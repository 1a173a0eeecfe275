/**
 * The OCDS source kinds (lambdas/sources/ocds/notice-kind.ts, find-a-tender, contracts-finder): the edges
 * mutation testing found unchecked, on the recorded Contracts Finder releases and the composed Find a
 * Tender packages with values changed: what is searched, the text a notice keeps, several releases of
 * one process on a page, the stages asked for, the hosts, and the notice page a release links to none.
 */
import { LIVE_ENDPOINTS } from '../../../lambdas/config';
import { contractsFinder } from '../../../lambdas/sources/contracts-finder';
import { findATender } from '../../../lambdas/sources/find-a-tender';
import { noticeDocument, searchableText, type NoticeSourceConfig } from '../../../lambdas/sources/ocds/notice-kind';
import { noticeOf, type Notice } from '../../../lambdas/sources/ocds/release';
import { fetched, fixtureJson } from '../../support/fixtures';
import { findATenderDeclaration } from '../../../lambdas/sources/find-a-tender/declaration';
import { contractsFinderDeclaration } from '../../../lambdas/sources/contracts-finder/declaration';

type Release = Record<string, any>;
const where = { url: 'https://x.test/', source: 'n' };
const award17 = (): Release => fixtureJson('ocds/cfserver1_release-17_award.json');
const tender46 = (): Release => fixtureJson('ocds/cfserver1_release-46_tender.json');
const config = (kind: string, extra: Partial<NoticeSourceConfig> = {}): NoticeSourceConfig => ({
  id: 'notices',
  kind,
  terms: ['Hikvision'],
  ...extra,
});
const SPEC = {
  kind: 'contracts-finder',
  portal: 'Contracts Finder',
  endpoint: 'contractsFinder' as const,
  path: '/Published/Notices/OCDS/Search',
  windowParam: 'publishedFrom',
  bucket: 'contracts-finder',
  noticeUrl: (n: Notice) => `https://fallback.test/${n.releaseId}`,
};

describe('what a notice is searched in, and the text it keeps', () => {
  const notice = (): Notice => {
    const r = award17();
    r.awards[0].suppliers = r.awards[0].suppliers.slice(0, 2);
    r.parties = r.parties.filter((p: Release) => p.roles.includes('buyer'));
    r.tender.items = [
      { id: '1', description: 'Home to school taxis' },
      { id: '2', description: 'Escorts' },
    ];
    return noticeOf(r, where);
  };

  it('title, description, items, buyer and suppliers, one a line', () => {
    expect(searchableText(notice())).toBe(
      [
        'RCC-1118-S-DPS Home to School DPS',
        'Call offs on the DPS for October, November & December 2024',
        'Home to school taxis',
        'Escorts',
        'Taxi services',
        'Welland Procurement Unit',
        '24x7',
        'A1 Taxis',
      ].join('\n'),
    );
  });

  it('a notice naming a term only in its buyer is watched', () => {
    const r = tender46();
    r.buyer.name = 'Hikvision Digital Technology Co Ltd';
    const page = contractsFinder.parseListing(
      fetched('https://x.test/?publishedFrom=2026-02-23T00:00:00', JSON.stringify({ releases: [r] })),
      config('contracts-finder'),
      LIVE_ENDPOINTS,
    );
    expect(page.entries.map((e) => e.docId)).toEqual([`contracts-finder:${r.ocid}`]);
  });

  it('a notice with no buyer, supplier, item, value or status: its title, description and stage alone', () => {
    const n: Notice = { ...noticeOf(tender46(), where), buyer: null, items: [], status: null, noticeLink: null };
    expect(searchableText(n)).toBe(`${n.title}\n${n.description}\n`);
    const doc = noticeDocument(n, SPEC);
    expect(doc.text).toBe(`${n.title}\n\n${n.description}\n\nStage: tender`);
    expect(doc.organisations).toEqual([]);
    expect(doc.url).toBe(`https://fallback.test/${n.releaseId}`);
  });

  it('items joined with "; ", the status beside the stage, the buyer as the organisation', () => {
    const doc = noticeDocument(notice(), SPEC);
    expect(doc.text).toBe(
      'RCC-1118-S-DPS Home to School DPS\n\nCall offs on the DPS for October, November & December 2024\n\n' +
        'Buyer: Welland Procurement Unit\n\nSuppliers: 24x7; A1 Taxis\n\n' +
        'Items: Home to school taxis; Escorts; Taxi services\n\nValue: £776,888.48\n\nStage: award (active)',
    );
    expect(doc.organisations).toEqual(['Welland Procurement Unit']);
  });
});

describe('the listing of a portal', () => {
  const page = (releases: Release[]) =>
    findATender.parseListing(
      fetched(
        'https://www.find-tender.service.gov.uk/api/1.0/ocdsReleasePackages?updatedFrom=2026-02-23T00%3A00%3A00',
        JSON.stringify({ releases }),
      ),
      config('find-a-tender'),
      LIVE_ENDPOINTS,
    );
  const hikvision = (id: string, date: string, title: string): Release => {
    const r = tender46();
    return { ...r, id, date, tender: { ...r.tender, title: `${title}: Hikvision cameras` } };
  };

  it('several releases of one process: the newest speaks for it, wherever it is on the page', () => {
    const newest = hikvision('3', '2026-03-09T10:00:00Z', 'Amended');
    const older = hikvision('1', '2026-03-02T09:15:00Z', 'Original');
    for (const releases of [
      [newest, older],
      [older, newest],
    ]) {
      const { entries, scanned } = page(releases);
      expect(scanned).toBe(2);
      expect(entries.map((e) => [e.title, e.signal])).toEqual([
        ['Amended: Hikvision cameras', '2026-03-09T10:00:00.000Z'],
      ]);
    }
  });

  it('two releases of one process at the same time: the first listed is kept', () => {
    const { entries } = page([
      hikvision('2', '2026-03-09T10:00:00Z', 'First'),
      hikvision('3', '2026-03-09T10:00:00Z', 'Second'),
    ]);
    expect(entries.map((e) => e.title)).toEqual(['First: Hikvision cameras']);
  });

  it('the stages asked for are in the request; the hosts are the endpoint’s; the listing is a window', () => {
    const req = findATender.listing(
      config('find-a-tender', { stages: ['tender', 'award'] }),
      LIVE_ENDPOINTS,
      '2026-03-02T12:34:00.000Z',
    );
    expect(new URL(req.url).searchParams.get('stages')).toBe('tender,award');
    expect(findATenderDeclaration.hosts(config('find-a-tender'), LIVE_ENDPOINTS)).toEqual([
      'www.find-tender.service.gov.uk',
    ]);
    expect(contractsFinderDeclaration.hosts(config('contracts-finder'), LIVE_ENDPOINTS)).toEqual([
      'www.contractsfinder.service.gov.uk',
    ]);
    expect(findATender.windowed?.(config('find-a-tender'))).toBe(true);
  });

  it('a Contracts Finder release without a notice document links its notice page by release id', () => {
    const r = tender46();
    delete r.tender.documents;
    r.id = 'b3e7 45a9/1';
    const [doc] = contractsFinder.parseDetail(
      fetched('https://x.test/', JSON.stringify({ releases: [r] })),
      { docId: '', url: '', title: '', signal: '' },
      config('contracts-finder'),
      LIVE_ENDPOINTS,
    ).documents;
    expect(doc.url).toBe('https://www.contractsfinder.service.gov.uk/Notice/b3e7%2045a9%2F1');
    expect(doc.docId).toBe(`contracts-finder:${r.ocid}`);
  });
});
