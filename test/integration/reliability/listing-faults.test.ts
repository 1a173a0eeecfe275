/**
 * What a misbehaving server must not do to the store (DynamoDB Local + the replay server): page
 * forever, turn an ignored search filter into a flood of "new letters", or fake a change with a
 * wrong charset label. Each fails the source in one sentence (or changes nothing) and alerts nobody.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listRoute, listSource } from '../../support/history-pages';
import { ROOT, startHarness, type Harness } from '../../support/harness';
import { alertsRaised, emailFigures, snapshotOf, storeFigures, type Snapshot } from './observe';
import { ReliabilityLog } from './reliability-report';
import { sourceDeclarations } from '../../../lambdas/sources/declarations';

const log = new ReliabilityLog('71-listing-faults');
afterAll(() => log.flush());

/** The store and the mail before a faulty run, then what it changed: nothing may be stored or sent. */
async function quietFigures(h: Harness, ids: string[], before: Snapshot, mark: number, offContract: number) {
  const after = await snapshotOf(h.runtime.store, ids);
  return {
    ...storeFigures(before, after),
    alertsExpected: 0,
    alertsRaised: alertsRaised(before, after).length,
    ...emailFigures(h.sink!.received.slice(mark), []),
    offContract,
  };
}

const search = JSON.parse(readFileSync(join(ROOT, 'demo/replay/t1/search-bscc-correspondence.json'), 'utf8'));
const BSCC_QUERY = { filter_organisations: 'biometrics-and-surveillance-camera-commissioner' };
const json = { 'content-type': 'application/json' };

describe('listing guards', () => {
  it('a listing whose total never ends (every page the same) stops on page 2 in one sentence, nothing recorded', async () => {
    const h = await startHarness({ sources: ['bscc-correspondence'], smtp: true });
    try {
      await h.cycle();
      const before = await snapshotOf(h.runtime.store, ['bscc-correspondence']);
      const mark = h.sink!.received.length;
      h.replay.setStep('t1');
      h.replay.override({
        path: '/api/search.json',
        query: BSCC_QUERY,
        body: JSON.stringify({ ...search, total: 100_000 }),
        headers: json,
      });
      h.replay.resetLog();
      const report = await h.cycle();
      const [outcome] = report.outcomes;
      const pages = h.replay.log.filter((r) => r.path === '/api/search.json').length;
      log.record({
        area: 'listing',
        fault: 'a search listing whose total never ends (100,000), every page the same',
        tried: 1,
        expected: 'stops on page 2 in one sentence; nothing stored, nothing sent',
        observed: `${outcome.kind === 'failed' ? outcome.reason : outcome.kind}; ${pages} pages asked for`,
        measured: await quietFigures(h, ['bscc-correspondence'], before, mark, Number(pages !== 2)),
      });
      expect(outcome.kind).toBe('failed');
      expect(outcome.kind === 'failed' && outcome.reason).toBe(
        'Page 2 of the listing of bscc-correspondence brought nothing new but promised more pages; ' +
          'stopped there and recorded nothing.',
      );
      expect(h.replay.log.filter((r) => r.path === '/api/search.json')).toHaveLength(2);
      expect(report.delivery.sent).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('a search that ignored its filter (30 results of other departments) raises no "new letter"', async () => {
    const h = await startHarness({ sources: ['bscc-correspondence'], smtp: true });
    try {
      await h.cycle();
      const before = await snapshotOf(h.runtime.store, ['bscc-correspondence']);
      const mark = h.sink!.received.length;
      const template = search.results[0];
      const others = Array.from({ length: 30 }, (_, i) => ({
        ...template,
        title: `Home Office letter ${i}`,
        link: `/government/publications/home-office-letter-${i}`,
        organisations: [{ slug: 'home-office', title: 'Home Office' }],
        content_store_document_type: i % 2 ? 'correspondence' : 'news_story',
      }));
      h.replay.override({
        path: '/api/search.json',
        query: BSCC_QUERY,
        body: JSON.stringify({ ...search, results: others, total: 30 }),
        headers: json,
      });
      const report = await h.cycle();
      const docs = await h.runtime.store.listDocuments('bscc-correspondence');
      const foreign = docs.filter((d) => d.url.includes('home-office-letter')).length;
      log.record({
        area: 'listing',
        fault: 'a search that ignored its filter: 30 results of another department',
        tried: 1,
        expected: 'the source fails in one sentence; no document recorded, no "new letter" sent',
        observed: report.outcomes[0].kind === 'failed' ? report.outcomes[0].reason : report.outcomes[0].kind,
        measured: await quietFigures(h, ['bscc-correspondence'], before, mark, foreign),
      });
      expect(report.outcomes[0].kind).toBe('failed');
      expect(report.outcomes[0].kind === 'failed' && report.outcomes[0].reason).toMatch(
        /^None of the 30 results GOV.UK search returned for bscc-correspondence match its filter/,
      );
      expect(report.delivery.sent).toEqual([]);
      expect(foreign).toBe(0);
    } finally {
      await h.close();
    }
  });

  it('the same list page served with a wrong charset label (latin1 for UTF-8 bytes) changes nothing', async () => {
    const rows: [string, string][] = [
      ['Société Générale de Sécurité SA', 'Mandatory: corruption'],
      ['Zürich Überwachung GmbH', 'Discretionary: labour-market misconduct'],
    ];
    const h = await startHarness({
      config: (c) => ({ ...c, sources: [sourceDeclarations['html-list'].schema.parse(listSource)] }),
      smtp: true,
    });
    try {
      h.replay.override(listRoute(rows));
      await h.cycle();
      const before = await snapshotOf(h.runtime.store, ['supplier-list']);
      const mark = h.sink!.received.length;
      h.replay.clearOverrides();
      h.replay.override({ ...listRoute(rows), headers: { 'content-type': 'text/html; charset=iso-8859-1' } });
      const report = await h.cycle();
      log.record({
        area: 'listing',
        fault: 'a UTF-8 list page served again with a latin1 charset label',
        tried: 1,
        expected: 'read as the same text: no change, no alert',
        observed: report.outcomes[0].kind,
        measured: await quietFigures(
          h,
          ['supplier-list'],
          before,
          mark,
          Number(report.outcomes[0].kind !== 'unchanged'),
        ),
      });
      expect(report.outcomes[0].kind).toBe('unchanged');
      expect(report.delivery.sent).toEqual([]);
      const head = await h.runtime.store.getDocument('html-list:supplier-list');
      const stored = await h.runtime.store.getVersion(head!.docId, head!.version);
      expect(head!.version).toBe(1);
      expect(stored!.text).toContain('Société Générale de Sécurité SA');
    } finally {
      await h.close();
    }
  });
});
