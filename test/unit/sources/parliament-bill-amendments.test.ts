import { join } from 'node:path';
import type { DocumentSnapshot, ListingEntry, StoredVersion } from '../../../lambdas/core/model';
import { LIVE_ENDPOINTS } from '../../../lambdas/config';
import { parliamentBill, type ParliamentBillConfig } from '../../../lambdas/sources/parliament-bill';
import { fetched, FIXTURES, fixtureJson, fixtureText } from '../../support/fixtures';
import { expectGolden } from '../../support/golden';
import { storedVersionOf } from '../../support/source-results';

const API = 'https://bills-api.parliament.uk/api/v1';
const config: ParliamentBillConfig = { id: 'procurement-bills', kind: 'parliament-bill', searchTerm: 'Procurement' };
const PAGE = `${API}/Bills/3159/Stages/15011/Amendments?Skip=0&Take=100`;
const STAGE: ListingEntry = {
  docId: 'parliament-bill:3159:stage:15011:amendments',
  url: 'https://bills.parliament.uk/bills/3159/stages/15011/amendments',
  title: 'Procurement Bill [HL]: amendments at Report stage (Commons)',
  signal: 'bill-signal',
};

function page(body: string, url = PAGE, c = config) {
  return parliamentBill.parseDetail(fetched(url, body), STAGE, c, LIVE_ENDPOINTS);
}

/** Reads an amendment's detail as the cycle would: through the entry its stage's page listed. */
function amendment(file: string, entry: ListingEntry): DocumentSnapshot {
  const [doc] = parliamentBill.parseDetail(
    fetched(entry.detail!.url, fixtureText(`parliament-bills/${file}`)),
    entry,
    config,
    LIVE_ENDPOINTS,
  ).documents;
  return doc;
}

const stored = (doc: DocumentSnapshot): StoredVersion => storedVersionOf(doc);

