/**
 * The README's two-step replay flow, and any endpoint change: documents recorded through one
 * endpoint are confirmed through the next. Stored detail locators are relative to the site
 * (`govuk:/api/content/…`) and resolved against the endpoints of the run that reads them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allSitesAt } from '../../../lambdas/config';
import { ReplayServer } from '../../../devtools/replay/replay-server';
import { silentLogger } from '../../../lambdas/adapters/log/json-logger';
import { openRuntime } from '../../../lambdas/composition';
import { cycleInput } from '../../../lambdas/cycle-input';
import { sourceKinds } from '../../../lambdas/sources';
import { watchOnce } from '../../../lambdas/core/watch-once';
import { testEndpoint } from '../../support/dynamo';
import { BSCC_SOURCES, instantClock, ROOT, startHarness, T1_ALERTS } from '../../support/harness';

const DAHUA =
  '/government/publications/letter-from-the-biometrics-and-surveillance-camera-commissioner-to-dahua-technology';

describe('endpoints that move between runs', () => {
  it('a second replay server on another port: a document that left the listing is confirmed gone through it', async () => {
    const h = await startHarness({ sources: BSCC_SOURCES });
    const second = await new ReplayServer(join(ROOT, 'demo/replay')).start('t1');
    try {
      await h.cycle();
      const stored = await h.runtime.store.listDocuments('bscc-correspondence');
      expect(stored.every((d) => !d.detailUrl || d.detailUrl.startsWith('govuk:/api/content/'))).toBe(true);
      await h.replay.stop();
      // At the new address the Dahua letter is no longer listed and its page is gone.
      const search = JSON.parse(readFileSync(join(ROOT, 'demo/replay/t1/search-bscc-correspondence.json'), 'utf8'));
      const results = search.results.filter((r: { link: string }) => !r.link.includes('dahua'));
      second.override(
        {
          path: '/api/search.json',
          query: { filter_organisations: 'biometrics-and-surveillance-camera-commissioner' },
          body: JSON.stringify({ ...search, results, total: results.length }),
          headers: { 'content-type': 'application/json' },
        },
        { path: `/api/content${DAHUA}`, status: 410, body: '{}' },
      );
      const config = { ...h.config, endpoints: allSitesAt(second.url, h.config.endpoints) };
      const rt = await openRuntime(config, {
        root: ROOT,
        dynamoEndpoint: testEndpoint(),
        allowPrivateHosts: [second.host],
        clock: instantClock,
        logger: silentLogger,
        mailer: h.runtime.mailer,
        fetcher: { timeoutMs: 2000, backoffBaseMs: 1 },
      });
      try {
        const report = await watchOnce(rt, cycleInput(config, rt, { kinds: sourceKinds }));
        expect(report.outcomes.map((o) => o.kind)).toEqual(['updated', 'updated']);
        // What t1 raises, and the Dahua letter's publication withdrawn too.
        expect(report.delivery.sent.map((a) => a.type).sort()).toEqual([...T1_ALERTS, 'document-withdrawn'].sort());
        // The Dahua letter left the listing and was confirmed gone through the new endpoint.
        expect(second.log.some((r) => r.path === `/api/content${DAHUA}`)).toBe(true);
        expect((await rt.store.getDocument(`govuk:${DAHUA}`))?.status).toBe('withdrawn');
      } finally {
        await rt.close();
      }
    } finally {
      await second.stop();
      await h.close();
    }
  });
});
