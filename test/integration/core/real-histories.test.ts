/**
 * Real histories on DynamoDB Local and the replay server: a letter corrected, reverted and
 * corrected again; a supplier removed, re-added and removed again; a letter withdrawn, restored and
 * withdrawn again. Each transition is a change of its own (change ids derive from the transition,
 * not the new content), the store never freezes, and what is stored at the end is what is served.
 */
import type { Route } from '../../../lambdas/adapters/replay/replay-server';
import type { Change } from '../../../lambdas/core/model';
import { sourceKinds } from '../../../lambdas/sources';
import {
  listRoute,
  listSource,
  northmoorRoutes,
  northmoorSource,
  NORTHMOOR_LETTER,
  SUPPLIER_LIST,
} from '../../support/history-pages';
import { startHarness, type Harness } from '../../support/harness';

const parsed = (raw: { kind: string }) => sourceKinds[raw.kind].schema.parse(raw);

async function timeline(
  source: { id: string; kind: string },
  steps: Route[][],
): Promise<{ h: Harness; runs: Change[][] }> {
  const h = await startHarness({ config: (c) => ({ ...c, sources: [parsed(source)] }) });
  const runs: Change[][] = [];
  for (const routes of steps) {
    h.replay.clearOverrides();
    h.replay.override(...routes);
    const report = await h.cycle();
    expect(report.outcomes.map((o) => o.kind)).not.toContain('failed');
    runs.push(report.outcomes.flatMap((o) => (o.kind === 'updated' ? o.changes : [])));
  }
  return { h, runs };
}

const types = (runs: Change[][]) => runs.map((r) => r.map((c) => c.type).sort());

describe('revert and re-apply (A → B → A → B)', () => {
  it('a letter corrected, reverted and corrected again: four versions, three alerts, the served text stored', async () => {
    const { h, runs } = await timeline(northmoorSource, [
      northmoorRoutes(0, '19'),
      northmoorRoutes(1, '26'),
      northmoorRoutes(2, '19'),
      northmoorRoutes(3, '26'),
      northmoorRoutes(3, '26'),
    ]);
    try {
      expect(types(runs)).toEqual([[], ['document-changed'], ['document-changed'], ['document-changed'], []]);
      const docId = `govuk:${NORTHMOOR_LETTER}`;
      const versions = await h.runtime.store.listVersions(docId);
      expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4]);
      expect(versions.map((v) => /26 January 2023/.test(v.text))).toEqual([false, true, false, true]);
      const head = await h.runtime.store.getDocument(docId);
      expect(head?.version).toBe(4);
      expect(versions[3].text).toMatch(/26 January 2023/);
      const sent = (await h.runtime.store.listAlerts('sent')).filter((a) => a.type === 'document-changed');
      expect(sent).toHaveLength(3);
    } finally {
      await h.close();
    }
  });

  it('a supplier removed, re-added and removed again: each move alerts once, the stored rows are the served ones', async () => {
    const three: [string, string][] = [
      ['Alpha Ltd', 'Mandatory: fraud'],
      ['Bravo Ltd', 'Discretionary: poor performance'],
      ['Charlie Ltd', 'Mandatory: national security'],
    ];
    const two = three.slice(0, 2);
    const { h, runs } = await timeline(listSource, [
      [listRoute(three)],
      [listRoute(two)],
      [listRoute(three)],
      [listRoute(two)],
      [listRoute(two)],
    ]);
    try {
      expect(types(runs)).toEqual([[], ['supplier-removed'], ['supplier-debarred'], ['supplier-removed'], []]);
      const versions = await h.runtime.store.listVersions('html-list:supplier-list');
      expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4]);
      const rows = (versions[3].extra?.rows as { key: string }[]).map((r) => r.key);
      expect(rows).toEqual(['Alpha Ltd', 'Bravo Ltd']);
      expect(SUPPLIER_LIST).toBeTruthy();
    } finally {
      await h.close();
    }
  });

  it('a letter withdrawn, restored and withdrawn again: every move recorded, the last state stored', async () => {
    const { h, runs } = await timeline(northmoorSource, [
      northmoorRoutes(0, '19'),
      northmoorRoutes(1, '19', true),
      northmoorRoutes(2, '19'),
      northmoorRoutes(3, '19', true),
      northmoorRoutes(3, '19', true),
    ]);
    try {
      expect(types(runs)).toEqual([[], ['document-withdrawn'], ['document-restored'], ['document-withdrawn'], []]);
      const head = await h.runtime.store.getDocument(`govuk:${northmoorSource.path}`);
      expect(head?.status).toBe('withdrawn');
      expect(head?.revision).toBe(4);
      const logged = (await h.runtime.store.listChanges({ docId: head!.docId, limit: 50 })).items;
      expect(new Set(logged.map((c) => c.changeId)).size).toBe(logged.length);
    } finally {
      await h.close();
    }
  });
});