describe('parliament-bill: amendments by identity, with their text', () => {
  it("a stage's page is an index: no document of its own, one entry per amendment keyed by amendmentId, its detail to read", () => {
    const result = page(fixtureText('parliament-bills/composed_bill-3159_report-stage-amendments_hikvision.json'));
    expectGolden(
      result,
      join(FIXTURES, 'parliament-bills', 'composed_bill-3159_report-stage-amendments_hikvision.expected.json'),
    );
    expect(result.documents).toEqual([]);
    expect(result.follow.map((f) => [f.docId, f.title, f.detail!.url])).toEqual([
      [
        'parliament-bill:3159:amendment:7001',
        'Procurement Bill [HL], Report stage (Commons): amendment NC1',
        `${API}/Bills/3159/Stages/15011/Amendments/7001`,
      ],
      [
        'parliament-bill:3159:amendment:7002',
        'Procurement Bill [HL], Report stage (Commons): amendment 12',
        `${API}/Bills/3159/Stages/15011/Amendments/7002`,
      ],
      [
        'parliament-bill:3159:amendment:7010',
        'Procurement Bill [HL], Report stage (Commons): amendment NC7',
        `${API}/Bills/3159/Stages/15011/Amendments/7010`,
      ],
    ]);
    expect(result.follow.every((f) => f.parentId === 'parliament-bill:3159' && f.detail!.bucket === 'parliament')).toBe(
      true,
    );
  });

  it('an amendment inserted first on a stage of two pages changes no other amendment: same ids, same signals', () => {
    const all = fixtureJson('parliament-bills/composed_bill-3159_report-stage-amendments_hikvision.json');
    const take = { ...config, amendmentsPageSize: 2 };
    const before = page(
      JSON.stringify({ ...all, items: all.items.slice(1, 3), totalResults: 2 }),
      `${API}/Bills/3159/Stages/15011/Amendments?Skip=0&Take=2`,
      take,
    );
    const p1 = page(
      JSON.stringify({ ...all, items: all.items.slice(0, 2), totalResults: 3 }),
      `${API}/Bills/3159/Stages/15011/Amendments?Skip=0&Take=2`,
      take,
    );
    expect(p1.follow.at(-1)).toEqual(
      expect.objectContaining({
        docId: 'parliament-bill:3159:stage:15011:amendments:p2',
        detail: expect.objectContaining({ url: `${API}/Bills/3159/Stages/15011/Amendments?Skip=2&Take=2` }),
      }),
    );
    const p2 = page(
      JSON.stringify({ ...all, items: all.items.slice(2), totalResults: 3 }),
      `${API}/Bills/3159/Stages/15011/Amendments?Skip=2&Take=2`,
      take,
    );
    const signals = (entries: ListingEntry[]) =>
      Object.fromEntries(entries.filter((e) => e.docId.includes(':amendment:')).map((e) => [e.docId, e.signal]));
    const after = { ...signals(p1.follow), ...signals(p2.follow) };
    for (const [id, signal] of Object.entries(signals(before.follow))) expect(after[id]).toBe(signal);
    expect(Object.keys(after).filter((id) => !(id in signals(before.follow)))).toEqual([
      'parliament-bill:3159:amendment:7001',
    ]);
  });

  it('the detail carries the clause text, sponsors and decision (read by hand from the NC7 file)', () => {
    const [, , nc7] = page(
      fixtureText('parliament-bills/composed_bill-3159_report-stage-amendments_hikvision.json'),
    ).follow;
    const doc = amendment('composed_bill-3159_amendment-7010.json', nc7);
    expectGolden(doc, join(FIXTURES, 'parliament-bills', 'composed_bill-3159_amendment-7010.expected.json'));
    expect(doc.docId).toBe('parliament-bill:3159:amendment:7010');
    expect(doc.title).toBe('Procurement Bill [HL], Report stage (Commons): amendment NC7');
    expect(doc.url).toBe('https://bills.parliament.uk/bills/3159/stages/15011/amendments/7010');
    expect(doc.text.split('\n').slice(0, 4)).toEqual([
      'Amendment NC7',
      'Tabled by Sample Member C',
      'Decision: no decision yet',
      // The stored text is normalised (dashes, quotes); `extra.lines` keeps the API's characters.
      'To move the following Clause-',
    ]);
    expect(doc.text).toContain('manufactured by Hikvision or Dahua');
    expect(doc.signal).toBe(nc7.signal);
  });

  it('a newly tabled amendment whose text (not its summary) names Hikvision: amendment-tabled with the clause, sponsors and decision', () => {
    const listed = fixtureJson('parliament-bills/composed_bill-3159_report-stage-amendments_hikvision.json').items[2];
    expect(JSON.stringify(listed.summaryText)).not.toMatch(/Hikvision/);
    const [, , nc7] = page(
      fixtureText('parliament-bills/composed_bill-3159_report-stage-amendments_hikvision.json'),
    ).follow;
    const events = parliamentBill.compareNew!(amendment('composed_bill-3159_amendment-7010.json', nc7), config)!;
    expect(events).toHaveLength(1);
    expect(events[0]).toEqual(
      expect.objectContaining({
        type: 'amendment-tabled',
        key: 'amendment:7010',
        title: 'Procurement Bill [HL], Report stage (Commons): amendment NC7',
      }),
    );
    expect(events[0].summary).toMatch(
      /^Amendment NC7, tabled by Sample Member C\. Decision: no decision yet\. Text: To move the following Clause— “Surveillance equipment from high-risk suppliers \(1\) A contracting authority must not award a public contract for the supply of surveillance cameras or associated equipment manufactured by Hikvision or Dahua/,
    );
    expect(events[0].text).toMatch(/manufactured by Hikvision or Dahua/);
  });

  it('a decision or a re-wording of a known amendment raises amendment-decided / amendment-changed; the same amendment raises nothing', () => {
    const [nc1] = page(fixtureText('parliament-bills/composed_bill-3159_report-stage-amendments.json')).follow;
    const before = amendment('composed_bill-3159_amendment-7001.json', nc1);
    expect(parliamentBill.compare!(stored(before), before, config)).toEqual([]);
    const json = fixtureJson('parliament-bills/composed_bill-3159_amendment-7001.json');
    const read = (body: unknown) =>
      parliamentBill.parseDetail(fetched(nc1.detail!.url, JSON.stringify(body)), nc1, config, LIVE_ENDPOINTS)
        .documents[0];
    const agreed = read({ ...json, decision: 'NegativedOnDivision' });
    expect(parliamentBill.compare!(stored(before), agreed, config).map((e) => [e.type, e.summary])).toEqual([
      ['amendment-decided', 'Amendment NC1: no decision yet → negatived on division.'],
    ]);
    const reworded = read({
      ...json,
      amendmentLines: [...json.amendmentLines, { ...json.amendmentLines[0], text: '(3) The review must cover CCTV.' }],
    });
    expect(parliamentBill.compare!(stored(before), reworded, config).map((e) => e.type)).toEqual(['amendment-changed']);
  });

  it('nullable lists in an amendment are accepted: no lines, no sponsors', () => {
    const [nc1] = page(fixtureText('parliament-bills/composed_bill-3159_report-stage-amendments.json')).follow;
    const json = fixtureJson('parliament-bills/composed_bill-3159_amendment-7001.json');
    const doc = parliamentBill.parseDetail(
      fetched(nc1.detail!.url, JSON.stringify({ ...json, amendmentLines: null, sponsors: null })),
      nc1,
      config,
      LIVE_ENDPOINTS,
    ).documents[0];
    expect(doc.text.split('\n').slice(0, 2)).toEqual(['Amendment NC1', 'Decision: no decision yet']);
    expect(page(JSON.stringify({ items: null, totalResults: 0, itemsPerPage: 100 }))).toEqual({
      documents: [],
      follow: [],
    });
  });
});
