import { join } from 'node:path';
import { ParseError } from '../../../lambdas/core/errors';
import type { DocumentSnapshot, ListingEntry, StoredVersion } from '../../../lambdas/core/model';
import { LIVE_ENDPOINTS } from '../../../lambdas/config';
import { parliamentBill, type ParliamentBillConfig } from '../../../lambdas/sources/parliament-bill';
import { fetched, FIXTURES, fixtureText } from '../../support/fixtures';
import { expectGolden } from '../../support/golden';

const API = 'https://bills-api.parliament.uk/api/v1';
const config: ParliamentBillConfig = {
  id: 'procurement-bills',
  kind: 'parliament-bill',
  searchTerm: 'Procurement',
  billIds: [3159],
  pageSize: 2,
};

const golden = (file: string) => join(FIXTURES, 'parliament-bills', file.replace(/\.json$/, '.expected.json'));

function listing(file: string, url = parliamentBill.listing(config, LIVE_ENDPOINTS).url) {
  return parliamentBill.parseListing(fetched(url, fixtureText(`parliament-bills/${file}`)), config, LIVE_ENDPOINTS);
}

function detail(file: string, url: string, entry: Partial<ListingEntry> = {}) {
  const e: ListingEntry = {
    docId: 'x',
    url: 'https://bills.parliament.uk/bills/3159',
    title: 'Procurement Bill [HL]',
    signal: '2023-05-10T18:22:41.1234567',
    ...entry,
  };
  return parliamentBill.parseDetail(fetched(url, fixtureText(`parliament-bills/${file}`)), e, config, LIVE_ENDPOINTS);
}

function stored(doc: DocumentSnapshot): StoredVersion {
  return {
    docId: doc.docId,
    version: 1,
    hash: 'h',
    text: doc.text,
    title: doc.title,
    fetchedAt: '2026-01-01T00:00:00Z',
    changeNote: null,
    extra: doc.extra ?? null,
  };
}

