/**
 * (e) A source answering 500s, then garbage, then an empty listing: one `source-failing` alert,
 * nothing stored is deleted or overwritten, no `withdrawn` flood; the next success closes it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BSCC_SOURCES, startHarness, type Harness } from '../../support/harness';

const SEARCH = {
  path: '/api/search.json',
  query: { filter_organisations: 'biometrics-and-surveillance-camera-commissioner' },
};

describe('a failing source', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sources: BSCC_SOURCES });
    await h.cycle('t0');
  });
  afterAll(async () => h.close());

  it('raises one source-failing alert, loses nothing, floods nobody, and recovers', async () => {
    const docsBefore = await h.runtime.store.listDocuments('bscc-correspondence');
    const versionsBefore = await Promise.all(docsBefore.map((d) => h.runtime.store.listVersions(d.docId)));

    h.replay.override({ ...SEARCH, status: 500, body: '{"error":"internal"}' });
    const r1 = await h.cycle();
    expect(r1.outcomes[0]).toEqual(expect.objectContaining({ kind: 'failed', alerted: false }));
    expect(r1.outcomes[0].kind === 'failed' && r1.outcomes[0].reason).toMatch(/HTTP 500/);

    h.replay.clearOverrides();
    h.replay.override({ ...SEARCH, body: '<html><body>We are updating GOV.UK</body></html>' });
    const r2 = await h.cycle();
    expect(r2.outcomes[0].kind === 'failed' && r2.outcomes[0].reason).toMatch(/not JSON/);

    h.replay.clearOverrides();
    h.replay.override({
      ...SEARCH,
      body: JSON.stringify({ results: [], total: 0, start: 0, facets: {}, suggested_queries: [] }),
    });
    const r3 = await h.cycle();
    expect(r3.outcomes[0]).toEqual(expect.objectContaining({ kind: 'failed', alerted: true }));
    expect(r3.outcomes[0].kind === 'failed' && r3.outcomes[0].reason).toMatch(/came back empty/);
    expect(r3.delivery.sent.map((a) => a.type)).toEqual(['source-failing']);

    // A fourth failure does not alert again.
    const r4 = await h.cycle();
    expect(r4.delivery.sent).toEqual([]);

    const docsAfter = await h.runtime.store.listDocuments('bscc-correspondence');
    expect(docsAfter).toEqual(docsBefore);
    expect(await Promise.all(docsAfter.map((d) => h.runtime.store.listVersions(d.docId)))).toEqual(versionsBefore);
    expect((await h.runtime.store.listChanges({ type: 'document-withdrawn' })).items).toEqual([]);

    h.replay.clearOverrides();
    const r5 = await h.cycle();
    expect(r5.outcomes[0].kind === 'updated' && r5.outcomes[0].changes.map((c) => c.type)).toEqual([
      'source-recovered',
    ]);
    expect(r5.delivery.sent.map((a) => a.type)).toEqual(['source-recovered']);
    const state = await h.runtime.store.getSourceState('bscc-correspondence');
    expect(state).toEqual(
      expect.objectContaining({ consecutiveFailures: 0, failingAlertOpen: false, lastError: null }),
    );

    const emails = await h.emails();
    const failing = emails.filter((e) => e.subject?.startsWith('[High priority] Source failing'));
    expect(failing).toHaveLength(1);
    expect(failing[0].text).toMatch(/came back empty/);
  });

  it('a listing that shrinks by half waits for a second run before calling anything withdrawn', async () => {
    const search = JSON.parse(
      readFileSync(join(__dirname, '../../../demo/replay/t0/search-bscc-correspondence.json'), 'utf8'),
    );
    const shrunk = { ...search, results: search.results.slice(0, 1), total: 1 };
    h.replay.override({ ...SEARCH, body: JSON.stringify(shrunk) });
    const first = await h.cycle();
    expect(first.outcomes[0]).toEqual(expect.objectContaining({ kind: 'failed' }));
    expect(first.outcomes[0].kind === 'failed' && first.outcomes[0].reason).toMatch(/shrank from \d+ to 1/);
    expect((await h.runtime.store.listChanges({ type: 'document-withdrawn' })).items).toEqual([]);
  });
});
