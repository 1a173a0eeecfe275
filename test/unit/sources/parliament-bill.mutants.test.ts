/**
 * parliament-bill's edges that mutation testing found unchecked (docs/test-strength.md): which bills cost a
 * stage request, the chained listing, which resource a detail URL is, the fallbacks of a bill, its stages,
 * publications and amendments, the events they raise, and the context a ParseError carries. Values start
 * from the composed bill 3159 files (valid against the Bills API's OpenAPI description), changing only
 * what each case names; they are built in memory, never saved as fixtures.
 */
import { LIVE_ENDPOINTS } from '../../../lambdas/config';
import type { DocumentSnapshot, ListingEntry, StoredVersion } from '../../../lambdas/core/model';
import { parliamentBill, type ParliamentBillConfig } from '../../../lambdas/sources/parliament-bill';
import { amendmentChanged, amendmentIndex, amendmentTabled } from '../../../lambdas/sources/parliament-bill/amendments';
import { billEvents, publicationEvents } from '../../../lambdas/sources/parliament-bill/bill-events';
import {
  amendmentDetail,
  bill,
  billsListUrl,
  parseBillsJson,
  plain,
  publicationList,
  stagePage,
} from '../../../lambdas/sources/parliament-bill/bills-api';
import {
  amendmentDocument,
  amendmentsDocId,
  billDocument,
  decisionLabel,
  publicationsDocument,
  stageLabel,
  stageRef,
  stagesDocument,
} from '../../../lambdas/sources/parliament-bill/documents';
import { billSignal, isStagePoll, listRequest } from '../../../lambdas/sources/parliament-bill/listing';
import { fetched, fixtureJson } from '../../support/fixtures';
import { parseErrorOf, storedVersionOf } from '../../support/source-results';
import { parliamentBillDeclaration } from '../../../lambdas/sources/parliament-bill/declaration';

const API = 'https://bills-api.parliament.uk/api/v1';
const config: ParliamentBillConfig = { id: 'pb', kind: 'parliament-bill', searchTerm: 'Procurement' };
const billJson = () => fixtureJson('parliament-bills/composed_bill-3159.json');
const summary = () => fixtureJson('parliament-bills/composed_bills-search-procurement.json').items[0];
const amendmentJson = () => fixtureJson('parliament-bills/composed_bill-3159_amendment-7001.json');
const amendmentsPage = () => fixtureJson('parliament-bills/composed_bill-3159_report-stage-amendments.json');
const stageJson = () => fixtureJson('parliament-bills/composed_bill-3159_stage-15011.json');
const billOf = (over: Record<string, unknown> = {}) => bill.parse({ ...billJson(), ...over });
const amendmentOf = (over: Record<string, unknown> = {}) => amendmentDetail.parse({ ...amendmentJson(), ...over });
const where = { billId: 3159, billStageId: 15011 };
const entry = (over: Partial<ListingEntry> = {}): ListingEntry => ({
  docId: 'x',
  url: 'https://bills.parliament.uk/bills/3159',
  title: 'Procurement Bill [HL]',
  signal: 'S1',
  ...over,
});
const stored = (doc: DocumentSnapshot, extra = doc.extra): StoredVersion => ({
  ...storedVersionOf(doc),
  extra: extra ?? null,
});
const listPage = (items: unknown[], totalResults: number, url: string, c: ParliamentBillConfig = config) =>
  parliamentBill.parseListing(fetched(url, JSON.stringify({ items, totalResults })), c, LIVE_ENDPOINTS);

describe('parliament-bill listing requests', () => {
  it('searches by title, or asks for the ids, 50 at a time unless told; newest update first', () => {
    expect(parliamentBill.listing(config, LIVE_ENDPOINTS)).toEqual({
      url: `${API}/Bills?SearchTerm=Procurement&SortOrder=DateUpdatedDescending&Skip=0&Take=50`,
      bucket: 'parliament',
      accept: 'application/json',
    });
    const ids: ParliamentBillConfig = { id: 'pb', kind: 'parliament-bill', billIds: [3159, 2818], pageSize: 5 };
    expect(parliamentBill.listing(ids, LIVE_ENDPOINTS).url).toBe(
      `${API}/Bills?BillIds=3159&BillIds=2818&SortOrder=DateUpdatedDescending&Skip=0&Take=5`,
    );
    expect(listRequest({ ...ids, searchTerm: 'Procurement' }, LIVE_ENDPOINTS, 'search', 10).url).toBe(
      `${API}/Bills?SearchTerm=Procurement&SortOrder=DateUpdatedDescending&Skip=10&Take=5`,
    );
    expect(billsListUrl('http://x', { skip: 0, take: 1 })).toBe(
      'http://x/api/v1/Bills?SortOrder=DateUpdatedDescending&Skip=0&Take=1',
    );
    expect(parliamentBillDeclaration.hosts(config, LIVE_ENDPOINTS)).toEqual(['bills-api.parliament.uk']);
  });

  it('a signal is the lastUpdate, plus the current stage while the bill is live; a stage poll is a stage URL', () => {
    expect(billSignal('L')).toBe('L');
    expect(billSignal('L', { id: 15011, lastUpdate: 'T' })).toBe('L stage 15011 T');
    expect(isStagePoll(`${API}/Bills/3159/Stages/15011#chain=abc`)).toBe(true);
    expect(isStagePoll(`${API}/bills/3159/stages/15011`)).toBe(true);
    expect(isStagePoll(`${API}/Bills/3159/Stages/15011/Amendments`)).toBe(false);
    expect(isStagePoll(`${API}/Bills/3159/Stages`)).toBe(false);
    expect(isStagePoll(`http://proxy/x${API.replace('https://bills-api.parliament.uk', '')}/Bills/3159/Stages/1`)).toBe(
      true,
    );
  });
});

