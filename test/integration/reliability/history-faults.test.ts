/**
 * Real histories and big list changes on DynamoDB Local, the replay server and a real SMTP server
 * (the defects adversarial testing found, issue 11): a letter corrected, reverted and corrected
 * again; a supplier removed, re-added and removed again; a letter withdrawn, restored and withdrawn
 * again; 57 suppliers at once; a 40-row key reformat; a 3,000-row list; a list served half, then
 * whole; a store that fails for one source. Each row is recorded from what was counted, then asserted.
 */
import { StoreError } from '../../../lambdas/core/errors';
import type { ChangeWrite, Store } from '../../../lambdas/core/ports';
import {
  listRoute,
  listSource,
  northmoorRoutes,
  northmoorSource,
  NORTHMOOR_LETTER,
  suppliers,
} from '../../support/history-pages';
import { lostBetween } from './observe';
import { ReliabilityLog } from './reliability-report';
import { runTimeline, timelineFigures, type Timeline } from './history-scenario';

const log = new ReliabilityLog('70-histories');
afterAll(() => log.flush());

const flat = (t: Timeline) => t.types.map((x) => x.join('+') || '-').join(' → ');
const stored = async (t: Timeline, docId: string) => {
  const head = await t.h.runtime.store.getDocument(docId);
  return { head, version: head ? await t.h.runtime.store.getVersion(docId, head.version) : null };
};

describe('revert and re-apply (A → B → A → B)', () => {
  it('a letter corrected, reverted and corrected again: four versions, three alerts, the served text stored', async () => {
    const t = await runTimeline({
      sources: [northmoorSource],
      steps: [0, 1, 2, 3, 3].map((i) => northmoorRoutes(i, i % 2 ? '26' : '19')),
    });
    try {
      const docId = `govuk:${NORTHMOOR_LETTER}`;
      const versions = await t.h.runtime.store.listVersions(docId);
      const { version } = await stored(t, docId);
      const served = /26 January 2023/.test(version?.text ?? '');
      log.record({
        area: 'history',
        fault: 'a letter corrected (19 → 26 January), reverted, corrected again, then served unchanged',
        tried: 4,
        expected: 'four versions, one document-changed per real change, the last run quiet, the served text stored',
        observed: `${versions.length} versions; alerts per run: ${flat(t)}; stored text says ${served ? '26' : '19'} January`,
        measured: timelineFigures(t, 3, Number(versions.length !== 4) + Number(!served)),
      });
      expect(t.types).toEqual([['document-changed'], ['document-changed'], ['document-changed'], []]);
      expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4]);
      expect(versions.map((v) => /26 January 2023/.test(v.text))).toEqual([false, true, false, true]);
      expect(served).toBe(true);
      expect(lostBetween(t.before, t.after)).toEqual([]);
    } finally {
      await t.h.close();
    }
  });

  it('a supplier removed, re-added and removed again: each move alerts once, the stored rows are the served ones', async () => {
    const three = suppliers(3);
    const t = await runTimeline({
      sources: [listSource],
      steps: [three, three.slice(0, 2), three, three.slice(0, 2), three.slice(0, 2)].map((rows) => [listRoute(rows)]),
    });
    try {
      const { version } = await stored(t, 'html-list:supplier-list');
      const rows = ((version?.extra?.rows ?? []) as { key: string }[]).map((r) => r.key);
      log.record({
        area: 'history',
        fault: 'a list row removed, re-added, removed again, then served unchanged',
        tried: 4,
        expected: 'supplier-removed, supplier-debarred, supplier-removed; the last run quiet; 2 rows stored',
        observed: `alerts per run: ${flat(t)}; ${rows.length} rows stored`,
        measured: timelineFigures(t, 3, Number(rows.length !== 2)),
      });
      expect(t.types).toEqual([['supplier-removed'], ['supplier-debarred'], ['supplier-removed'], []]);
      expect(rows).toEqual(three.slice(0, 2).map(([s]) => s));
    } finally {
      await t.h.close();
    }
  });

  it('a letter withdrawn, restored and withdrawn again: every move recorded, the last state stored', async () => {
    const t = await runTimeline({
      sources: [northmoorSource],
      steps: [0, 1, 2, 3, 3].map((i) => northmoorRoutes(i, '19', i % 2 === 1)),
    });
    try {
      const { head } = await stored(t, `govuk:${northmoorSource.path}`);
      log.record({
        area: 'history',
        fault: 'a letter withdrawn, published again, withdrawn again, then served unchanged',
        tried: 4,
        expected: 'document-withdrawn, document-restored, document-withdrawn; stored as withdrawn',
        observed: `alerts per run: ${flat(t)}; stored as ${head?.status}`,
        measured: timelineFigures(t, 3, Number(head?.status !== 'withdrawn')),
      });
      expect(t.types).toEqual([['document-withdrawn'], ['document-restored'], ['document-withdrawn'], []]);
      expect(head?.revision).toBe(4);
    } finally {
      await t.h.close();
    }
  });
});

