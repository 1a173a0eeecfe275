/**
 * The procurement chain end to end (DynamoDB Local + the replay server + the outbox): the default
 * config's procurement sources through the demo's replay steps t0 (baseline) → t2 (everything
 * moved) → t3 (one debarment changed), then a reordered and a redesigned debarment list.
 */
import type { Change } from '../../../lambdas/core/model';
import { startHarness, type Harness } from '../../support/harness';

const PROCUREMENT = [
  'procurement-bills',
  'new-procurement-legislation',
  'procurement-act-2023',
  'procurement-act-guidance',
  'procurement-act-guidance-collection',
  'debarment-list',
];
const DEBARMENT = { path: '/government/publications/debarment-list' };
// A baseline writes ~40 documents, one transaction each, on a shared 2-core machine.
jest.setTimeout(60_000);

async function changesOf(h: Harness, runId: string): Promise<Change[]> {
  return (await h.runtime.store.listChanges({ limit: 500 })).items.filter(
    (c) => c.runId === runId && !['first-seen', 'known'].includes(c.type),
  );
}

describe('procurement sources (DynamoDB Local + replay server + outbox)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sources: PROCUREMENT });
  });
  afterAll(async () => h.close());

  it('the first run is a baseline of every procurement source: one summary, no alert per document', async () => {
    const report = await h.cycle('t0');
    expect(report.outcomes.map((o) => [o.sourceId, o.kind])).toEqual(PROCUREMENT.map((id) => [id, 'baseline']));
    expect(report.delivery.sent.map((a) => a.type)).toEqual(['baseline']);
  });

  it('t1 (only GOV.UK letters moved) raises nothing here', async () => {
    const report = await h.cycle('t1');
    expect(report.outcomes.map((o) => o.kind)).toEqual(PROCUREMENT.map(() => 'unchanged'));
    expect(report.delivery.sent).toEqual([]);
  });

  it('t2 raises exactly the expected alerts: one stage change, one publication, one amendment, new regulations, the Act revised, guidance changed, one supplier in and one out', async () => {
    h.replay.resetLog();
    const report = await h.cycle('t2');
    const bySource = (id: string) =>
      report.delivery.sent
        .filter((a) => a.sourceId === id)
        .map((a) => a.type)
        .sort();
    expect(bySource('procurement-bills')).toEqual(['amendment-tabled', 'bill-stage-changed', 'new-bill-publication']);
    expect(bySource('debarment-list')).toEqual(['supplier-debarred', 'supplier-removed']);
    expect(bySource('new-procurement-legislation')).toEqual(['new-legislation']);
    expect(bySource('procurement-act-2023')).toEqual(['legislation-changed']);
    expect(bySource('procurement-act-guidance')).toEqual(['document-changed']);
    expect(bySource('procurement-act-guidance-collection')).toEqual([]);

    const changes = await changesOf(h, report.runId);
    const stage = changes.filter((c) => c.type === 'bill-stage-changed');
    expect(stage).toHaveLength(1);
    expect(stage[0].summary).toBe('Procurement Bill [HL] moved: Report stage (Commons) → 3rd reading (Commons).');

    // The amendment names Hikvision: the matched term with its excerpt, and a high priority.
    const amendment = changes.find((c) => c.type === 'amendment-tabled')!;
    expect(amendment.keywords).toEqual(
      expect.arrayContaining([
        { term: 'Hikvision', excerpt: expect.stringMatching(/manufactured by Hikvision or Dahua/) },
      ]),
    );
    const amendmentAlert = report.delivery.sent.find((a) => a.type === 'amendment-tabled')!;
    expect((await h.runtime.store.getAlert(amendmentAlert.alertId))!.priority).toBe('high');
    const email = (await h.emails()).find((e) => e.subject?.startsWith('[High priority] Amendment tabled'))!;
    expect(email.text).toMatch(/Hikvision: …equipment manufactured by Hikvision or Dahua/);

    const debarred = changes.find((c) => c.type === 'supplier-debarred')!;
    expect(debarred.title).toBe('Sample Imaging Systems Ltd');
    expect(debarred.keywords.map((k) => k.term)).toEqual(['national security']);
    expect(changes.find((c) => c.type === 'supplier-removed')!.title).toBe('Fictional Vision Technology Co. Ltd');

    const guidance = changes.find((c) => c.type === 'document-changed')!;
    expect(guidance.changeNote).toBe('Added when the debarment list is updated after a decision.');
    expect(guidance.diff!.some((o) => o.op === 'insert' && /10 working days/.test(o.text))).toBe(true);

    // Listing first: the listing and the bill's current stage (its lastUpdate); the bill's parts were read because
    // the signal moved (bill + stages + publications + 5 stages' amendment lists), and the detail of the one new
    // amendment only (NC7): the two amendments already known are not read again.
    expect(h.replay.log.filter((r) => r.path.startsWith('/api/v1/')).map((r) => r.path)).toEqual([
      '/api/v1/Bills',
      '/api/v1/Bills/3159/Stages/15012',
      '/api/v1/Bills/3159',
      '/api/v1/Bills/3159/Stages',
      '/api/v1/Bills/3159/Publications',
      '/api/v1/Bills/3159/Stages/15001/Amendments',
      '/api/v1/Bills/3159/Stages/15002/Amendments',
      '/api/v1/Bills/3159/Stages/15010/Amendments',
      '/api/v1/Bills/3159/Stages/15011/Amendments',
      '/api/v1/Bills/3159/Stages/15012/Amendments',
      '/api/v1/Bills/3159/Stages/15011/Amendments/7010',
    ]);
    // legislation.gov.uk: the new-legislation feed's two pages (the second has no next link), the Act's one.
    expect(
      h.replay.log.filter((r) => r.path.endsWith('/data.feed')).map((r) => `${r.path}?${new URLSearchParams(r.query)}`),
    ).toEqual(['/new/data.feed?', '/new/data.feed?page=2', '/ukpga/data.feed?title=procurement']);
  });

  it('t2 again: one listing request per source, no alerts', async () => {
    h.replay.resetLog();
    const report = await h.cycle('t2');
    expect(report.delivery.sent).toEqual([]);
    // One listing per source, plus the new-legislation feed's second page and the live bill's current stage.
    expect(h.replay.log).toHaveLength(PROCUREMENT.length + 2);
    expect(h.replay.log.filter((r) => r.path.startsWith('/api/v1/')).map((r) => r.path)).toEqual([
      '/api/v1/Bills',
      '/api/v1/Bills/3159/Stages/15012',
    ]);
  });

  it('the debarment table reordered raises nothing', async () => {
    h.replay.override({
      ...DEBARMENT,
      file: '../../test/fixtures/html-list/debarment-list_row-added-and-removed_reordered.html',
    });
    const report = await h.cycle();
    expect(report.outcomes.find((o) => o.sourceId === 'debarment-list')!.kind).toBe('unchanged');
    expect(report.delivery.sent).toEqual([]);
    h.replay.clearOverrides();
  });

  it('t3: one row whose end date changed raises exactly one debarment-changed', async () => {
    const report = await h.cycle('t3');
    expect(report.delivery.sent.map((a) => a.type)).toEqual(['debarment-changed']);
    const [changed] = await changesOf(h, report.runId);
    expect(changed.summary).toBe(
      'Changed on the debarment list: Example Facilities Services Ltd, Expected end date: 8 September 2030 → 8 March 2026.',
    );
  });

  it('markup the selectors no longer find is source-failing only (after the threshold), never "every row removed"', async () => {
    const doc = await h.runtime.store.getDocument('html-list:debarment-list');
    const versions = await h.runtime.store.listVersions('html-list:debarment-list');
    h.replay.override({ ...DEBARMENT, file: '../../test/fixtures/html-list/debarment-list_redesigned.html' });
    const sent: string[] = [];
    for (let i = 1; i <= h.config.alerts.failureThreshold; i++) {
      const report = await h.cycle();
      const outcome = report.outcomes.find((o) => o.sourceId === 'debarment-list')!;
      expect(outcome.kind).toBe('failed');
      expect(outcome.kind === 'failed' && outcome.reason).toMatch(/markup changed/);
      sent.push(...report.delivery.sent.map((a) => a.type));
      if (i < h.config.alerts.failureThreshold) expect(report.delivery.sent).toEqual([]);
    }
    expect(sent).toEqual(['source-failing']);
    expect(await h.runtime.store.getDocument('html-list:debarment-list')).toEqual(doc);
    expect(await h.runtime.store.listVersions('html-list:debarment-list')).toEqual(versions);
    expect((await h.runtime.store.listChanges({ type: 'supplier-removed', limit: 50 })).items).toHaveLength(1);
    h.replay.clearOverrides();
  });
});
