/**
 * The foundation's watch cycle end to end: DynamoDB Local, the undici fetcher against the local
 * replay server serving the composed BSCC responses, and the outbox read back with mailparser.
 */
import type { Change } from '../../../lambdas/core/model';
import { BSCC_SOURCES, startHarness, T1_ALERTS, type Harness } from '../../support/harness';

const NEVER_AGAIN =
  '/api/content/government/publications/never-again-the-uks-responsibility-to-act-on-atrocities-in-xinjiang-and-beyond';

async function allChanges(h: Harness): Promise<Change[]> {
  return (await h.runtime.store.listChanges({ limit: 500 })).items;
}

describe('watch cycle (DynamoDB Local + replay server + outbox)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sources: BSCC_SOURCES });
  });
  afterAll(async () => {
    await h.close();
  });

  it('(a) the first run records a baseline and sends one summary, not one alert per document', async () => {
    const report = await h.cycle('t0');
    expect(report.outcomes.map((o) => o.kind)).toEqual(['baseline', 'baseline']);
    expect(report.delivery.sent.map((a) => a.type)).toEqual(['baseline']);
    const emails = await h.emails();
    expect(emails).toHaveLength(1);
    expect(emails[0].subject).toMatch(/^procurement-watch started: \d+ documents recorded/);
    const changes = await allChanges(h);
    expect(changes.filter((c) => !['first-seen', 'known', 'baseline'].includes(c.type))).toEqual([]);
    // The 21 March 2022 letter is known by its URL.
    const known = changes.filter((c) => c.type === 'known');
    expect(known.map((c) => c.knownMatch?.match)).toContain('2022-03-21-bscc-to-hikvision');
  });

  it('(b) step t1 raises exactly the expected alerts and change-log entries', async () => {
    h.replay.resetLog();
    const report = await h.cycle('t1');
    const types = report.delivery.sent.map((a) => a.type).sort();
    expect(types).toEqual(T1_ALERTS);
    const changes = (await allChanges(h)).filter((c) => c.runId === report.runId);
    // The official wording of the re-worded 10 August 2021 letter is recognised, not alerted.
    const known = changes.filter((c) => c.type === 'known');
    expect(known).toHaveLength(1);
    expect(known[0].knownMatch).toEqual(expect.objectContaining({ match: '2021-08-10-hikvision-to-bscc' }));
    const changed = changes.find((c) => c.type === 'document-changed')!;
    expect(changed.diff!.some((o) => o.op === 'insert')).toBe(true);
    expect(changed.diff!.some((o) => o.op === 'delete')).toBe(true);
    expect(changed.changeNote).toBeTruthy();
    const letters = changes.filter((c) => c.type === 'new-correspondence');
    expect(letters.map((c) => c.threadId)).toEqual(expect.arrayContaining(['bscc--hikvision']));
    const emails = await h.emails();
    // The baseline summary, then one e-mail per alert.
    expect(emails).toHaveLength(1 + T1_ALERTS.length);
    const subjects = emails.map((e) => e.subject);
    // The three new letters name Hikvision: high priority, so their subjects carry the marker.
    expect(subjects.filter((s) => s?.startsWith('[High priority] New letter:'))).toHaveLength(3);
    // The PDF letter was read, threaded and dated like the HTML ones.
    const pdf = letters.find((c) => c.docId?.startsWith('govuk-asset:'));
    expect(pdf?.letter).toEqual(expect.objectContaining({ from: 'hikvision', to: 'bscc', date: '2024-01-12' }));
    expect(subjects.every((s) => (s ?? '').length <= 80)).toBe(true);
  });

  it('(c) a run with nothing changed makes only listing requests, writes nothing and alerts nobody', async () => {
    h.replay.resetLog();
    const before = { ...h.runtime.store.capacity, calls: { ...h.runtime.store.capacity.calls } };
    const report = await h.cycle('t1');
    expect(report.outcomes.map((o) => o.kind)).toEqual(['unchanged', 'unchanged']);
    expect(report.delivery.sent).toEqual([]);
    expect(h.replay.log.map((r) => r.path).sort()).toEqual(['/api/search.json', NEVER_AGAIN].sort());
    const calls = h.runtime.store.capacity.calls;
    expect((calls.TransactWriteItems ?? 0) - (before.calls.TransactWriteItems ?? 0)).toBe(0);
    expect((calls.PutItem ?? 0) - (before.calls.PutItem ?? 0)).toBe(0);
    expect(h.runtime.store.capacity.write).toBe(before.write);
    // An identical listing is recognised by its fingerprint: no stored document is even read.
    // The two queries are the sender's (alerts to expand, rows due), none is the checker's; with no
    // work, subscriber states are not read.
    expect((calls.Query ?? 0) - (before.calls.Query ?? 0)).toBe(2);
    expect((calls.GetItem ?? 0) - (before.calls.GetItem ?? 0)).toBe(2); // one source state each
  });
});

describe('two cycles at once', () => {
  it('(d) record every change and alert once', async () => {
    const h = await startHarness({ sources: BSCC_SOURCES });
    try {
      await h.cycle('t0');
      h.replay.setStep('t1');
      const [a, b] = await Promise.all([h.cycle(), h.cycle()]);
      const sent = [...a.delivery.sent, ...b.delivery.sent];
      const changes = (await h.runtime.store.listChanges({ limit: 500 })).items;
      const alerting = changes.filter((c) =>
        ['new-correspondence', 'document-changed', 'document-withdrawn'].includes(c.type),
      );
      expect(alerting).toHaveLength(T1_ALERTS.length);
      expect(new Set(changes.map((c) => c.changeId)).size).toBe(changes.length);
      // Every alert expanded, nothing left due: each went out once, in one of the two cycles.
      expect(await h.runtime.outbox.listUnexpanded()).toEqual([]);
      expect(await h.runtime.outbox.listDue(new Date(Date.now() + 86_400_000))).toEqual([]);
      expect(sent.filter((x) => x.type !== 'baseline')).toHaveLength(T1_ALERTS.length);
      expect(new Set(sent.map((x) => x.alertId)).size).toBe(sent.length);
    } finally {
      await h.close();
    }
  });
});
