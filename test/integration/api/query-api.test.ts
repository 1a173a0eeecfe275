/**
 * The query API's Lambda handler, called with API Gateway v2 events, over DynamoDB Local holding a
 * change log seeded through `store.recordChange`: every filter, pagination, and every way to ask badly.
 */
import { join } from 'node:path';
import type { Change } from '../../../lambdas/core/model';
import type { ApiGatewayV2Event } from '../../../lambdas/http/api-gateway-event';
import { freshStore, testEndpoint } from '../../support/dynamo';
import { HISTORY_DOC, seedChangeLog } from './seed-change-log';
import { writeRepoLambdaConfig } from '../../support/lambda-config';

const ROOT = join(__dirname, '..', '..', '..');
let handler: (
  event: ApiGatewayV2Event,
) => Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;
let seeded: Change[];

function event(method: string, pathAndQuery: string): ApiGatewayV2Event {
  const [rawPath, rawQueryString = ''] = pathAndQuery.split('?');
  return {
    rawPath,
    rawQueryString,
    headers: { host: 'api.example.test' },
    requestContext: { http: { method }, domainName: 'api.example.test' },
  };
}

async function get(pathAndQuery: string) {
  const res = await handler(event('GET', pathAndQuery));
  return { status: res.statusCode, headers: res.headers, body: JSON.parse(res.body) };
}

async function ids(pathAndQuery: string): Promise<string[]> {
  const res = await get(pathAndQuery);
  expect(res.status).toBe(200);
  return res.body.items.map((c: Change) => c.changeId);
}

const expected = (pred: (c: Change) => boolean) => seeded.filter(pred).map((c) => c.changeId);

