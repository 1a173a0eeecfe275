import { join } from 'node:path';
import { ParseError } from '../../../lambdas/core/errors';
import type { DocumentSnapshot, ListingEntry, StoredVersion } from '../../../lambdas/core/model';
import type { ListingPage } from '../../../lambdas/core/source-kind';
import { LIVE_ENDPOINTS } from '../../../lambdas/config';
import { parliamentBill, type ParliamentBillConfig } from '../../../lambdas/sources/parliament-bill';
import { fetched, FIXTURES, fixtureJson, fixtureText } from '../../support/fixtures';
import { expectGolden } from '../../support/golden';
import { storedVersionOf } from '../../support/source-results';
import { parliamentBillDeclaration } from '../../../lambdas/sources/parliament-bill/declaration';

const API = 'https://bills-api.parliament.uk/api/v1';
const config: ParliamentBillConfig = {
  id: 'procurement-bills',
  kind: 'parliament-bill',
  searchTerm: 'Procurement',
  billIds: [3159],
  pageSize: 2,
};

const golden = (file: string) => join(FIXTURES, 'parliament-bills', file.replace(/\.json$/, '.expected.json'));

function listing(file: string, url = parliamentBill.listing(config, LIVE_ENDPOINTS).url, c = config): ListingPage {
  return parliamentBill.parseListing(fetched(url, fixtureText(`parliament-bills/${file}`)), c, LIVE_ENDPOINTS);
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

const stored = (doc: DocumentSnapshot): StoredVersion => storedVersionOf(doc);

describe('parliament-bill: the listing', () => {
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
    'snommoc_bills.json',
    'composed_bills-search-procurement.json',
    'composed_bills-search-procurement_page-1-of-2.json',
    'composed_bills-search-empty.json',
  ])('%s parses to its golden listing', (file) => {
    expectGolden(listing(file), golden(file));
  });

  it('the recorded listing (read by hand): 20 of 3660 bills; the 2 Acts and the bills of older sessions cost no stage request, the one live bill of session 39 is asked about its current stage', () => {
    const page = listing('snommoc_bills.json', `${API}/Bills?SearchTerm=A&Skip=0&Take=20`, { ...config, pageSize: 20 });
    expect(page.entries).toHaveLength(19);
    expect(page.entries.find((e) => e.docId === 'parliament-bill:642')).toEqual(
      expect.objectContaining({ title: 'Academies Act 2010', signal: '2021-03-18T09:27:41.123269' }),
    );
    expect(page.entries.some((e) => e.docId === 'parliament-bill:3785')).toBe(false);
    const poll = new URL(page.next!.url);
    expect(poll.pathname).toBe('/api/v1/Bills/3785/Stages/19036');
    expect(page.next!.bucket).toBe('parliament');
  });

  it('a live bill: the signal is its lastUpdate plus its current stage lastUpdate, read by one chained stage request', () => {
    const page = listing('composed_bills-search-procurement.json');
    expect(page.entries).toEqual([]);
    expect(page.next!.url).toMatch(new RegExp(`^${API}/Bills/3159/Stages/15011#chain=`));
    const stage = listing('composed_bill-3159_stage-15011.json', page.next!.url);
    expect(stage.entries).toEqual([
      {
        docId: 'parliament-bill:3159',
        url: 'https://bills.parliament.uk/bills/3159',
        title: 'Procurement Bill [HL]',
        signal: '2023-05-10T18:22:41.1234567 stage 15011 2023-05-10T18:20:12.4567890',
        detail: { url: `${API}/Bills/3159`, bucket: 'parliament', accept: 'application/json' },
      },
    ]);
    // The last search page moves on to the explicit bill ids once its live bills were asked about.
    expect(new URL(stage.next!.url).searchParams.getAll('BillIds')).toEqual(['3159']);
    // The stage's own lastUpdate moving (an amendment tabled) moves the bill's signal, nothing else.
    const moved = listing('composed_bill-3159_stage-15011_amendment-tabled.json', page.next!.url);
    expect(moved.entries[0].signal).toBe('2023-05-10T18:22:41.1234567 stage 15011 2023-05-11T09:02:33.7654321');
  });

  it('pages: 2 of 3 results asks about both live bills, then Skip=2; an empty page ends', () => {
    const page1 = listing('composed_bills-search-procurement_page-1-of-2.json');
    expect(new URL(page1.next!.url).pathname).toBe('/api/v1/Bills/3159/Stages/15011');
    const first = listing('composed_bill-3159_stage-15011.json', page1.next!.url);
    expect(first.entries.map((e) => e.docId)).toEqual(['parliament-bill:3159']);
    expect(new URL(first.next!.url).pathname).toMatch(/^\/api\/v1\/Bills\/3999\/Stages\/\d+$/);
    const second = listing('composed_bill-3159_stage-15011.json', first.next!.url);
    expect(second.entries.map((e) => e.docId)).toEqual(['parliament-bill:3999']);
    expect(new URL(second.next!.url).searchParams.get('Skip')).toBe('2');
    expect(listing('composed_bills-search-empty.json', `${API}/Bills?BillIds=3159&Skip=0&Take=2`)).toEqual({
      entries: [],
      next: null,
    });
  });

  it('nullable lists are accepted: items null is an empty page', () => {
    const url = `${API}/Bills?BillIds=3159&Skip=0&Take=2`;
    const page = parliamentBill.parseListing(
      fetched(url, JSON.stringify({ items: null, totalResults: 0, itemsPerPage: 2 })),
      config,
      LIVE_ENDPOINTS,
    );
    expect(page).toEqual({ entries: [], next: null });
  });
});

