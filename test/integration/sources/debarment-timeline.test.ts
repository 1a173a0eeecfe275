/**
 * The debarment list through time, on DynamoDB Local + the replay server + the outbox, with the
 * default config's `debarment-list` source (its s.62(4) columns): blank → one supplier → three →
 * the columns reordered → the headers renamed beyond recognition.
 */
import type { Change } from '../../../lambdas/core/model';
import { startHarness, type Harness } from '../../support/harness';

const PATH = '/government/publications/debarment-list';
const DOC = 'html-list:debarment-list';
const serve = (h: Harness, fixture: string) => {
  h.replay.clearOverrides();
  h.replay.override({ path: PATH, file: `../../test/fixtures/html-list/${fixture}` });
};

async function changesOf(h: Harness, runId: string): Promise<Change[]> {
  return (await h.runtime.store.listChanges({ limit: 100 })).items.filter(
    (c) => c.runId === runId && !['first-seen', 'known'].includes(c.type),
  );
}

describe('the debarment list through time (DynamoDB Local + replay server)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sources: ['debarment-list'], tablePrefix: 'debarment' });
  });
  afterAll(async () => h.close());

  it('a page saying no supplier is listed, then an empty table: zero alerts, the source healthy', async () => {
    h.replay.setStep('t0');
    serve(h, 'debarment-list_empty-text.html');
    const first = await h.cycle();
    expect(first.outcomes.map((o) => o.kind)).toEqual(['baseline']);
    serve(h, 'debarment-list_empty-table.html');
    const second = await h.cycle();
    expect(second.outcomes.map((o) => o.kind)).toEqual(['unchanged']);
    expect(second.delivery.sent).toEqual([]);
    const state = await h.runtime.store.getSourceState('debarment-list');
    expect(state).toEqual(
      expect.objectContaining({ consecutiveFailures: 0, lastError: null, failingAlertOpen: false }),
    );
    expect((await h.runtime.store.getVersion(DOC, (await h.runtime.store.getDocument(DOC))!.version))!.extra).toEqual(
      expect.objectContaining({ rows: [] }),
    );
  });

  it('one supplier added: supplier-debarred with its ground, type and end date', async () => {
    serve(h, 'debarment-list_one-table-left.html');
    const report = await h.cycle();
    expect(report.delivery.sent.map((a) => a.type)).toEqual(['supplier-debarred']);
    const [change] = await changesOf(h, report.runId);
    expect(change.title).toBe('Example Facilities Services Ltd');
    expect(change.summary).toBe(
      'Added to the debarment list: Example Facilities Services Ltd; Exclusion ground: Fraud (Schedule 6, paragraph 9); Mandatory or discretionary: mandatory; Expected end date: 8 September 2030.',
    );
    const email = (await h.emails()).find((e) => e.subject?.startsWith('Supplier debarred'))!;
    expect(email.text).toContain('Fraud (Schedule 6, paragraph 9)');
  });

  it('two more, then the columns reordered: two supplier-debarred, then nothing', async () => {
    serve(h, 'debarment-list_row-added-and-removed.html');
    const added = await h.cycle();
    expect(added.delivery.sent.map((a) => a.type)).toEqual(['supplier-debarred', 'supplier-debarred']);
    const versions = (await h.runtime.store.listVersions(DOC)).length;
    serve(h, 'debarment-list_columns-reordered.html');
    const reordered = await h.cycle();
    expect(reordered.outcomes.map((o) => o.kind)).toEqual(['unchanged']);
    expect(reordered.delivery.sent).toEqual([]);
    expect(await h.runtime.store.listVersions(DOC)).toHaveLength(versions);
  });

  it('headers renamed beyond recognition: one source-failing after the threshold, naming the headers; nothing stored is deleted', async () => {
    const doc = await h.runtime.store.getDocument(DOC);
    const versions = await h.runtime.store.listVersions(DOC);
    serve(h, 'debarment-list_headers-renamed.html');
    const sent: string[] = [];
    for (let i = 1; i <= h.config.alerts.failureThreshold + 1; i++) {
      const report = await h.cycle();
      const outcome = report.outcomes[0];
      expect(outcome.kind).toBe('failed');
      expect(outcome.kind === 'failed' && outcome.reason).toMatch(
        /the headers found are "Organisation", "Reason", "Category", "Scope", "Review date"/,
      );
      sent.push(...report.delivery.sent.map((a) => a.type));
    }
    expect(sent).toEqual(['source-failing']);
    expect(await h.runtime.store.getDocument(DOC)).toEqual(doc);
    expect(await h.runtime.store.listVersions(DOC)).toEqual(versions);
    expect((await h.runtime.store.listChanges({ type: 'supplier-removed', limit: 10 })).items).toEqual([]);
    // The page fixed: the source recovers, and nothing was lost meanwhile.
    serve(h, 'debarment-list_row-added-and-removed.html');
    const back = await h.cycle();
    expect(back.delivery.sent.map((a) => a.type)).toEqual(['source-recovered']);
  });
});