beforeAll(async () => {
  const store = await freshStore('api');
  seeded = await seedChangeLog(store);
  Object.assign(process.env, {
    PROCWATCH_CONFIG_PATH: writeRepoLambdaConfig(),
    PROCWATCH_DYNAMO_ENDPOINT: testEndpoint(),
    PROCWATCH_TABLE: store.tableName,
    PROCWATCH_CURSOR_SECRET: 'test-cursor-secret-of-enough-length',
    PROCWATCH_WEB_DIR: join(ROOT, 'web'),
    AWS_REGION: 'eu-west-2',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  ({ handler } = await import('../../../lambdas/handlers/query-api'));
}, 60_000);

afterAll(async () => {
  const { closeHandlerRuntime } = await import('../../../lambdas/handlers/handler-runtime');
  await closeHandlerRuntime();
});

describe('GET /changes filters', () => {
  it('lists the whole log newest first', async () => {
    expect(await ids('/changes?limit=100')).toEqual(seeded.map((c) => c.changeId));
  });

  it.each([
    ['source', 'source=never-again-publication', (c: Change) => c.sourceId === 'never-again-publication'],
    ['type', 'type=new-document', (c: Change) => c.type === 'new-document'],
    ['thread', 'thread=bscc--hikvision', (c: Change) => c.threadId === 'bscc--hikvision'],
    [
      'document',
      `document=${encodeURIComponent('legislation:/uksi/2026/105')}`,
      (c: Change) => c.docId === 'legislation:/uksi/2026/105',
    ],
    ['keyword in a title', 'q=Dahua', (c: Change) => c.title.includes('Dahua')],
    [
      'several keywords, all of which must appear',
      'q=commissioner%20HIKVISION%20response',
      (c: Change) => /commissioner/i.test(c.title) && /hikvision/i.test(c.title) && /response/i.test(c.title),
    ],
    [
      'keyword in matched terms',
      'q=surveillance%20equipment',
      (c: Change) => c.keywords.some((k) => k.term === 'surveillance equipment'),
    ],
    ['since', 'since=2026-01-06T00:00:00Z', (c: Change) => c.detectedAt >= '2026-01-06T00:00:00.000Z'],
    ['until (a whole day)', 'until=2026-01-02', (c: Change) => c.detectedAt < '2026-01-03'],
    [
      'a time range',
      'since=2026-01-03&until=2026-01-04',
      (c: Change) => c.detectedAt >= '2026-01-03' && c.detectedAt < '2026-01-05',
    ],
    [
      'source and type together',
      'source=procurement-act-2023&type=document-withdrawn',
      (c: Change) => c.type === 'document-withdrawn',
    ],
    [
      'thread and keyword together',
      'thread=bscc--hikvision&q=hikvision',
      (c: Change) => c.threadId === 'bscc--hikvision' && /hikvision/i.test(c.title),
    ],
  ])('filters by %s', async (_name, qs, pred) => {
    const want = expected(pred);
    expect(want.length).toBeGreaterThan(0);
    expect(want.length).toBeLessThan(seeded.length);
    expect(await ids(`/changes?limit=100&${qs}`)).toEqual(want);
  });

  it('answers an empty page for a filter nothing matches', async () => {
    const res = await get('/changes?thread=nobody--nowhere');
    expect(res.body).toEqual(expect.objectContaining({ items: [], cursor: null, next: null }));
  });

  it('leaves diffs out of the list and links every item', async () => {
    const res = await get('/changes?source=never-again-publication&limit=1');
    expect(res.body.items[0].diff).toBeUndefined();
    expect(res.body.items[0].links.self).toBe(`/changes/${res.body.items[0].changeId}`);
  });
});

describe('pagination', () => {
  it.each([
    ['the whole log', '', 7],
    ['a source', 'source=bscc-correspondence&', 3],
    ['a keyword', 'q=hikvision&', 2],
  ])('walks %s page by page without gaps or repeats', async (_name, filter, size) => {
    const all = await ids(`/changes?${filter}limit=100`);
    const walked: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(`/changes?${filter}limit=${size}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(size);
      walked.push(...res.body.items.map((c: Change) => c.changeId));
      cursor = res.body.cursor;
      if (cursor) expect(res.body.next).toContain(`cursor=${encodeURIComponent(cursor)}`);
      pages++;
    } while (cursor && pages < 50);
    expect(walked).toEqual(all);
    expect(new Set(walked).size).toBe(walked.length);
    expect(pages).toBe(Math.ceil(all.length / size));
  });

  it('refuses a tampered cursor with a 400 naming it', async () => {
    const first = await get('/changes?limit=5');
    const cursor: string = first.body.cursor;
    const [body, mac] = cursor.split('.');
    const forgedKey = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), gsi1sk: '2099' }),
    ).toString('base64url');
    for (const bad of [`${forgedKey}.${mac}`, `${body}.${mac.slice(0, -2)}AA`, body, 'not-a-cursor', `${body}.`]) {
      const res = await get(`/changes?limit=5&cursor=${encodeURIComponent(bad)}`);
      expect(res.status).toBe(400);
      expect(res.body.error.parameter).toBe('cursor');
    }
  });

  it('refuses a cursor replayed under another filter', async () => {
    const first = await get('/changes?limit=5');
    const res = await get(
      `/changes?limit=5&source=bscc-correspondence&cursor=${encodeURIComponent(first.body.cursor)}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.parameter).toBe('cursor');
  });
});

describe('bad requests', () => {
  it.each([
    ['limit=abc', 'limit'],
    ['limit=0', 'limit'],
    ['limit=-3', 'limit'],
    ['since=yesterday', 'since'],
    ['until=2026-13-45', 'until'],
    ['since=2026-02-01&until=2026-01-01', 'until'],
    ['type=DROP%20TABLE', 'type'],
    ['source=a%20b', 'source'],
    ['thread=%3Cscript%3E', 'thread'],
    ['q=a', 'q'],
    ['colour=red', 'colour'],
    ['source=a&source=b', 'source'],
  ])('%s is a 400 naming %s, with no stack trace', async (qs, parameter) => {
    const res = await handler(event('GET', `/changes?${qs}`));
    expect(res.statusCode).toBe(400);
    const body = JSON.parse(res.body);
    expect(body.error).toEqual(expect.objectContaining({ code: 'invalid-parameter', parameter }));
    expect(res.body).not.toMatch(/\n\s+at |\.ts:\d+|DynamoDB/);
  });

  it('caps a large limit instead of refusing it', async () => {
    expect(await ids('/changes?limit=100000')).toHaveLength(seeded.length);
  });

  it('answers 404 for unknown paths and 405 for wrong methods', async () => {
    expect((await get('/nothing-here')).status).toBe(404);
    const res = await handler(event('POST', '/changes'));
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('GET');
  });
});

describe('GET /changes/{id}', () => {
  it('returns one change with its diff and links', async () => {
    const changed = seeded.find((c) => c.type === 'document-changed')!;
    const res = await get(`/changes/${changed.changeId}`);
    expect(res.status).toBe(200);
    expect(res.body.change).toEqual(changed);
    expect(res.body.links).toEqual({
      // No public URL is configured: links are relative, and the request's Host never enters them.
      self: `/changes/${changed.changeId}`,
      page: `/?change=${changed.changeId}`,
      source: changed.url,
      document: `/documents/${encodeURIComponent(changed.docId!)}/history`,
      thread: null,
    });
  });

  it('links a letter to its thread', async () => {
    const letter = seeded.find((c) => c.threadId === 'bscc--hikvision')!;
    expect((await get(`/changes/${letter.changeId}`)).body.links.thread).toBe('/changes?thread=bscc--hikvision');
  });

  it('answers 404 for an unknown id', async () => {
    const res = await get('/changes/no-such-change');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not-found');
  });
});

describe('GET /documents/{id}/history', () => {
  it('lists every version, with texts only when asked', async () => {
    const res = await get(`/documents/${encodeURIComponent(HISTORY_DOC)}/history`);
    expect(res.status).toBe(200);
    expect(res.body.document.version).toBe(2);
    expect(res.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(res.body.versions[0].text).toBeUndefined();
    const withText = await get(`/documents/${encodeURIComponent(HISTORY_DOC)}/history?include=text`);
    expect(withText.body.versions[1].text).toContain('linked to human rights abuses');
  });

  it('answers 404 for an unknown document and 400 for a bad include', async () => {
    expect((await get(`/documents/${encodeURIComponent('govuk:/nothing')}/history`)).status).toBe(404);
    const bad = await get(`/documents/${encodeURIComponent(HISTORY_DOC)}/history?include=everything`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.parameter).toBe('include');
  });
});