describe('parliament-bill listing: which bills are live', () => {
  const url = `${API}/Bills?SearchTerm=Procurement&SortOrder=DateUpdatedDescending&Skip=0&Take=50`;
  const settled = (over: Record<string, unknown>) => listPage([{ ...summary(), ...over }], 1, url);

  it.each([
    ['an Act', { isAct: true }],
    ['defeated', { isDefeated: true }],
    ['withdrawn', { billWithdrawn: '2023-01-01T00:00:00' }],
    ['without a current stage', { currentStage: null }],
  ])('a bill that is %s is listed at once by its lastUpdate, without a stage request', (_name, over) => {
    expect(settled(over)).toEqual({
      entries: [
        {
          docId: 'parliament-bill:3159',
          url: 'https://bills.parliament.uk/bills/3159',
          title: 'Procurement Bill [HL]',
          signal: '2023-05-10T18:22:41.1234567',
          detail: { url: `${API}/Bills/3159`, bucket: 'parliament', accept: 'application/json' },
        },
      ],
      next: null,
    });
  });

  it('a bill of an older session than the newest listed is settled; sessions fall back to the introduced one', () => {
    const old = { ...summary(), billId: 1, shortTitle: null, includedSessionIds: [], introducedSessionId: 36 };
    const live = { ...summary(), includedSessionIds: [], introducedSessionId: 37 };
    const page = listPage([old, live], 2, url);
    expect(page.entries.map((e) => [e.docId, e.title, e.signal])).toEqual([
      ['parliament-bill:1', 'Bill 1', '2023-05-10T18:22:41.1234567'],
    ]);
    expect(page.next!.url).toMatch(new RegExp(`^${API}/Bills/3159/Stages/15011#chain=[\\w-]+$`));
    // A bill of no session at all is never in the newest one: it costs no stage request.
    const none = { ...summary(), includedSessionIds: null, introducedSessionId: null };
    expect(listPage([none], 1, url)).toEqual({
      entries: [expect.objectContaining({ docId: 'parliament-bill:3159' })],
      next: null,
    });
    const both = listPage([old, { ...summary(), includedSessionIds: [36, 37] }], 2, url);
    expect(both.entries.map((e) => e.docId)).toEqual(['parliament-bill:1']);
  });

  it('the stage poll carries the next listing page, then the ids when the search is done', () => {
    const c: ParliamentBillConfig = { ...config, billIds: [3159], pageSize: 1 };
    const first = listPage([summary()], 3, `${API}/Bills?SearchTerm=Procurement&Skip=1&Take=1`, c);
    const poll = parliamentBill.parseListing(fetched(first.next!.url, JSON.stringify(stageJson())), c, LIVE_ENDPOINTS);
    expect(poll.entries.map((e) => e.signal)).toEqual([
      '2023-05-10T18:22:41.1234567 stage 15011 2023-05-10T18:20:12.4567890',
    ]);
    expect(poll.next).toEqual({
      url: `${API}/Bills?SearchTerm=Procurement&SortOrder=DateUpdatedDescending&Skip=2&Take=1`,
      bucket: 'parliament',
      accept: 'application/json',
    });
    const last = listPage([{ ...summary(), isAct: true }], 3, `${API}/Bills?SearchTerm=Procurement&Skip=2&Take=1`, c);
    expect(last.next!.url).toBe(`${API}/Bills?BillIds=3159&SortOrder=DateUpdatedDescending&Skip=0&Take=1`);
    const idsDone = listPage([{ ...summary(), isAct: true }], 1, `${API}/Bills?BillIds=3159&Skip=0&Take=1`, c);
    expect(idsDone.next).toBeNull();
    const noSkip = listPage([{ ...summary(), isAct: true }], 2, `${API}/Bills?BillIds=3159`, c);
    expect(new URL(noSkip.next!.url).searchParams.get('Skip')).toBe('1');
    expect(listPage([], 5, url, c).next!.url).toBe(
      `${API}/Bills?BillIds=3159&SortOrder=DateUpdatedDescending&Skip=0&Take=1`,
    );
  });

  it('a stage poll whose fragment is missing or not a chain lists nothing and ends', () => {
    const chained = listPage([summary()], 1, `${API}/Bills?SearchTerm=Procurement&Skip=0&Take=50`).next!.url;
    const fragment = chained.slice(chained.indexOf('#'));
    for (const tail of ['', '#chain=bm90IGpzb24', '#other=1', `${fragment}.x`]) {
      const page = parliamentBill.parseListing(
        fetched(`${API}/Bills/3159/Stages/15011${tail}`, JSON.stringify(stageJson())),
        config,
        LIVE_ENDPOINTS,
      );
      expect(page).toEqual({ entries: [], next: null });
    }
  });
});

