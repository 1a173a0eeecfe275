/** The fetcher against a real local HTTP server: politeness, retries, validators, allowlist. */
import { join } from 'node:path';
import { FetchError } from '../../../lambdas/core/errors';
import { ReplayServer } from '../../../devtools/replay/replay-server';
import { UndiciFetcher } from '../../../lambdas/adapters/http/undici-fetcher';
import type { Clock } from '../../../lambdas/core/ports';

const ROOT = join(__dirname, '..', '..', '..');

describe('UndiciFetcher', () => {
  let server: ReplayServer;
  let fetcher: UndiciFetcher;
  const waits: number[] = [];
  const clock: Clock = { now: () => new Date(), sleep: async (ms) => void waits.push(ms) };

  beforeAll(async () => {
    server = await new ReplayServer(join(ROOT, 'demo/replay')).start('t0');
    fetcher = new UndiciFetcher({
      userAgent: 'procurement-watch/test (+https://example.org; test@example.org)',
      allowedHosts: [server.host],
      allowPrivateHosts: [server.host],
      clock,
      backoffBaseMs: 10,
      timeoutMs: 1000,
    });
  });
  beforeEach(() => {
    server.clearOverrides();
    server.resetLog();
    waits.length = 0;
  });
  afterAll(async () => {
    await fetcher.close();
    await server.stop();
  });

  it('identifies itself with the configured User-Agent', async () => {
    await fetcher.get({
      url: `${server.url}/api/content/government/publications/never-again-the-uks-responsibility-to-act-on-atrocities-in-xinjiang-and-beyond`,
      bucket: 'govuk-content',
    });
    expect(server.log[0].headers['user-agent']).toBe('procurement-watch/test (+https://example.org; test@example.org)');
  });

  it('sends If-None-Match when it holds an ETag and reports 304 as not modified', async () => {
    server.override({ path: '/etag', body: '{"a":1}', etag: true });
    const first = await fetcher.get({ url: `${server.url}/etag`, bucket: 'govuk-content' });
    expect(first.headers.etag).toBeTruthy();
    const second = await fetcher.get(
      { url: `${server.url}/etag`, bucket: 'govuk-content' },
      { etag: first.headers.etag },
    );
    expect(second.notModified).toBe(true);
    expect(server.log[1].headers['if-none-match']).toBe(first.headers.etag);
  });

  it('retries a 503 with backoff and then succeeds', async () => {
    server.override({ path: '/flaky', body: '{"ok":true}', fault: { retryAfter: 0, status: 503 }, faultTimes: 2 });
    const res = await fetcher.get({ url: `${server.url}/flaky`, bucket: 'govuk-content' });
    expect(JSON.parse(res.body)).toEqual({ ok: true });
    expect(server.log).toHaveLength(3);
  });

  it('honours Retry-After on 429', async () => {
    server.override({ path: '/slow-down', body: '{}', fault: { retryAfter: 7 }, faultTimes: 1 });
    await fetcher.get({ url: `${server.url}/slow-down`, bucket: 'govuk-content' });
    expect(waits).toContain(7000);
  });

  it('gives up after its retries with one sentence naming the status', async () => {
    server.override({ path: '/down', status: 500, body: '{}' });
    await expect(fetcher.get({ url: `${server.url}/down`, bucket: 'govuk-content' })).rejects.toThrow(
      /answered HTTP 500/,
    );
    expect(server.log).toHaveLength(4);
  });

  it('refuses a redirect that leaves the allowlist, without following it', async () => {
    server.override({ path: '/away', fault: { redirect: 'https://evil.example.net/steal' } });
    const err = await fetcher.get({ url: `${server.url}/away`, bucket: 'govuk-content' }).catch((e) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect(err.message).toMatch(/evil\.example\.net is not on the allowlist/);
    expect(server.log).toHaveLength(1);
  });

  it('answers 404 and 410 as values, for the use-case to judge', async () => {
    server.override({ path: '/gone', status: 410, body: '{}' });
    expect((await fetcher.get({ url: `${server.url}/gone`, bucket: 'govuk-content' })).status).toBe(410);
  });

  it('spaces requests of one bucket by the configured interval', async () => {
    const frozen = new Date();
    const frozenClock: Clock = { now: () => frozen, sleep: (ms) => clock.sleep(ms) };
    const spaced = new UndiciFetcher({
      userAgent: 'ua',
      allowedHosts: [server.host],
      allowPrivateHosts: [server.host],
      clock: frozenClock,
      intervalsMs: { 'govuk-content': 100 },
    });
    waits.length = 0;
    for (let i = 0; i < 3; i++)
      await spaced.get({
        url: `${server.url}/api/content/government/publications/never-again-the-uks-responsibility-to-act-on-atrocities-in-xinjiang-and-beyond`,
        bucket: 'govuk-content',
      });
    await spaced.close();
    // The frozen test clock does not advance, so each request after the first is told to wait its turn.
    expect(waits).toEqual([100, 200]);
  });

  it.each(['[::ffff:7f00:1]', '[::ffff:127.0.0.1]', '[::7f00:1]', '[64:ff9b::7f00:1]'])(
    'refuses an endpoint written as %s (a spelling of 127.0.0.1) before connecting',
    async (host) => {
      const port = new URL(server.url).port;
      const guarded = new UndiciFetcher({
        userAgent: 'test',
        allowedHosts: [new URL(`http://${host}:${port}`).host],
        clock,
        timeoutMs: 1000,
      });
      try {
        const err = await guarded
          .get({ url: `http://${host}:${port}/api/search.json`, bucket: 'b' })
          .catch((e: Error) => e);
        expect(err).toBeInstanceOf(FetchError);
        expect((err as Error).message).toMatch(/resolves to a private or local address/);
        expect(server.log).toEqual([]);
      } finally {
        await guarded.close();
      }
    },
  );
});