describe('big list changes', () => {
  it('57 suppliers added at once: one summary alert, every row stored, the next run quiet, BSCC unaffected', async () => {
    const t = await runTimeline({
      sources: [listSource],
      alsoConfigured: ['bscc-correspondence'],
      steps: [[listRoute(suppliers(3))], [listRoute(suppliers(60))], null],
      replaySteps: ['t0', 't1', 't1'],
    });
    try {
      const { version } = await stored(t, 'html-list:supplier-list');
      const rows = (version?.extra?.rows as unknown[] | undefined)?.length ?? 0;
      log.record({
        area: 'list',
        fault: '57 rows added to a list at once, while a BSCC source moved in the same cycle',
        tried: 1,
        expected: 'one summary supplier-debarred; the 3 BSCC alerts; all 60 rows stored; the next run quiet',
        observed: `alerts per run: ${flat(t)}; ${rows} rows stored`,
        measured: timelineFigures(t, 4, Number(rows !== 60)),
      });
      expect(t.types[0]).toEqual(
        [
          'document-changed',
          'document-withdrawn',
          'document-withdrawn',
          'new-correspondence',
          'supplier-debarred',
        ].sort(),
      );
      expect(t.types[1]).toEqual([]);
      expect(rows).toBe(60);
    } finally {
      await t.h.close();
    }
  });

  it('a 40-row key reformat (80 row events) is held once, then recorded in bounded writes', async () => {
    const t = await runTimeline({
      sources: [listSource],
      steps: [[listRoute(suppliers(40))], [listRoute(suppliers(40, 'SUPPLIER NO.'))], null, null],
    });
    try {
      log.record({
        area: 'list',
        fault: 'every key of a 40-row list reformatted at once (80 row events, over 100 items unbounded)',
        tried: 1,
        expected: 'held for a second look, then one summary alert per kind of event; then quiet',
        observed: `outcomes: ${t.outcomes.map((o) => o[0].kind).join(' → ')}; alerts per run: ${flat(t)}`,
        measured: timelineFigures(t, 2, Number(t.outcomes[0][0].kind !== 'failed')),
      });
      expect(t.outcomes.map((o) => o[0].kind)).toEqual(['failed', 'updated', 'unchanged']);
      expect(t.types).toEqual([[], ['supplier-debarred', 'supplier-removed'], []]);
    } finally {
      await t.h.close();
    }
  });

  it('a 3,000-row list is stored compressed and read back whole', async () => {
    const t = await runTimeline({
      sources: [listSource],
      steps: [[listRoute(suppliers(10))], [listRoute(suppliers(3000))], null],
    });
    try {
      const { version } = await stored(t, 'html-list:supplier-list');
      const rows = (version?.extra?.rows as unknown[] | undefined)?.length ?? 0;
      log.record({
        area: 'list',
        fault: 'a list grows from 10 to 3,000 rows (its rows are over the 400 KB item limit inline)',
        tried: 1,
        expected: 'one summary alert; 3,000 rows stored and read back; the next run quiet',
        observed: `alerts per run: ${flat(t)}; ${rows} rows read back`,
        measured: timelineFigures(t, 1, Number(rows !== 3000)),
      });
      expect(t.types).toEqual([['supplier-debarred'], []]);
      expect(rows).toBe(3000);
    } finally {
      await t.h.close();
    }
  });

  it('a list served half (3 rows, then 1, then 3 again) is held, and nothing is ever alerted or stored', async () => {
    const t = await runTimeline({
      sources: [listSource],
      steps: [[listRoute(suppliers(3))], [listRoute(suppliers(1))], [listRoute(suppliers(3))]],
    });
    try {
      const { head } = await stored(t, 'html-list:supplier-list');
      const state = await t.h.runtime.store.getSourceState('supplier-list');
      log.record({
        area: 'list',
        fault: 'a list page served with 1 of its 3 rows, then whole again',
        tried: 1,
        expected: 'held for a second look (one failed check), no alert, the stored list unchanged',
        observed: `outcomes: ${t.outcomes.map((o) => o[0].kind).join(' → ')}; stored version ${head?.version}`,
        measured: timelineFigures(t, 0, Number(head?.version !== 1) + Number(state?.consecutiveFailures !== 0)),
      });
      expect(t.outcomes.map((o) => o[0].kind)).toEqual(['failed', 'unchanged']);
      expect(t.types).toEqual([[], []]);
      expect(head?.version).toBe(1);
    } finally {
      await t.h.close();
    }
  });

  it('a loss seen twice is real: recorded on its second sighting', async () => {
    const t = await runTimeline({
      sources: [listSource],
      steps: [[listRoute(suppliers(3))], [listRoute(suppliers(1))], null],
    });
    try {
      log.record({
        area: 'list',
        fault: 'a list loses 2 of its 3 rows, and the next run sees the same',
        tried: 1,
        expected: 'held once, then two supplier-removed',
        observed: `alerts per run: ${flat(t)}`,
        measured: timelineFigures(t, 2, 0),
      });
      expect(t.types).toEqual([[], ['supplier-removed', 'supplier-removed']]);
    } finally {
      await t.h.close();
    }
  });
});