describe('parliament-bill details by URL', () => {
  const detail = (url: string, body: unknown, e: Partial<ListingEntry> = {}, c = config) =>
    parliamentBill.parseDetail(fetched(url, JSON.stringify(body)), entry(e), c, LIVE_ENDPOINTS);

  it('a bill follows its stages and publications, with the signal it was listed with (or its own)', () => {
    const read = detail(`${API}/Bills/3159`, billJson(), { signal: 'S1' });
    expect(read.follow).toEqual([
      {
        docId: 'parliament-bill:3159:stages',
        url: 'https://bills.parliament.uk/bills/3159/stages',
        title: 'Procurement Bill [HL]: stages',
        signal: 'S1',
        parentId: 'parliament-bill:3159',
        detail: { url: `${API}/Bills/3159/Stages?Skip=0&Take=100`, bucket: 'parliament', accept: 'application/json' },
      },
      {
        docId: 'parliament-bill:3159:publications',
        url: 'https://bills.parliament.uk/bills/3159/publications',
        title: 'Procurement Bill [HL]: publications',
        signal: 'S1',
        parentId: 'parliament-bill:3159',
        detail: { url: `${API}/Bills/3159/Publications`, bucket: 'parliament', accept: 'application/json' },
      },
    ]);
    const own = detail(`${API}/bills/3159`, billJson(), { signal: '' });
    expect(own.follow.map((f) => f.signal)).toEqual(['2023-05-10T18:22:41.1234567', '2023-05-10T18:22:41.1234567']);
  });

  it('stages follow each stage amendments, paged as configured; the title loses its ": stages"', () => {
    const stages = fixtureJson('parliament-bills/composed_bill-3159_stages.json');
    const read = detail(
      `${API}/Bills/3159/Stages`,
      stages,
      { title: 'Procurement Bill [HL]: stages' },
      {
        ...config,
        amendmentsPageSize: 20,
      },
    );
    expect(read.documents[0].title).toBe('Procurement Bill [HL]: stages');
    expect(read.follow[0]).toEqual({
      docId: 'parliament-bill:3159:stage:15001:amendments',
      url: 'https://bills.parliament.uk/bills/3159/stages/15001/amendments',
      title: 'Procurement Bill [HL]: amendments at 1st reading (Lords)',
      signal: 'S1',
      parentId: 'parliament-bill:3159',
      detail: {
        url: `${API}/Bills/3159/Stages/15001/Amendments?Skip=0&Take=20`,
        bucket: 'parliament',
        accept: 'application/json',
      },
    });
    const dflt = detail(`${API}/Bills/3159/stages`, stages);
    expect(dflt.follow[0].detail!.url).toBe(`${API}/Bills/3159/Stages/15001/Amendments?Skip=0&Take=100`);
  });

  it('publications, amendment pages and amendments are read from their own URLs', () => {
    const pubs = detail(
      `${API}/Bills/3159/publications`,
      fixtureJson('parliament-bills/composed_bill-3159_publications.json'),
      {
        title: 'Procurement Bill [HL]: publications',
      },
    );
    expect(pubs.documents.map((d) => [d.docId, d.title])).toEqual([
      ['parliament-bill:3159:publications', 'Procurement Bill [HL]: publications'],
    ]);
    expect(pubs.follow).toEqual([]);
    const one = detail(`${API}/Bills/3159/Stages/15011/Amendments/7001`, amendmentJson(), { title: 'NC1' });
    expect(one.documents.map((d) => [d.docId, d.title])).toEqual([['parliament-bill:3159:amendment:7001', 'NC1']]);
    const index = detail(`${API}/Bills/3159/Stages/15011/Amendments?Skip=0&Take=100`, amendmentsPage());
    expect(index.documents).toEqual([]);
    expect(index.follow[0].docId).toBe('parliament-bill:3159:amendment:7001');
  });

  it('an amendment keeps the ids it gives over the ones of its URL', () => {
    const [doc] = detail(`${API}/Bills/4000/Stages/16000/Amendments/7001`, amendmentJson()).documents;
    expect([doc.docId, doc.url]).toEqual([
      'parliament-bill:3159:amendment:7001',
      'https://bills.parliament.uk/bills/3159/stages/15011/amendments/7001',
    ]);
  });

  it('a bill title holding ": Stages" or ": Publications" loses only its last part', () => {
    const stages = fixtureJson('parliament-bills/composed_bill-3159_stages.json');
    const read = detail(`${API}/Bills/3159/Stages`, stages, { title: 'Pubs: stages of Closure Bill: stages' });
    expect(read.documents[0].title).toBe('Pubs: stages of Closure Bill: stages');
  });

  it('an amendment without ids of its own takes the ones of its URL', () => {
    const body = { ...amendmentJson(), billId: undefined, billStageId: undefined };
    const [doc] = detail(`${API}/Bills/4000/Stages/16000/Amendments/7001`, body).documents;
    expect([doc.docId, doc.url, doc.parentId]).toEqual([
      'parliament-bill:4000:amendment:7001',
      'https://bills.parliament.uk/bills/4000/stages/16000/amendments/7001',
      'parliament-bill:4000',
    ]);
  });

  it.each([
    `${API}/Bills`,
    `${API}/Bills/3159/News`,
    `${API}/Bills/3159/Stages/x`,
    `${API}/Bills/3159/extra/Stages`,
    `${API}/Bills/3159/Stages/15011/Amendments/7001/History`,
    `${API}/Bills/3159/Stages/15011/Amendments/Summary`,
    `${API}/Bills/3159/Publications/Documents`,
  ])('refuses %s, naming the address and source', (url) => {
    expect(parseErrorOf(() => detail(url, billJson())).context).toEqual({ url, source: 'pb' });
  });

  it('a body of the wrong shape names its field, or (root); one that is not JSON names the address', () => {
    const url = `${API}/Bills/3159`;
    expect(parseErrorOf(() => detail(url, { ...billJson(), lastUpdate: 5 })).context).toEqual({
      url,
      source: 'pb',
      field: 'lastUpdate',
    });
    expect(parseErrorOf(() => detail(url, [])).context.field).toBe('(root)');
    expect(parseErrorOf(() => parseBillsJson(fetched(url, '<html>'), bill, 'pb')).context).toEqual({
      url,
      source: 'pb',
    });
  });
});

