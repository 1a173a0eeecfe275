/**
 * RFC 8058 one-click unsubscribe on the query API, over DynamoDB Local, with the delivery feature's
 * token scheme: GET only asks, POST unsubscribes, a forged token changes nothing.
 */
import { DynamoSubscribers } from '../../../lambdas/adapters/dynamodb/subscriber-store';
import type { DynamoDbStore } from '../../../lambdas/adapters/dynamodb/dynamodb-store';
import { silentLogger } from '../../../lambdas/adapters/log/json-logger';
import { createUnsubscribeToken } from '../../../lambdas/core/unsubscribe-token';
import type { HttpRequest } from '../../../lambdas/http/http-types';
import { queryApiRouter } from '../../../lambdas/http/query-api-composition';
import { freshStore } from '../../support/dynamo';

const SECRET = 'unsubscribe-test-secret-0123456789';
const AT = new Date('2026-03-01T12:00:00Z');
let store: DynamoDbStore;
let route: ReturnType<typeof queryApiRouter>;

function req(method: string, path: string, body = '', headers: Record<string, string> = {}): HttpRequest {
  const [p, qs = ''] = path.split('?');
  return { method, path: p, query: new URLSearchParams(qs), headers: { host: 'localhost', ...headers }, body };
}

async function states() {
  return new DynamoSubscribers(store).listSubscriberStates();
}

beforeAll(async () => {
  store = await freshStore('unsub');
  const settings = { cursorSecret: 'cursor-secret-0123456789', baseUrl: null, unsubscribeSecret: SECRET };
  route = queryApiRouter(
    {
      store,
      subscriberStore: new DynamoSubscribers(store),
      config: {
        alerts: { from: 'a@procwatch.invalid', to: ['team@example.org'], failureThreshold: 3, shrinkRatio: 0.5 },
      },
      clock: { now: () => AT, sleep: async () => undefined },
      logger: silentLogger,
    },
    settings,
    null,
  );
}, 60_000);

it('GET shows a confirmation naming the address and changes nothing', async () => {
  const token = createUnsubscribeToken('Campaigner@Example.org', SECRET);
  const res = await route(req('GET', `/unsubscribe?token=${encodeURIComponent(token)}`));
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/html/);
  expect(res.body).toContain('campaigner@example.org');
  expect(res.body).toContain('<form method="post" action="unsubscribe">');
  expect(await states()).toEqual([]);
});

it('POST with List-Unsubscribe=One-Click unsubscribes, and again is harmless', async () => {
  const token = createUnsubscribeToken('campaigner@example.org', SECRET);
  for (let i = 0; i < 2; i++) {
    const res = await route(
      req('POST', `/unsubscribe?token=${encodeURIComponent(token)}`, 'List-Unsubscribe=One-Click', {
        'content-type': 'application/x-www-form-urlencoded',
      }),
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ unsubscribed: true });
  }
  expect(await states()).toEqual([
    { email: 'campaigner@example.org', unsubscribedAt: AT.toISOString(), suppressedAt: null, suppressedReason: null },
  ]);
});

it('the confirmation form posts the token in its body', async () => {
  const token = createUnsubscribeToken('second@example.org', SECRET);
  const res = await route(
    req('POST', '/unsubscribe', `token=${encodeURIComponent(token)}`, {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
    }),
  );
  expect(res.status).toBe(200);
  expect(res.body).toContain('Unsubscribed');
  expect((await states()).map((s) => s.email).sort()).toEqual(['campaigner@example.org', 'second@example.org']);
});

it('refuses a token signed with another secret, or edited, and changes nothing', async () => {
  const forged = createUnsubscribeToken('victim@example.org', 'someone-elses-secret-0123456789');
  const good = createUnsubscribeToken('victim@example.org', SECRET);
  const edited = good.replace(/^v1\.[^.]+/, `v1.${Buffer.from('other@example.org').toString('base64url')}`);
  for (const token of [forged, edited, 'v1.x.y.z', '']) {
    const res = await route(
      req('POST', `/unsubscribe?token=${encodeURIComponent(token)}`, 'List-Unsubscribe=One-Click'),
    );
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.parameter).toBe('token');
    expect((await route(req('GET', `/unsubscribe?token=${encodeURIComponent(token)}`))).status).toBe(400);
  }
  expect((await states()).map((s) => s.email)).not.toContain('victim@example.org');
});

it('is not served at all without an unsubscribe secret', async () => {
  const bare = queryApiRouter(
    {
      store,
      subscriberStore: new DynamoSubscribers(store),
      config: {
        alerts: { from: 'a@procwatch.invalid', to: ['team@example.org'], failureThreshold: 3, shrinkRatio: 0.5 },
      },
      clock: { now: () => AT, sleep: async () => undefined },
      logger: silentLogger,
    },
    { cursorSecret: 'cursor-secret-0123456789', baseUrl: null, unsubscribeSecret: null },
    null,
  );
  expect((await bare(req('POST', '/unsubscribe?token=x'))).status).toBe(404);
});