describe('parliament-bill', () => {
  it('lists by title search, most recently updated first, paged with Skip/Take', () => {
    const url = new URL(parliamentBill.listing(config, LIVE_ENDPOINTS).url);
    expect(url.origin + url.pathname).toBe(`${API}/Bills`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      SearchTerm: 'Procurement',
      SortOrder: 'DateUpdatedDescending',
      Skip: '0',
      Take: '2',
    });
    expect(parliamentBill.listing(config, LIVE_ENDPOINTS).bucket).toBe('parliament');
  });

  it.each([
    'composed_bills-search-procurement.json',
    'composed_bills-search-procurement_page-1-of-2.json',
    'composed_bills-search-empty.json',
  ])('%s parses to its golden listing', (file) => {
    expectGolden(listing(file), golden(file));
  });

  it('uses lastUpdate as the change signal and reads the bill only through its detail', () => {
    const [entry] = listing('composed_bills-search-procurement.json').entries;
    expect(entry).toEqual(
      expect.objectContaining({
        docId: 'parliament-bill:3159',
        signal: '2023-05-10T18:22:41.1234567',
        detail: { url: `${API}/Bills/3159`, bucket: 'parliament', accept: 'application/json' },
      }),
    );
  });

  it('pages: 2 of 3 results asks for Skip=2; the last search page moves on to the explicit bill ids; an empty page ends', () => {
    const page1 = listing('composed_bills-search-procurement_page-1-of-2.json');
    expect(page1.entries).toHaveLength(2);
    expect(new URL(page1.next!.url).searchParams.get('Skip')).toBe('2');
    const last = listing('composed_bills-search-procurement.json');
    const ids = new URL(last.next!.url);
    expect(ids.searchParams.getAll('BillIds')).toEqual(['3159']);
    expect(ids.searchParams.has('SearchTerm')).toBe(false);
    expect(listing('composed_bills-search-empty.json', last.next!.url)).toEqual({ entries: [], next: null });
  });

  it('the recorded bill 2818 parses to its golden document, and follows its stages and publications', () => {
    const result = detail('snommoc_bill-2818.json', `${API}/Bills/2818`, { signal: '' });
    expectGolden(result, golden('snommoc_bill-2818.json'));
    expect(result.follow.map((f) => f.detail!.url)).toEqual([
      `${API}/Bills/2818/Stages?Skip=0&Take=100`,
      `${API}/Bills/2818/Publications`,
    ]);
    expect(result.follow.every((f) => f.parentId === 'parliament-bill:2818')).toBe(true);
  });

  it('the recorded stages of bill 2818 parse with sitting dates, and each stage follows its amendments', () => {
    const result = detail('snommoc_bill-2818_stages.json', `${API}/Bills/2818/Stages?Skip=0&Take=100`, {
      title: 'Abolition of Business Rates Bill: stages',
    });
    expectGolden(result, golden('snommoc_bill-2818_stages.json'));
    expect(result.follow.map((f) => f.detail!.url)).toEqual([
      `${API}/Bills/2818/Stages/12654/Amendments?Skip=0&Take=100`,
      `${API}/Bills/2818/Stages/12655/Amendments?Skip=0&Take=100`,
    ]);
    expect(result.follow.every((f) => f.parentId === 'parliament-bill:2818')).toBe(true);
  });

  it('the recorded publications (41 of bill 512) parse to their golden list, newest first', () => {
    const result = detail('snommoc_bill-2818_publications.json', `${API}/Bills/512/Publications`, {
      title: 'Constitutional Reform and Governance Bill: publications',
    });
    expectGolden(result, golden('snommoc_bill-2818_publications.json'));
    expect((result.documents[0].extra!.publications as unknown[]).length).toBe(41);
  });

  it('amendments parse with their text, and a full page follows the next one', () => {
    const url = `${API}/Bills/3159/Stages/15011/Amendments?Skip=0&Take=100`;
    const result = detail('composed_bill-3159_report-stage-amendments_hikvision.json', url, {
      title: 'Procurement Bill [HL]: amendments at Report stage (Commons)',
    });
    expectGolden(result, golden('composed_bill-3159_report-stage-amendments_hikvision.json'));
    // The first page of two: 2 of the 3 amendments.
    const all = JSON.parse(fixtureText('parliament-bills/composed_bill-3159_report-stage-amendments_hikvision.json'));
    const paged = parliamentBill.parseDetail(
      fetched(
        `${API}/Bills/3159/Stages/15011/Amendments?Skip=0&Take=2`,
        JSON.stringify({ ...all, items: all.items.slice(0, 2), itemsPerPage: 2 }),
      ),
      { docId: 'x', url: 'u', title: 't', signal: 's' },
      { ...config, amendmentsPageSize: 2 },
      LIVE_ENDPOINTS,
    );
    expect(paged.follow).toEqual([
      expect.objectContaining({
        docId: 'parliament-bill:3159:stage:15011:amendments:p2',
        detail: expect.objectContaining({ url: `${API}/Bills/3159/Stages/15011/Amendments?Skip=2&Take=2` }),
      }),
    ]);
  });

  it('a bill moving from Report stage to 3rd reading raises exactly one bill-stage-changed', () => {
    const before = detail('composed_bill-3159.json', `${API}/Bills/3159`).documents[0];
    const after = detail('composed_bill-3159_third-reading.json', `${API}/Bills/3159`).documents[0];
    expect(parliamentBill.compare!(stored(before), after, config)).toEqual([
      {
        type: 'bill-stage-changed',
        key: 'stage:15012',
        title: 'Procurement Bill [HL]: 3rd reading (Commons)',
        summary: 'Procurement Bill [HL] moved: Report stage (Commons) → 3rd reading (Commons).',
      },
    ]);
    const stagesBefore = detail('composed_bill-3159_stages.json', `${API}/Bills/3159/Stages`, {
      title: 'Procurement Bill [HL]: stages',
    }).documents[0];
    const stagesAfter = detail('composed_bill-3159_stages_third-reading.json', `${API}/Bills/3159/Stages`, {
      title: 'Procurement Bill [HL]: stages',
    }).documents[0];
    expect(stagesAfter.text).not.toBe(stagesBefore.text);
    expect(parliamentBill.compare!(stored(stagesBefore), stagesAfter, config)).toEqual([]);
  });

  it('Royal Assent without a new stage id still says so', () => {
    const before = detail('composed_bill-3159_third-reading.json', `${API}/Bills/3159`).documents[0];
    const json = JSON.parse(fixtureText('parliament-bills/composed_bill-3159_third-reading.json'));
    const after = parliamentBill.parseDetail(
      fetched(`${API}/Bills/3159`, JSON.stringify({ ...json, isAct: true })),
      { docId: 'x', url: 'u', title: 't', signal: 's' },
      config,
      LIVE_ENDPOINTS,
    ).documents[0];
    expect(parliamentBill.compare!(stored(before), after, config).map((e) => e.title)).toEqual([
      'Procurement Bill [HL]: Royal Assent',
    ]);
  });

  it('a new publication raises new-bill-publication', () => {
    const url = `${API}/Bills/3159/Publications`;
    const before = detail('composed_bill-3159_publications.json', url, { title: 'Procurement Bill [HL]: publications' })
      .documents[0];
    const after = detail('composed_bill-3159_publications_new-publication.json', url, {
      title: 'Procurement Bill [HL]: publications',
    }).documents[0];
    const events = parliamentBill.compare!(stored(before), after, config);
    expect(events.map((e) => [e.type, e.title])).toEqual([
      ['new-bill-publication', 'Procurement Bill [HL]: Bill 290 2022-23 (as amended on Report)'],
    ]);
  });

  it('a newly tabled amendment raises amendment-tabled carrying its text; the old ones raise nothing', () => {
    const url = `${API}/Bills/3159/Stages/15011/Amendments?Skip=0&Take=100`;
    const title = { title: 'Procurement Bill [HL]: amendments at Report stage (Commons)' };
    const before = detail('composed_bill-3159_report-stage-amendments.json', url, title).documents[0];
    const after = detail('composed_bill-3159_report-stage-amendments_hikvision.json', url, title).documents[0];
    const events = parliamentBill.compare!(stored(before), after, config);
    expect(events).toHaveLength(1);
    expect(events[0]).toEqual(
      expect.objectContaining({
        type: 'amendment-tabled',
        key: 'amendment:7010',
        title: 'Procurement Bill [HL], Report stage (Commons): amendment NC7',
      }),
    );
    expect(events[0].text).toMatch(/manufactured by Hikvision or Dahua/);
    // On a stage seen for the first time, its amendments are news too; the stage list is not.
    expect(parliamentBill.compareNew!(after, config)!.map((e) => e.key)).toEqual([
      'amendment:7001',
      'amendment:7002',
      'amendment:7010',
    ]);
    expect(
      parliamentBill.compareNew!(
        detail('composed_bill-3159_stages.json', `${API}/Bills/3159/Stages`).documents[0],
        config,
      ),
    ).toEqual([]);
    expect(
      parliamentBill.compareNew!(detail('composed_bill-3159.json', `${API}/Bills/3159`).documents[0], config),
    ).toBeNull();
  });

  it('a changed shape names the field', () => {
    expect(() => listing('snommoc_bill-2818_publications.json')).toThrow(ParseError);
    expect(() => listing('snommoc_bill-2818_publications.json')).toThrow(/field "items"/);
    expect(() => detail('composed_bill-3159.json', `${API}/Bills/3159/NewsArticles`)).toThrow(
      /not a Bills API resource/,
    );
  });

  it('needs a search term or bill ids', () => {
    expect(parliamentBill.schema.safeParse({ id: 'x1', kind: 'parliament-bill' }).success).toBe(false);
    expect(parliamentBill.schema.safeParse({ id: 'x1', kind: 'parliament-bill', billIds: [3159] }).success).toBe(true);
  });
});