describe('parliament-bill documents', () => {
  it('a stage is named by its description, abbreviation, or number; the house unless unassigned', () => {
    const s = { id: 15011, stageId: 9, stageSittings: [] };
    expect(stageRef({ ...s, description: 'Report stage', abbreviation: 'RS', house: 'Commons' })).toEqual({
      id: 15011,
      description: 'Report stage',
      house: 'Commons',
    });
    expect(stageRef({ ...s, abbreviation: 'RS' })).toEqual({ id: 15011, description: 'RS', house: '' });
    expect(stageRef(s)!.description).toBe('stage 9');
    expect(stageRef({ ...s, stageId: null })!.description).toBe('stage 15011');
    expect(stageRef(null)).toBeNull();
    expect(stageLabel({ id: 1, description: 'Royal Assent', house: 'Unassigned' })).toBe('Royal Assent');
    expect(stageLabel({ id: 1, description: 'Royal Assent', house: '' })).toBe('Royal Assent');
    expect(stageLabel({ id: 1, description: '2nd reading', house: 'Lords' })).toBe('2nd reading (Lords)');
    expect(stageLabel(null)).toBe('no stage');
  });

  it('a bill: title, long title, stage, Act, defeat, sponsors and summary as lines; withdrawn with its date', () => {
    const doc = billDocument(
      billOf({
        shortTitle: null,
        isAct: true,
        isDefeated: true,
        billWithdrawn: '2023-06-01T00:00:00',
        summary: '<p>Reforms &amp; simplifies procurement.</p>',
        sponsors: [
          { member: null, organisation: { name: 'Cabinet Office' } },
          { member: { name: null } },
          ...billJson().sponsors,
        ],
      }),
    );
    expect(doc.text.split('\n')).toEqual([
      'Bill 3159',
      'A Bill to make provision about procurement; and for connected purposes.',
      'Current stage: Report stage (Commons)',
      'Royal Assent: this bill is now an Act.',
      'The bill was defeated.',
      'Sponsors: Cabinet Office, Example Minister',
      'Reforms & simplifies procurement.',
    ]);
    expect(doc.withdrawn).toEqual({ at: '2023-06-01T00:00:00', explanation: 'The bill was withdrawn.' });
    expect(doc.extra).toEqual({
      billId: 3159,
      currentStage: { id: 15011, description: 'Report stage', house: 'Commons' },
      isAct: true,
      isDefeated: true,
    });
    expect(doc.updatedAt).toBe('2023-05-10T18:22:41.1234567');
    const bare = billDocument(
      billOf({ longTitle: null, sponsors: null, currentStage: null, isAct: null, isDefeated: null }),
    );
    expect(bare.text).toBe('Procurement Bill [HL]\nCurrent stage: no stage');
    expect(bare.withdrawn).toBeNull();
    expect(bare.extra).toEqual({ billId: 3159, currentStage: null, isAct: false, isDefeated: false });
  });

  it('stages in sort order (then id), each with its sitting days sorted', () => {
    const data = stagePage.parse({
      totalResults: 3,
      items: [
        { id: 30, description: 'B', house: 'Lords', sortOrder: 2, stageSittings: [] },
        {
          id: 20,
          description: 'A',
          house: 'Commons',
          sortOrder: 2,
          stageSittings: [{ date: '2023-02-01T00:00:00' }, { date: null }, { date: '2023-01-05T10:00:00' }],
        },
        { id: 10, description: 'C', house: 'Unassigned', stageSittings: null },
      ],
    });
    const doc = stagesDocument(3159, 'Procurement Bill [HL]', '', data);
    expect(doc.text).toBe('C\nA (Commons): 2023-01-05, 2023-02-01\nB (Lords)');
    expect((doc.extra!.stages as { sortOrder: number }[]).map((s) => s.sortOrder)).toEqual([0, 2, 2]);
    expect([doc.docId, doc.url, doc.parentId, doc.updatedAt]).toEqual([
      'parliament-bill:3159:stages',
      'https://bills.parliament.uk/bills/3159/stages',
      'parliament-bill:3159',
      null,
    ]);
  });

  it('publications newest first (then highest id), each with its first link or its first file', () => {
    const data = publicationList.parse({
      publications: [
        { id: 1, title: null, displayDate: null, links: null, files: null },
        {
          id: 2,
          title: 'Bill <i>1</i>',
          house: 'Commons',
          displayDate: '2023-01-01T00:00:00',
          publicationType: { name: 'Bill' },
          links: [{ url: null }, { url: 'https://bills.parliament.uk/publications/2/documents/1' }],
          files: [{ id: 9 }],
        },
        { id: 3, title: 'Letter', displayDate: '2023-01-01T00:00:00', links: [], files: [{ id: 7 }, { id: 8 }] },
        { id: 4, title: 'Notice', displayDate: '2024-01-01T00:00:00', publicationType: null, links: [], files: [] },
      ],
    });
    const doc = publicationsDocument(3159, 'Procurement Bill [HL]', 'S1', data);
    expect(doc.extra!.publications).toEqual([
      { id: 4, title: 'Notice', type: '', house: '', date: '2024-01-01', url: null },
      {
        id: 3,
        title: 'Letter',
        type: '',
        house: '',
        date: '2023-01-01',
        url: 'https://bills-api.parliament.uk/api/v1/Publications/3/Documents/7/Download',
      },
      {
        id: 2,
        title: 'Bill 1',
        type: 'Bill',
        house: 'Commons',
        date: '2023-01-01',
        url: 'https://bills.parliament.uk/publications/2/documents/1',
      },
      { id: 1, title: 'Publication 1', type: '', house: '', date: null, url: null },
    ]);
    expect(doc.text).toBe('2024-01-01 : Notice\n2023-01-01 : Letter\n2023-01-01 Bill: Bill 1\n: Publication 1');
    expect(doc.title).toBe('Procurement Bill [HL]: publications');
  });

  it('plain text of marked-up strings: tags, entities and spaces', () => {
    expect(plain(' <b>A</b>&nbsp;&amp;&lt;B&gt; &quot;C&quot; &#39;D&#39;\n E ')).toBe(`A &<B> "C" 'D' E`);
    expect(plain('A<br>B')).toBe('A B');
    expect(plain(null)).toBe('');
  });

  it('decisions read as words', () => {
    expect(decisionLabel('')).toBe('no decision yet');
    expect(decisionLabel('NoDecision')).toBe('no decision yet');
    expect(decisionLabel('NegativedOnDivision')).toBe('negatived on division');
    expect(decisionLabel('Agreed')).toBe('agreed');
  });

  it('an amendment: lead sponsor first, its lines without images or blanks, its explanatory statement', () => {
    const doc = amendmentDocument(
      'NC1',
      'S1',
      amendmentOf({
        sponsors: [
          { name: 'Sample Member B', isLead: false },
          { name: null },
          { name: 'Sample Member A', isLead: true },
        ],
        amendmentLines: [
          { text: 'To move the following Clause—' },
          { text: 'chart', isImage: true },
          { text: '<b> </b>' },
          { text: '(1) The Minister must publish a review.' },
        ],
        explanatoryTextPrefix: null,
      }),
      where,
    );
    expect(doc.text.split('\n')).toEqual([
      'Amendment NC1',
      'Tabled by Sample Member A, Sample Member B',
      'Decision: no decision yet',
      'To move the following Clause-',
      '(1) The Minister must publish a review.',
      'Explanatory statement: This new clause would require a review of the exclusion grounds.',
    ]);
    const bare = amendmentDocument(
      't',
      'S1',
      amendmentOf({
        marshalledListText: null,
        decision: null,
        sponsors: [],
        amendmentLines: [],
        explanatoryText: '<b></b>',
      }),
      where,
    );
    expect(bare.text).toBe('Amendment 7001\nDecision: no decision yet');
    expect(bare.extra).toEqual({
      billId: 3159,
      billStageId: 15011,
      amendmentId: 7001,
      label: '7001',
      decision: 'NoDecision',
      sponsors: [],
      lines: [],
      explanatory: null,
    });
    expect(amendmentsDocId(3159, 15011, 2)).toBe('parliament-bill:3159:stage:15011:amendments:p2');
    expect(amendmentsDocId(3159, 15011, 1)).toBe('parliament-bill:3159:stage:15011:amendments');
  });
});

