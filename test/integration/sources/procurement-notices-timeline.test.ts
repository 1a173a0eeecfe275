/**
 * Find a Tender and Contracts Finder through time, on DynamoDB Local + the replay server + the
 * outbox, with the default config's sources: a baseline (t0), a notice naming Hikvision and a
 * body-worn video contract (t4), the same again (nothing written), a notice that names nothing
 * watched, the tender amended, then awarded; then on Contracts Finder a notice naming nothing watched
 * and the award amended.
 */
import type { Change } from '../../../lambdas/core/model';
import { countingWrites } from '../../support/counting-store';
import { startHarness, type Harness } from '../../support/harness';

const FTS = 'find-a-tender-surveillance';
const CF = 'contracts-finder-surveillance';
const RELEASES = { path: '/api/1.0/ocdsReleasePackages', query: { limit: '100' } };
const CF_SEARCH = { path: '/Published/Notices/OCDS/Search', query: { limit: '100' } };
// Overrides sit on top of the current step (t4), which a cycle given no step keeps.
const serve = (h: Harness, fixture: string) => {
  h.replay.clearOverrides();
  h.replay.override({ ...RELEASES, file: `../../test/fixtures/ocds/${fixture}` });
};

async function changesOf(h: Harness, runId: string): Promise<Change[]> {
  return (await h.runtime.store.listChanges({ limit: 100 })).items.filter(
    (c) => c.runId === runId && !['first-seen', 'known'].includes(c.type),
  );
}

describe('procurement notices through time (DynamoDB Local + replay server)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sources: [FTS, CF], tablePrefix: 'notices' });
  });
  afterAll(async () => h.close());

  it('t0 is a baseline: nothing alerts, and notices naming nothing watched are not stored', async () => {
    const report = await h.cycle('t0');
    expect(report.outcomes.map((o) => [o.sourceId, o.kind])).toEqual([
      [FTS, 'baseline'],
      [CF, 'baseline'],
    ]);
    expect(await h.runtime.store.listDocuments(FTS)).toEqual([]);
    expect(await h.runtime.store.listDocuments(CF)).toEqual([]);
  });

  it('a new notice naming Hikvision: one tender-published; a body-worn video award: one contract-awarded', async () => {
    const report = await h.cycle('t4');
    expect(report.delivery.sent.map((a) => [a.sourceId, a.type])).toEqual([
      [FTS, 'tender-published'],
      [CF, 'contract-awarded'],
    ]);
    const [award, tender] = (await changesOf(h, report.runId)).sort((a, b) => a.sourceId.localeCompare(b.sourceId));
    expect(tender.title).toBe('Town centre CCTV camera replacement');
    expect(tender.url).toBe('https://www.find-tender.service.gov.uk/Notice/012345-2026');
    expect(tender.summary).toMatch(/Buyer: Northmoor Borough Council\. Value: £450,000\. Tenders close 2026-04-10\./);
    expect(tender.threadId).toBe('hikvision--procurement');
    expect(tender.keywords.map((k) => k.term)).toEqual(expect.arrayContaining(['Hikvision', 'Dahua', 'CCTV']));
    expect(award.summary).toMatch(
      /Buyer: Office of the Police and Crime Commissioner for Northmoor\. Suppliers: Example Evidence Systems Ltd\. Value: £1,180,000\. Awarded 2026-02-26\. Contract period: 2026-04-01 to 2030-03-31\./,
    );
    expect(award.summary).toMatch(/Matched .*body-worn video \("/);
    expect(award.url).toBe('https://www.contractsfinder.service.gov.uk/Notice/5d2a9b31-0f6e-4c7a-9d3b-81e4c2a7f609');
  });

  it('the same listings again: zero alerts, zero writes, one request per source', async () => {
    h.replay.resetLog();
    const { deps, writes } = countingWrites(h.runtime);
    const report = await h.cycle('t4', deps);
    expect(report.outcomes.map((o) => [o.kind, o.requests])).toEqual([
      ['unchanged', 1],
      ['unchanged', 1],
    ]);
    expect(report.delivery.sent).toEqual([]);
    expect(writes).toEqual([]);
    // The listings are conditional: an unchanged package answers 304 without a body.
    expect(h.replay.log.map((e) => e.status)).toEqual([304, 304]);
  });

  it('a new notice that names nothing watched: nothing', async () => {
    serve(h, 'composed_fts_non-matching-added.json');
    const report = await h.cycle();
    expect(report.outcomes[0].kind).toBe('unchanged');
    expect(report.delivery.sent).toEqual([]);
    expect((await h.runtime.store.listDocuments(FTS)).map((d) => d.docId)).toEqual([
      'find-a-tender:ocds-h6vhtk-05a7c3',
    ]);
  });

  it('the tender amended: one notice-changed naming what moved', async () => {
    serve(h, 'composed_fts_tender-amended.json');
    const report = await h.cycle();
    expect(report.delivery.sent.map((a) => a.type)).toEqual(['notice-changed']);
    const [change] = await changesOf(h, report.runId);
    expect(change.summary).toMatch(/value £450,000 → £520,000; tenders close 2026-04-10 → 2026-04-24\./);
  });

  it('the tender awarded: one contract-awarded with its supplier', async () => {
    serve(h, 'composed_fts_contract-awarded.json');
    const report = await h.cycle();
    expect(report.delivery.sent.map((a) => a.type)).toEqual(['contract-awarded']);
    const [change] = await changesOf(h, report.runId);
    expect(change.summary).toMatch(/Suppliers: Sample Imaging Systems Ltd\. Value: £498,000\. Awarded 2026-05-18\./);
  });

  // Added on top of Find a Tender's last override, so that source stays as it was and says nothing.
  const serveCf = (fixture: string) => h.replay.override({ ...CF_SEARCH, file: `../../test/fixtures/ocds/${fixture}` });

  it('Contracts Finder: a new award that names nothing watched: nothing, and it is not stored', async () => {
    serveCf('composed_cf_non-matching-added.json');
    const report = await h.cycle();
    expect(report.outcomes.map((o) => [o.sourceId, o.kind])).toEqual([
      [FTS, 'unchanged'],
      [CF, 'unchanged'],
    ]);
    expect(report.delivery.sent).toEqual([]);
    expect((await h.runtime.store.listDocuments(CF)).map((d) => d.docId)).toEqual([
      'contracts-finder:ocds-b5fd17-7c1e2f40-93aa-4d1b-b6f2-2e8d5a0c4b11',
    ]);
  });

  it('Contracts Finder: the award amended: one notice-changed naming the value and the end date', async () => {
    serveCf('composed_cf_award-amended.json');
    const report = await h.cycle();
    expect(report.delivery.sent.map((a) => [a.sourceId, a.type])).toEqual([[CF, 'notice-changed']]);
    const [change] = await changesOf(h, report.runId);
    expect(change.summary).toMatch(
      /^Notice changed on Contracts Finder: Body-worn video cameras and evidence management \(Office of the Police/,
    );
    expect(change.summary).toMatch(/: value £1,180,000 → £1,240,000; contract ends 2030-03-31 → 2031-03-31\./);
    expect(change.threadId).toBe('hikvision--procurement');
  });
});
