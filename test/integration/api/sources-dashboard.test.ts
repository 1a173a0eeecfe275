/**
 * The sources dashboard: after a real cycle over the replay server (one source answering 500s), `GET /sources`
 * says per source its status, last check and success, failures in a row, the last error sentence, the next
 * scheduled run and the documents held. DynamoDB Local, the real router.
 */
import { silentLogger } from '../../../lambdas/adapters/log/json-logger';
import { catalogOf } from '../../../lambdas/config-catalog';
import { createRouter } from '../../../lambdas/http/router';
import { BSCC_SOURCES, startHarness, type Harness } from '../../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ sources: BSCC_SOURCES, tablePrefix: 'sources' });
  await h.cycle('t0');
  h.replay.override({ path: '/api/search.json', status: 500, body: '{}' });
  await h.cycle();
});
afterAll(async () => h.close());

it('lists each source with its health, schedule and documents', async () => {
  const router = createRouter({
    store: h.runtime.store,
    settings: { cursorSecret: 'sources-secret-0123456789', baseUrl: null, unsubscribeSecret: null },
    assets: null,
    logger: silentLogger,
    catalog: catalogOf(h.config),
  });
  const res = await router({ method: 'GET', path: '/sources', query: new URLSearchParams(), headers: {}, body: '' });
  expect(res.status).toBe(200);
  const { sources } = JSON.parse(res.body);
  expect(sources.map((s: { sourceId: string }) => s.sourceId)).toEqual(BSCC_SOURCES);
  const [search, publication] = sources;
  expect(search).toEqual(
    expect.objectContaining({
      status: 'failing',
      consecutiveFailures: 1,
      lastError: expect.stringMatching(/HTTP 500/),
      lastCheckAt: expect.any(String),
      lastSuccessAt: expect.any(String),
      schedule: 'cron(0/15 * * * ? *)',
    }),
  );
  expect(search.documents).toBeGreaterThan(0);
  expect(Date.parse(search.nextRunAt)).toBeGreaterThan(Date.now() - 60_000);
  expect(new Date(search.nextRunAt).getUTCMinutes() % 15).toBe(0);
  expect(publication).toEqual(expect.objectContaining({ status: 'ok', consecutiveFailures: 0, lastError: null }));
  expect(publication.documents).toBeGreaterThan(0);
});