/** Fault injection: the real store, failing every document write of one source (other writes pass). */
function failingFor(store: Store, sourceId: string): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'recordChange')
        return async (w: ChangeWrite) => {
          if (w.document?.next.sourceId === sourceId)
            throw new StoreError('DynamoDB TransactWriteItems failed on table t: ValidationException: too big');
          return target.recordChange(w);
        };
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('a store error for one source', () => {
  it('fails that source only: counted, source-failing after three; the others checked and mailed', async () => {
    const t = await runTimeline({
      sources: [listSource],
      alsoConfigured: ['bscc-correspondence'],
      steps: [[listRoute(suppliers(3))], [listRoute(suppliers(5))], null, null, null],
      replaySteps: ['t0', 't1', 't1', 't1', 't1'],
      store: (s, i) => (i >= 1 && i <= 3 ? failingFor(s, 'supplier-list') : s),
    });
    try {
      const kinds = t.outcomes.map((o) => o.map((x) => x.kind).join('/'));
      log.record({
        area: 'store',
        fault: 'every document write of one source refused by the store for three runs, then accepted',
        tried: 3,
        expected:
          'that source fails three times (source-failing on the third), the BSCC source is checked and mailed; then recovered',
        observed: `outcomes (list/BSCC): ${kinds.join(' → ')}; alerts per run: ${flat(t)}`,
        measured: timelineFigures(t, 7, Number(!kinds.slice(0, 3).every((k) => k.startsWith('failed')))),
      });
      expect(kinds).toEqual(['failed/updated', 'failed/unchanged', 'failed/unchanged', 'updated/unchanged']);
      expect(t.types).toEqual([
        ['document-changed', 'document-withdrawn', 'document-withdrawn', 'new-correspondence'],
        [],
        ['source-failing'],
        ['source-recovered', 'supplier-debarred', 'supplier-debarred'],
      ]);
    } finally {
      await t.h.close();
    }
  });
});
