/**
 * Big list changes on DynamoDB Local: 57 suppliers added at once, a 40-row key reformat (80 row
 * events), and a 3,000-row list. Each is recorded in writes within DynamoDB's limits, alerted once
 * per kind of event (summarised beyond 25), the next run is quiet, and a BSCC source checked in
 * the same cycle is unaffected. And a store that fails for one source fails that source only.
 */
import type { ChangeWrite, Store } from '../../../lambdas/core/ports';
import { StoreError } from '../../../lambdas/core/errors';
import { sourceKinds } from '../../../lambdas/sources';
import { listRoute, listSource, suppliers } from '../../support/history-pages';
import { startHarness, type Harness } from '../../support/harness';

const parsed = (raw: { kind: string }) => sourceKinds[raw.kind].schema.parse(raw);

async function listHarness(): Promise<Harness> {
  return startHarness({
    config: (c) => ({
      ...c,
      sources: [parsed(listSource), ...c.sources.filter((s) => s.id === 'bscc-correspondence')],
    }),
  });
}

const alertTypes = (report: Awaited<ReturnType<Harness['cycle']>>) => report.delivery.sent.map((a) => a.type).sort();

describe('big list changes', () => {
  it('57 suppliers added at once: one summary alert, every row stored, the next run quiet, BSCC unaffected', async () => {
    const h = await listHarness();
    try {
      h.replay.override(listRoute(suppliers(3)));
      await h.cycle();
      h.replay.setStep('t1');
      h.replay.override(listRoute(suppliers(60)));
      const report = await h.cycle();
      expect(report.outcomes.map((o) => o.kind)).toEqual(['updated', 'updated']);
      const listChanges = report.outcomes[0].kind === 'updated' ? report.outcomes[0].changes : [];
      expect(listChanges.map((c) => c.type)).toEqual(['supplier-debarred']);
      expect(listChanges[0].title).toBe('57 at once on Supplier list');
      expect(listChanges[0].summary).toMatch(/Supplier 0004 Ltd.*and 52 more/);
      // The BSCC source moved in the same cycle and still alerted.
      expect(alertTypes(report)).toEqual(
        ['document-changed', 'document-withdrawn', 'new-correspondence', 'supplier-debarred'].sort(),
      );
      const head = await h.runtime.store.getDocument('html-list:supplier-list');
      const stored = await h.runtime.store.getVersion('html-list:supplier-list', head!.version);
      expect((stored?.extra?.rows as unknown[]).length).toBe(60);
      const quiet = await h.cycle();
      expect(quiet.delivery.sent).toEqual([]);
      expect(quiet.outcomes.map((o) => o.kind)).toEqual(['unchanged', 'unchanged']);
    } finally {
      await h.close();
    }
  });

  it('a 40-row key reformat (80 row events, over 100 items unbounded) is recorded in bounded writes', async () => {
    const h = await listHarness();
    try {
      h.replay.override(listRoute(suppliers(40, 'Supplier')));
      await h.cycle();
      h.replay.clearOverrides();
      h.replay.override(listRoute(suppliers(40, 'SUPPLIER NO.')));
      // Every row's key changed at once: held for a second look first (the list's suspicious()).
      const held = await h.cycle();
      expect(held.outcomes[0].kind).toBe('failed');
      expect(held.delivery.sent).toEqual([]);
      const report = await h.cycle();
      expect(report.outcomes[0].kind).toBe('updated');
      expect(alertTypes(report)).toEqual(['supplier-debarred', 'supplier-removed']);
      const quiet = await h.cycle();
      expect(quiet.outcomes[0].kind).toBe('unchanged');
      expect(quiet.delivery.sent).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('a 3,000-row list is stored compressed (over the 400 KB item limit inline) and read back whole', async () => {
    const h = await listHarness();
    try {
      h.replay.override(listRoute(suppliers(10)));
      await h.cycle();
      h.replay.clearOverrides();
      h.replay.override(listRoute(suppliers(3000)));
      const report = await h.cycle();
      expect(report.outcomes[0].kind).toBe('updated');
      expect(alertTypes(report)).toEqual(['supplier-debarred']);
      const head = await h.runtime.store.getDocument('html-list:supplier-list');
      const stored = await h.runtime.store.getVersion('html-list:supplier-list', head!.version);
      expect((stored?.extra?.rows as unknown[]).length).toBe(3000);
      expect(stored?.text.split('\n')).toHaveLength(3000);
      const quiet = await h.cycle();
      expect(quiet.outcomes[0].kind).toBe('unchanged');
    } finally {
      await h.close();
    }
  });
});

describe('a list page served half (3 rows, then 1, then 3 again)', () => {
  it('is held for a second look and, when the page recovers, nothing was ever alerted or stored', async () => {
    const h = await listHarness();
    try {
      h.replay.override(listRoute(suppliers(3)));
      await h.cycle();
      h.replay.clearOverrides();
      h.replay.override(listRoute(suppliers(1)));
      const half = await h.cycle();
      expect(half.outcomes[0].kind).toBe('failed');
      expect(half.outcomes[0].kind === 'failed' && half.outcomes[0].reason).toMatch(
        /Waiting for the next run to confirm before recording it\./,
      );
      expect(half.delivery.sent).toEqual([]);
      h.replay.clearOverrides();
      h.replay.override(listRoute(suppliers(3)));
      const back = await h.cycle();
      expect(back.outcomes[0].kind).toBe('unchanged');
      expect(back.delivery.sent).toEqual([]);
      expect((await h.runtime.store.getDocument('html-list:supplier-list'))?.version).toBe(1);
      const state = await h.runtime.store.getSourceState('supplier-list');
      expect(state?.pendingSuspects).toBeNull();
      expect(state?.consecutiveFailures).toBe(0);
    } finally {
      await h.close();
    }
  });

  it('a loss that is real (seen twice) is recorded on the second run', async () => {
    const h = await listHarness();
    try {
      h.replay.override(listRoute(suppliers(3)));
      await h.cycle();
      h.replay.clearOverrides();
      h.replay.override(listRoute(suppliers(1)));
      expect((await h.cycle()).outcomes[0].kind).toBe('failed');
      const confirmed = await h.cycle();
      expect(alertTypes(confirmed)).toEqual(['supplier-removed', 'supplier-removed']);
    } finally {
      await h.close();
    }
  });
});

/** Fault injection: the real store, failing every write that concerns one source. */
function failingFor(store: Store, sourceId: string): Store {
  // Document writes fail (an item over a limit, a table misconfigured for them); the rest work.
  const fails = (w: ChangeWrite) => w.document?.next.sourceId === sourceId;
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'recordChange')
        return async (w: ChangeWrite) => {
          if (fails(w))
            throw new StoreError(`DynamoDB TransactWriteItems failed on table t: ValidationException: too big`);
          return target.recordChange(w);
        };
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('a store error for one source', () => {
  it('fails that source only: counted, source-failing after the threshold; the others checked and delivered', async () => {
    const h = await listHarness();
    try {
      h.replay.override(listRoute(suppliers(3)));
      await h.cycle();
      h.replay.setStep('t1');
      h.replay.override(listRoute(suppliers(5)));
      const deps = { ...h.runtime, store: failingFor(h.runtime.store, 'supplier-list') };
      const reports = [];
      for (let i = 0; i < 3; i++) reports.push(await h.cycle(undefined, deps));
      expect(reports.map((r) => r.outcomes[0].kind)).toEqual(['failed', 'failed', 'failed']);
      expect(reports[0].outcomes[1].kind).toBe('updated');
      expect(alertTypes(reports[0])).toEqual(['document-changed', 'document-withdrawn', 'new-correspondence'].sort());
      expect(alertTypes(reports[2])).toEqual(['source-failing']);
      const state = await h.runtime.store.getSourceState('supplier-list');
      expect(state?.consecutiveFailures).toBe(3);
      expect(state?.lastError).toMatch(/TransactWriteItems failed/);
      // Once the store takes the source's writes again, the change is recorded and the source recovers.
      const healed = await h.cycle();
      expect(alertTypes(healed)).toEqual(['source-recovered', 'supplier-debarred', 'supplier-debarred']);
    } finally {
      await h.close();
    }
  });
});