describe('parliament-bill amendment pages', () => {
  const url = (skip: number, take: number) => `${API}/Bills/3159/Stages/15011/Amendments?Skip=${skip}&Take=${take}`;
  const index = (body: unknown, u: string, take: number) =>
    amendmentIndex(
      fetched(u, JSON.stringify(body)),
      entry({ title: 'Procurement Bill [HL]: amendments at Report stage (Commons)', url: 'https://b/a', signal: 'S9' }),
      { ...where, source: 'pb', take },
      LIVE_ENDPOINTS,
    );

  it('names each amendment under its bill and stage, and asks for the next page while there is one', () => {
    const body = amendmentsPage();
    const two = { ...body, items: body.items.slice(0, 2), totalResults: 7 };
    const read = index(two, url(2, 2), 2);
    expect(read.follow.slice(0, 2).map((f) => f.title)).toEqual([
      'Procurement Bill [HL], Report stage (Commons): amendment NC1',
      'Procurement Bill [HL], Report stage (Commons): amendment 12',
    ]);
    expect(read.follow[2]).toEqual({
      docId: 'parliament-bill:3159:stage:15011:amendments:p3',
      url: 'https://b/a',
      title: 'Procurement Bill [HL]: amendments at Report stage (Commons)',
      signal: 'S9',
      parentId: 'parliament-bill:3159',
      detail: { url: url(4, 2), bucket: 'parliament', accept: 'application/json' },
    });
    expect(index({ ...two, totalResults: 4 }, url(2, 2), 2).follow).toHaveLength(2);
    expect(index({ ...two, items: [], totalResults: 9 }, url(2, 2), 2).follow).toEqual([]);
    const first = index(two, `${API}/Bills/3159/Stages/15011/Amendments`, 0);
    expect(first.follow[2].docId).toBe('parliament-bill:3159:stage:15011:amendments:p2');
    const unlabelled = { ...two, items: [{ ...two.items[0], marshalledListText: null }] };
    expect(index(unlabelled, url(0, 2), 2).follow[0].title).toMatch(/: amendment 7001$/);
  });

  it('an amendment signal moves with each field the list shows, and only with those', () => {
    const item = amendmentsPage().items[0];
    const signal = (over: Record<string, unknown>) =>
      index({ items: [{ ...item, ...over }], totalResults: 1 }, url(0, 2), 2).follow[0].signal;
    const base = signal({});
    const moved = [
      { marshalledListText: 'NC2' },
      { decision: 'Agreed' },
      { amendmentType: 'EditBillBody' },
      { clause: 3 },
      { schedule: 2 },
      { pageNumber: 4 },
      { lineNumber: 5 },
      { sponsors: [{ ...item.sponsors[0], name: 'Sample Member B' }] },
      { sponsors: [{ ...item.sponsors[0], isLead: false }] },
      { summaryText: ['To move the following Clause—'] },
    ].map(signal);
    expect(moved.every((s) => s !== base)).toBe(true);
    expect(new Set(moved).size).toBe(moved.length);
    expect(signal({ amendmentPosition: 'After Clause 2', sponsors: [{ ...item.sponsors[0], party: 'Other' }] })).toBe(
      base,
    );
  });
});