describe('parliament-bill: a bill, its stages and publications', () => {
  it('the recorded bill 2818 parses to its golden document (read by hand: title, 2nd reading, sponsor), following its stages and publications', () => {
    const result = detail('snommoc_bill-2818.json', `${API}/Bills/2818`, { signal: '' });
    expectGolden(result, golden('snommoc_bill-2818.json'));
    const [bill] = result.documents;
    expect(bill.title).toBe('Abolition of Business Rates Bill');
    expect(bill.signal).toBe('2021-05-04T10:42:08.0579851');
    expect(bill.text).toContain('Current stage: 2nd reading (Commons)');
    expect(bill.text).toContain('Sponsors: Kevin Hollinrake');
    expect(result.follow.map((f) => f.detail!.url)).toEqual([
      `${API}/Bills/2818/Stages?Skip=0&Take=100`,
      `${API}/Bills/2818/Publications`,
    ]);
    expect(result.follow.every((f) => f.parentId === 'parliament-bill:2818')).toBe(true);
  });

  it('the recorded stages of bill 2818 (read by hand: 2 stages, 1st reading sat 12 January 2021), each following its amendments', () => {
    const result = detail('snommoc_bill-2818_stages.json', `${API}/Bills/2818/Stages?Skip=0&Take=100`, {
      title: 'Abolition of Business Rates Bill: stages',
    });
    expectGolden(result, golden('snommoc_bill-2818_stages.json'));
    expect(result.documents[0].text).toBe('1st reading (Commons): 2021-01-12\n2nd reading (Commons)');
    expect(result.follow.map((f) => f.detail!.url)).toEqual([
      `${API}/Bills/2818/Stages/12654/Amendments?Skip=0&Take=100`,
      `${API}/Bills/2818/Stages/12655/Amendments?Skip=0&Take=100`,
    ]);
  });

  it('the recorded publications (read by hand: 41 of bill 512, the newest the Act of 12 April 2010 with its opsi.gov.uk PDF)', () => {
    const result = detail('snommoc_bill-2818_publications.json', `${API}/Bills/512/Publications`, {
      title: 'Constitutional Reform and Governance Bill: publications',
    });
    expectGolden(result, golden('snommoc_bill-2818_publications.json'));
    const publications = result.documents[0].extra!.publications as { id: number; date: string; url: string }[];
    expect(publications).toHaveLength(41);
    expect(publications[0]).toEqual(
      expect.objectContaining({
        id: 2756,
        date: '2010-04-12',
        url: 'http://www.opsi.gov.uk/acts/acts2010/pdf/ukpga_20100025_en.pdf',
      }),
    );
  });

  it('a publication with files but no links is found at its document download; links and files may be null', () => {
    const json = fixtureJson('parliament-bills/composed_bill-3159_publications.json');
    json.publications[0].links = null;
    json.publications[0].files = [{ id: 88, filename: 'bill.pdf', contentType: 'application/pdf', contentLength: 1 }];
    json.publications[1].links = [];
    json.publications[1].files = null;
    const doc = parliamentBill.parseDetail(
      fetched(`${API}/Bills/3159/Publications`, JSON.stringify(json)),
      { docId: 'x', url: 'u', title: 'Procurement Bill [HL]: publications', signal: 's' },
      config,
      LIVE_ENDPOINTS,
    ).documents[0];
    const urls = Object.fromEntries(
      (doc.extra!.publications as { id: number; url: string }[]).map((p) => [p.id, p.url]),
    );
    expect(urls[json.publications[0].id]).toBe(`${API}/Publications/${json.publications[0].id}/Documents/88/Download`);
    expect(urls[json.publications[1].id]).toBeNull();
  });

  it('a bill moving from Report stage to 3rd reading raises exactly one bill-stage-changed; the stage list raises nothing', () => {
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
    const stages = (file: string) =>
      detail(file, `${API}/Bills/3159/Stages`, { title: 'Procurement Bill [HL]: stages' }).documents[0];
    const [s0, s1] = [stages('composed_bill-3159_stages.json'), stages('composed_bill-3159_stages_third-reading.json')];
    expect(s1.text).not.toBe(s0.text);
    expect(parliamentBill.compare!(stored(s0), s1, config)).toEqual([]);
  });

  it('Royal Assent without a new stage id still says so', () => {
    const before = detail('composed_bill-3159_third-reading.json', `${API}/Bills/3159`).documents[0];
    const json = fixtureJson('parliament-bills/composed_bill-3159_third-reading.json');
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
    const title = { title: 'Procurement Bill [HL]: publications' };
    const before = detail('composed_bill-3159_publications.json', url, title).documents[0];
    const after = detail('composed_bill-3159_publications_new-publication.json', url, title).documents[0];
    expect(parliamentBill.compare!(stored(before), after, config).map((e) => [e.type, e.title])).toEqual([
      ['new-bill-publication', 'Procurement Bill [HL]: Bill 290 2022-23 (as amended on Report)'],
    ]);
  });

  it('a changed shape names the field; an unknown resource is refused', () => {
    expect(() => listing('snommoc_bill-2818_publications.json')).toThrow(ParseError);
    expect(() => listing('snommoc_bill-2818_publications.json')).toThrow(/field "totalResults"/);
    expect(() => detail('composed_bill-3159.json', `${API}/Bills/3159/NewsArticles`)).toThrow(
      /not a Bills API resource/,
    );
  });

  it('needs a search term or bill ids', () => {
    expect(parliamentBillDeclaration.schema.safeParse({ id: 'x1', kind: 'parliament-bill' }).success).toBe(false);
    expect(
      parliamentBillDeclaration.schema.safeParse({ id: 'x1', kind: 'parliament-bill', billIds: [3159] }).success,
    ).toBe(true);
  });
});
