/**
 * The change log by the letters' own dates and with only known values: letters of 2021–2023 recorded
 * today are found by `dated-since`, a thread reads in the order its letters were written, an unknown
 * source or type is a 400 listing the known ones, and repeated parameters accumulate. The real router
 * over DynamoDB Local.
 */
import { silentLogger } from '../../../lambdas/adapters/log/json-logger';
import { buildCatalog } from '../../../lambdas/core/catalog';
import type { Change } from '../../../lambdas/core/model';
import { newChange } from '../../../lambdas/core/new-change';
import { createRouter } from '../../../lambdas/http/router';
import { freshStore } from '../../support/dynamo';

const TODAY = '2026-03-02T09:00:00.000Z';
const THREAD = 'bscc--hikvision';

/** Recorded in one run today, in an order unlike the letters' own. */
const LETTERS: [string, string, string][] = [
  ['l-2023', 'Letter from the BSCC to Hikvision, 4 September 2023', '2023-09-04'],
  ['l-2021', 'Letter from Hikvision to the BSCC, 10 August 2021', '2021-08-10'],
  ['l-2022', 'Letter from the BSCC to Hikvision, 21 March 2022', '2022-03-21'],
];

function letter([id, title, dated]: [string, string, string], i: number): Change {
  return newChange(
    {
      changeId: id,
      sourceId: 'bscc-correspondence',
      docId: `govuk:/government/publications/${id}`,
      type: 'new-correspondence',
      detectedAt: new Date(Date.parse(TODAY) + i * 1000).toISOString(),
      runId: 'run-1',
      title,
      url: null,
      summary: title,
    },
    { threadId: THREAD, datedAt: dated, publishedAt: `${dated}T10:00:00.000+01:00`, updatedAt: null },
  );
}

let router: ReturnType<typeof createRouter>;

beforeAll(async () => {
  const store = await freshStore('dated');
  for (const [i, l] of LETTERS.entries()) await store.recordChange({ changes: [letter(l, i)], alerts: [] });
  const bill = newChange({
    changeId: 'b-1',
    sourceId: 'procurement-bills',
    docId: null,
    type: 'bill-stage-changed',
    detectedAt: TODAY,
    runId: 'run-1',
    title: 'Procurement Bill: 3rd reading',
    url: null,
    summary: 'Now at 3rd reading.',
  });
  await store.recordChange({ changes: [bill], alerts: [] });
  router = createRouter({
    store,
    settings: { cursorSecret: 'dated-test-secret-0123456789', baseUrl: null, unsubscribeSecret: null },
    assets: null,
    logger: silentLogger,
    catalog: buildCatalog([
      { id: 'bscc-correspondence', name: 'BSCC letters' },
      { id: 'procurement-bills', name: 'Procurement bills' },
    ]),
  });
});

async function get(qs: string) {
  const res = await router({ method: 'GET', path: '/changes', query: new URLSearchParams(qs), headers: {}, body: '' });
  return { status: res.status, body: JSON.parse(res.body) };
}

it("finds the thread's letters since 2022 by their own date, though all were detected today", async () => {
  const byDetection = await get(`thread=${THREAD}&since=2022-01-01&until=2023-12-31`);
  expect(byDetection.body.items).toHaveLength(0);
  const byLetterDate = await get(`thread=${THREAD}&dated-since=2022-01-01`);
  expect(byLetterDate.body.items.map((c: Change) => c.changeId).sort()).toEqual(['l-2022', 'l-2023']);
  expect(byLetterDate.body.items[0]).toEqual(expect.objectContaining({ datedAt: expect.any(String) }));
});

it('orders a thread by the letters’ dates, and pages that order', async () => {
  const first = await get(`thread=${THREAD}&order=dated&limit=2`);
  expect(first.body.items.map((c: Change) => c.datedAt)).toEqual(['2023-09-04', '2022-03-21']);
  const rest = await get(`thread=${THREAD}&order=dated&limit=2&cursor=${encodeURIComponent(first.body.cursor)}`);
  expect(rest.body.items.map((c: Change) => c.datedAt)).toEqual(['2021-08-10']);
  expect(rest.body.cursor).toBeNull();
});

it('answers an unknown source or type with a 400 that lists the known ones', async () => {
  const source = await get('source=bscc');
  expect(source.status).toBe(400);
  expect(source.body.error.message).toMatch(
    /"bscc" is not a known source; known: bscc-correspondence, procurement-bills/,
  );
  const type = await get('type=new-letter');
  expect(type.status).toBe(400);
  expect(type.body.error.message).toMatch(
    /"new-letter" is not a known change type; known: new-correspondence,.*bill-stage-changed/,
  );
  expect((await get('order=sideways')).status).toBe(400);
});

it('accumulates repeated type and source parameters', async () => {
  const both = await get('type=new-correspondence&type=bill-stage-changed');
  expect(both.status).toBe(200);
  expect(both.body.items).toHaveLength(4);
  expect(
    (await get('source=procurement-bills&source=bscc-correspondence&type=bill-stage-changed')).body.items,
  ).toHaveLength(1);
});