describe('parliament-bill events', () => {
  const doc = (over: Record<string, unknown> = {}) => billDocument(billOf(over));
  const third = { ...billJson().currentStage, id: 15012, description: '3rd reading' };

  it('a new stage says from and to; from none when the bill had none', () => {
    expect(billEvents(doc().extra, doc({ currentStage: third }))).toEqual([
      {
        type: 'bill-stage-changed',
        key: 'stage:15012',
        title: 'Procurement Bill [HL]: 3rd reading (Commons)',
        summary: 'Procurement Bill [HL] moved: Report stage (Commons) → 3rd reading (Commons).',
      },
    ]);
    expect(billEvents(null, doc()).map((e) => e.summary)).toEqual([
      'Procurement Bill [HL] moved: no stage → Report stage (Commons).',
    ]);
    expect(billEvents(doc().extra, doc())).toEqual([]);
    expect(billEvents(doc().extra, doc({ currentStage: null }))).toEqual([]);
    expect(billEvents(doc().extra, { ...doc(), extra: undefined })).toEqual([]);
    expect(billEvents(null, doc({ isAct: true, currentStage: null })).map((e) => e.key)).toEqual(['royal-assent']);
  });

  it('Royal Assent once, on the same stage; defeat once, naming the stage', () => {
    expect(billEvents(doc().extra, doc({ isAct: true }))).toEqual([
      {
        type: 'bill-stage-changed',
        key: 'royal-assent',
        title: 'Procurement Bill [HL]: Royal Assent',
        summary: 'Procurement Bill [HL] received Royal Assent and is now an Act.',
      },
    ]);
    expect(billEvents(doc({ isAct: true }).extra, doc({ isAct: true }))).toEqual([]);
    expect(billEvents(doc().extra, doc({ isAct: true, currentStage: third })).map((e) => e.key)).toEqual([
      'stage:15012',
    ]);
    expect(billEvents(doc().extra, doc({ isDefeated: true }))).toEqual([
      {
        type: 'bill-stage-changed',
        key: 'defeated',
        title: 'Procurement Bill [HL]: defeated',
        summary: 'Procurement Bill [HL] was defeated at Report stage (Commons).',
      },
    ]);
    expect(billEvents(doc({ isDefeated: true }).extra, doc({ isDefeated: true }))).toEqual([]);
    expect(billEvents(undefined, doc({ isDefeated: true, currentStage: null })).map((e) => e.summary)).toEqual([
      'Procurement Bill [HL] was defeated at no stage.',
    ]);
  });

  it('a new publication: its type, house, date and address when known', () => {
    const data = publicationList.parse({
      publications: [
        { id: 5, title: 'Letter', links: [], files: [] },
        {
          id: 6,
          title: 'Bill 2',
          house: 'Lords',
          displayDate: '2023-02-02T00:00:00',
          publicationType: { name: 'Bill' },
          links: [{ url: 'https://bills.parliament.uk/publications/6/documents/1' }],
        },
      ],
    });
    const after = publicationsDocument(3159, 'Procurement Bill [HL]', 'S', data);
    const events = publicationEvents({ publications: [{ id: 7 }] }, after);
    expect(events).toEqual([
      {
        type: 'new-bill-publication',
        key: 'publication:6',
        title: 'Procurement Bill [HL]: Bill 2',
        summary: 'New Bill (Lords) dated 2023-02-02: Bill 2 — https://bills.parliament.uk/publications/6/documents/1.',
        text: 'Bill 2',
      },
      {
        type: 'new-bill-publication',
        key: 'publication:5',
        title: 'Procurement Bill [HL]: Letter',
        summary: 'New publication: Letter.',
        text: 'Letter',
      },
    ]);
    expect(publicationEvents({ publications: [{ id: 5 }, { id: 6 }] }, after)).toEqual([]);
    expect(publicationEvents({ publications: 'x' }, after)).toHaveLength(2);
    expect(publicationEvents(null, { ...after, extra: { publications: null } })).toEqual([]);
    const amendTitle = { ...after, title: 'Procurement Bill [HL]: amendments at Report stage (Commons)' };
    expect(publicationEvents(null, amendTitle)[0].title).toBe('Procurement Bill [HL]: Bill 2');
    const bare = { ...after, title: 'Procurement Bill [HL]: Amendments' };
    expect(publicationEvents(null, bare)[0].title).toBe('Procurement Bill [HL]: Bill 2');
    const colon = { ...after, title: 'Pubs: Publications (Code) Bill: publications' };
    expect(publicationEvents(null, colon)[0].title).toBe('Pubs: Publications (Code) Bill: Bill 2');
  });

  it('the source dispatches compare and compareNew by document type', () => {
    const b = doc();
    expect(parliamentBill.compare!(stored(b), doc({ isAct: true }), config).map((e) => e.key)).toEqual([
      'royal-assent',
    ]);
    expect(parliamentBill.compareNew!(b, config)).toBeNull();
    const stagesDoc = stagesDocument(3159, 't', 'S', stagePage.parse({ items: [], totalResults: 0 }));
    expect(parliamentBill.compare!(stored(stagesDoc), stagesDoc, config)).toEqual([]);
    expect(parliamentBill.compareNew!(stagesDoc, config)).toEqual([]);
    const a = amendmentDocument('NC1', 'S', amendmentOf(), where);
    expect(parliamentBill.compareNew!(a, config)!.map((e) => e.type)).toEqual(['amendment-tabled']);
    const agreed = amendmentDocument('NC1', 'S', amendmentOf({ decision: 'Agreed' }), where);
    expect(parliamentBill.compare!(stored(a), agreed, config).map((e) => e.type)).toEqual(['amendment-decided']);
    const pubs = publicationsDocument(
      3159,
      't',
      'S',
      publicationList.parse({ publications: [{ id: 1, title: 'x', links: [], files: [] }] }),
    );
    expect(parliamentBill.compare!(stored(pubs, {}), pubs, config).map((e) => e.type)).toEqual([
      'new-bill-publication',
    ]);
  });
});

describe('parliament-bill amendment events', () => {
  const a = (over: Record<string, unknown> = {}) => amendmentDocument('NC1 title', 'S', amendmentOf(over), where);

  it('tabled: label, sponsors, decision, text and explanation', () => {
    expect(amendmentTabled(a())).toEqual([
      {
        type: 'amendment-tabled',
        key: 'amendment:7001',
        title: 'NC1 title',
        summary:
          'Amendment NC1, tabled by Sample Member A. Decision: no decision yet. Text: To move the following Clause— ' +
          '“Review of the exclusion grounds (1) Within one year of this Act coming into force, the Minister must publish ' +
          'a review of the operation of the exclusion grounds in Schedules 6 and 7. (2) The review must be laid before ' +
          'Parliament.” Member’s explanatory statement: This new clause would require a review of the exclusion grounds.',
        text: a().text,
      },
    ]);
    const [bare] = amendmentTabled(a({ sponsors: [], amendmentLines: [], explanatoryText: null }));
    expect(bare.summary).toBe('Amendment NC1. Decision: no decision yet.');
    const [long] = amendmentTabled(a({ amendmentLines: [{ text: 'word '.repeat(500) }] }));
    expect(long.summary).toHaveLength(2000);
    expect(amendmentTabled({ ...a(), extra: { amendmentId: '7001' } })).toEqual([]);
    expect(amendmentTabled({ ...a(), extra: undefined })).toEqual([]);
  });

  it('decided and changed: each alone, both together, and none for the same amendment', () => {
    const before = a();
    const decided = amendmentChanged(stored(before), a({ decision: 'Withdrawn' }));
    expect(decided).toEqual([
      {
        type: 'amendment-decided',
        key: 'decision:7001:Withdrawn',
        title: 'NC1 title',
        summary: 'Amendment NC1: no decision yet → withdrawn.',
        text: a({ decision: 'Withdrawn' }).text,
      },
    ]);
    const reworded = amendmentChanged(stored(before), a({ explanatoryText: 'A review within two years.' }));
    expect(reworded).toEqual([
      {
        type: 'amendment-changed',
        key: 'text:7001',
        title: 'NC1 title',
        summary: expect.stringMatching(
          /^Amendment NC1 was changed\. Now: Amendment NC1, tabled by Sample Member A\. Decision: no decision yet\. Text: To move .*Member’s explanatory statement: A review within two years\.$/,
        ),
        text: expect.any(String),
      },
    ]);
    for (const over of [{ marshalledListText: 'NC1A' }, { sponsors: [] }, { amendmentLines: [] }]) {
      expect(amendmentChanged(stored(before), a(over)).map((e) => e.type)).toEqual(['amendment-changed']);
    }
    expect(amendmentChanged(stored(before), a({ decision: 'Agreed', sponsors: [] })).map((e) => e.type)).toEqual([
      'amendment-decided',
      'amendment-changed',
    ]);
    expect(amendmentChanged(stored(before), a())).toEqual([]);
    expect(amendmentChanged({ extra: null }, a()).map((e) => e.type)).toEqual(['amendment-tabled']);
    expect(amendmentChanged(stored(before), { ...a(), extra: {} })).toEqual([]);
    const [long] = amendmentChanged(stored(before), a({ amendmentLines: [{ text: 'word '.repeat(500) }] }));
    expect(long.summary).toHaveLength(2000);
  });
});

describe('parliament-bill config', () => {
  it('needs a search term or bill ids', () => {
    expect(
      parliamentBillDeclaration.schema.safeParse({ id: 'pb', kind: 'parliament-bill', billIds: [1] }).success,
    ).toBe(true);
    const none = parliamentBillDeclaration.schema.safeParse({ id: 'pb', kind: 'parliament-bill' });
    expect(none.success).toBe(false);
    expect(none.error!.issues[0].path).toEqual(['searchTerm']);
  });
});
