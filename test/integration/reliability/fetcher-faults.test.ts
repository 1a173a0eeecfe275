/**
 * Faults of the network and of the servers, against the real undici fetcher and a real local
 * replay server: retries, timeouts, size and decompression limits, character sets, and the
 * allowlist on every redirect hop and on the address a name resolves to (SSRF).
 */
import { join } from 'node:path';
import { FetchError } from '../../../lambdas/core/errors';
import type { Clock } from '../../../lambdas/core/ports';
import { ReplayServer, type Fault } from '../../../lambdas/adapters/replay/replay-server';
import { UndiciFetcher, type FetcherOptions } from '../../../lambdas/adapters/http/undici-fetcher';
import type { Resolver } from '../../../lambdas/adapters/http/address-guard';
import { ReliabilityLog } from './reliability-report';

const REPLAY = join(__dirname, '..', '..', '..', 'demo', 'replay');
const LISTING = 't0/search-bscc-correspondence.json';
const log = new ReliabilityLog('10-fetcher-faults');
const FETCHER_ALONE = 'stored items, alerts, emails: the fetcher alone, nothing is stored or mailed';

/** One row of the fetcher's table: `offContract` counts the tries whose outcome was not the expected one. */
function row(area: string, fault: string, tried: number, expected: string, observed: string, offContract: number) {
  log.record({ area, fault, tried, expected, observed, measured: { offContract }, unmeasured: FETCHER_ALONE });
}

/** Records the waits the fetcher asks for, and waits for none of them. */
function recordingClock(): Clock & { waits: number[] } {
  const waits: number[] = [];
  return { waits, now: () => new Date(), sleep: async (ms) => void waits.push(ms) };
}

describe('fetcher against a faulty server', () => {
  let replay: ReplayServer;
  let fetcher: UndiciFetcher;
  let clock: ReturnType<typeof recordingClock>;
  const fetchers: UndiciFetcher[] = [];

  function makeFetcher(extra: Partial<FetcherOptions> = {}): UndiciFetcher {
    const f = new UndiciFetcher({
      userAgent: 'procwatch-reliability-test',
      allowedHosts: [replay.host],
      allowPrivateHosts: [replay.host],
      clock,
      timeoutMs: 300,
      maxRetries: 2,
      backoffBaseMs: 1,
      maxBodyBytes: 20 * 1024 * 1024,
      intervalsMs: { test: 0 },
      ...extra,
    });
    fetchers.push(f);
    return f;
  }

  /** Serves `/f` with the fault; returns what the fetcher did and how many requests the server saw. */
  async function attempt(fault: Fault | undefined, faultTimes?: number, f: UndiciFetcher = fetcher) {
    replay.clearOverrides();
    replay.resetLog();
    replay.override({ path: '/f', file: LISTING, fault, faultTimes });
    clock.waits.length = 0;
    try {
      const res = await f.get({ url: `${replay.url}/f`, bucket: 'test' });
      return { res, err: null as FetchError | null, requests: replay.log.length };
    } catch (err) {
      if (!(err instanceof FetchError)) throw err;
      return { res: null, err, requests: replay.log.length };
    }
  }

  /** Messages without the replay server's port, so the generated table does not change between runs. */
  const scrub = (m: string) => m.split(replay.url).join('').split(replay.host).join('replay');

  beforeAll(async () => {
    replay = await new ReplayServer(REPLAY).start();
    clock = recordingClock();
    fetcher = makeFetcher();
  });
  afterAll(async () => {
    for (const f of fetchers) await f.close();
    await replay.stop();
    log.flush();
  });

  it.each([500, 502, 503])('HTTP %i twice, then success: retried and answered', async (status) => {
    const { res, requests } = await attempt({ status }, 2);
    const answered = res?.status === 200 && JSON.parse(res.body).results.length > 0;
    const observed = answered ? `answered after ${requests} requests` : `no answer after ${requests} requests`;
    row(
      'fetch',
      `HTTP ${status} on 2 of 3 attempts`,
      1,
      'retried with backoff, then the answer',
      observed,
      Number(!answered || requests !== 3),
    );
    expect(answered).toBe(true);
    expect(requests).toBe(3);
  });

  it('HTTP 503 on every attempt: a FetchError after the last retry, not an answer', async () => {
    const { res, err, requests } = await attempt({ status: 503 });
    const ok = res === null && /HTTP 503/.test(err?.message ?? '') && requests === 3;
    row(
      'fetch',
      'HTTP 503 on every attempt',
      1,
      'FetchError after 3 requests',
      `${scrub(err?.message ?? 'answered')} (${requests} requests)`,
      Number(!ok),
    );
    expect(res).toBeNull();
    expect(err!.message).toMatch(/HTTP 503/);
    expect(requests).toBe(3);
  });

  it('429 with Retry-After: waits as asked, then retries', async () => {
    const { res, requests } = await attempt({ retryAfter: 7 }, 1);
    const waited = clock.waits.map((w) => `${w / 1000} s`).join(', ') || 'nothing';
    const ok = res?.status === 200 && clock.waits.join() === '7000' && requests === 2;
    row(
      'fetch',
      '429 with Retry-After: 7',
      1,
      'waits 7 s, retries once',
      `waited ${waited}, ${res ? `answered on request ${requests}` : 'no answer'}`,
      Number(!ok),
    );
    expect(res?.status).toBe(200);
    expect(clock.waits).toEqual([7000]);
    expect(requests).toBe(2);
  });

  it('429 with a Retry-After longer than allowed: gives up at once instead of waiting an hour', async () => {
    const { err, requests } = await attempt({ retryAfter: 3600 });
    const ok = /asked to wait 3600 s/.test(err?.message ?? '') && clock.waits.length === 0 && requests === 1;
    row(
      'fetch',
      '429 with Retry-After: 3600',
      1,
      'not waited for; a FetchError at once',
      `${err ? 'FetchError' : 'an answer'}, ${clock.waits.length} waits, ${requests} requests`,
      Number(!ok),
    );
    expect(err!.message).toMatch(/asked to wait 3600 s/);
    expect(clock.waits).toEqual([]);
    expect(requests).toBe(1);
  });

  it('connection reset, then success: retried', async () => {
    const { res, requests } = await attempt('reset', 1);
    const always = await attempt('reset');
    const persistent = always.err?.message ?? 'answered';
    const off =
      Number(res?.status !== 200 || requests !== 2) + Number(!/connection reset|socket|closed/i.test(persistent));
    row(
      'fetch',
      'connection reset once, then on every attempt',
      2,
      'retried; FetchError when it persists',
      `${res ? `recovered on request ${requests}` : 'not recovered'}; persistent: "${scrub(persistent)}"`,
      off,
    );
    expect(res?.status).toBe(200);
    expect(requests).toBe(2);
    expect(always.err!.message).toMatch(/connection reset|socket|closed/i);
  });

  it.each(['slow-body', 'hang'] as const)(
    '%s: the timeout fires, the request is retried, then a FetchError',
    async (fault) => {
      const { err, requests } = await attempt(fault);
      const ok = /timed out/.test(err?.message ?? '') && requests === 3;
      const what = fault === 'hang' ? 'server never answers' : 'body starts, never finishes';
      row(
        'fetch',
        what,
        1,
        'timeout, retried, FetchError after 3 requests',
        `${scrub(err?.message ?? 'answered')} (${requests} requests)`,
        Number(!ok),
      );
      expect(err!.message).toMatch(/timed out/);
      expect(requests).toBe(3);
    },
  );

  it('a 50 MB body is refused at the size limit, without retrying', async () => {
    const { err, requests } = await attempt('huge-body', undefined, makeFetcher({ timeoutMs: 10_000 }));
    const ok = /larger than 20 MB/.test(err?.message ?? '') && err?.transient === false && requests === 1;
    row(
      'fetch',
      '50 MB body',
      1,
      'refused past 20 MB, not retried',
      `${scrub(err?.message ?? 'answered')} (${requests} requests)`,
      Number(!ok),
    );
    expect(err!.message).toMatch(/larger than 20 MB/);
    expect(err!.transient).toBe(false);
    expect(requests).toBe(1);
  });

  it('a gzip bomb (small body, 64 MB inflated) is refused at the decompression limit', async () => {
    const { err, requests } = await attempt('gzip-bomb', undefined, makeFetcher({ timeoutMs: 10_000 }));
    const ok = /expands past 20 MB/.test(err?.message ?? '') && requests === 1;
    row(
      'fetch',
      'gzip bomb (64 MB inflated)',
      1,
      'refused at the decompression limit, not retried',
      `${scrub(err?.message ?? 'answered')} (${requests} requests)`,
      Number(!ok),
    );
    expect(err!.message).toMatch(/expands past 20 MB/);
    expect(requests).toBe(1);
  });

  it('invalid UTF-8 is decoded with replacement characters, never thrown', async () => {
    const { res, err } = await attempt('invalid-utf8');
    const replaced = (res?.body.match(/\ufffd/g) ?? []).length;
    const ok = replaced > 0 && Boolean(res?.body.includes('"results"'));
    row(
      'fetch',
      'invalid UTF-8 bytes in a UTF-8 body',
      1,
      'decoded with U+FFFD; the parser decides',
      res ? `decoded, ${replaced} U+FFFD` : `thrown: ${err?.message}`,
      Number(!ok),
    );
    expect(res!.body).toContain('\ufffd');
    expect(res!.body).toContain('"results"');
  });

  it('a wrong or unknown declared charset on JSON is ignored: JSON is UTF-8, so the text never changes with the label', async () => {
    const plain = await attempt(undefined);
    const latin = await attempt({ charset: 'iso-8859-1' });
    const bogus = await attempt({ charset: 'x-no-such-charset' });
    const same = [latin, bogus].filter((a) => a.res !== null && a.res.body === plain.res!.body).length;
    row(
      'fetch',
      'wrong / unknown declared charset on JSON',
      2,
      'decoded as UTF-8, never thrown, same text',
      `${same} of 2 identical to the plain answer`,
      2 - same,
    );
    expect(latin.res!.body).toBe(plain.res!.body);
    expect(bogus.res!.body).toBe(plain.res!.body);
  });

  it('a redirect loop is stopped and not retried', async () => {
    const { err, requests } = await attempt('redirect-loop');
    const ok = /Redirect loop|redirects/.test(err?.message ?? '') && requests <= 6;
    row(
      'fetch',
      'redirect loop',
      1,
      'stopped, FetchError, no retry',
      `${scrub(err?.message ?? 'answered').replace(/\?loop=1/, '')} (${requests} requests)`,
      Number(!ok),
    );
    expect(err!.message).toMatch(/Redirect loop|redirects/);
    expect(requests).toBeLessThanOrEqual(6);
  });

  const outside = [
    'https://example.org/x',
    'http://localhost/admin',
    'http://127.0.0.1:1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]:8080/',
    'file:///etc/passwd',
    'javascript:alert(1)',
  ];
  it('a redirect to any of them is refused before any request to it', async () => {
    const refused: string[] = [];
    for (const target of outside) {
      const { err, requests } = await attempt({ redirect: target });
      if (/Refused/.test(err?.message ?? '') && requests === 1) refused.push(target);
    }
    row(
      'ssrf',
      'redirect to a host outside the allowlist (example.org, localhost, 127.0.0.1, 169.254.169.254, [::1], file:, javascript:)',
      outside.length,
      'refused at the hop, no request sent to it',
      `${refused.length} of ${outside.length} refused before connecting`,
      outside.length - refused.length,
    );
    expect(refused).toEqual(outside);
  });

  it('a redirect to an allowlisted name that resolves to a private address is refused', async () => {
    const port = new URL(replay.url).port;
    const targets: Record<string, string[]> = {
      'evil.test': ['127.0.0.1'],
      'evil6.test': ['::1'],
      'metadata.test': ['169.254.169.254'],
      'mixed.test': ['93.184.216.34', '10.0.0.5'],
    };
    const resolver: Resolver = async (host) => targets[host] ?? ['93.184.216.34'];
    const f = makeFetcher({
      allowedHosts: [replay.host, ...Object.keys(targets).map((h) => `${h}:${port}`)],
      resolver,
    });
    const refused: string[] = [];
    for (const host of Object.keys(targets)) {
      const { err, requests } = await attempt({ redirect: `http://${host}:${port}/f` }, undefined, f);
      if (/resolves to a private or local address/.test(err?.message ?? '') && requests === 1) refused.push(host);
    }
    const tried = Object.keys(targets).length;
    row(
      'ssrf',
      'redirect to an allowlisted DNS name resolving to 127.0.0.1, ::1, 169.254.169.254, 10.0.0.5',
      tried,
      'refused on the resolved address',
      `${refused.length} of ${tried} refused before connecting`,
      tried - refused.length,
    );
    expect(refused).toEqual(Object.keys(targets));
  });

  it('DNS rebinding: a name that resolves public when checked and private when connecting is refused at connect time', async () => {
    const port = new URL(replay.url).port;
    let calls = 0;
    // First answer passes the check; every later one points at this machine.
    const resolver: Resolver = async () => (calls++ === 0 ? ['93.184.216.34'] : ['127.0.0.1']);
    const f = makeFetcher({ allowedHosts: [`rebind.test:${port}`], allowPrivateHosts: [], resolver, maxRetries: 0 });
    replay.resetLog();
    const err = await f.get({ url: `http://rebind.test:${port}/f`, bucket: 'test' }).catch((e: unknown) => e);
    const refused = err instanceof FetchError && /private or local address/.test(err.message);
    row(
      'ssrf',
      'DNS rebinding (public at check, 127.0.0.1 at connect)',
      1,
      'refused when the socket connects, no request reaches the server',
      `${refused ? 'refused' : 'not refused'}; ${replay.log.length} requests reached the server`,
      Number(!refused) + replay.log.length,
    );
    expect(err).toBeInstanceOf(FetchError);
    expect((err as FetchError).message).toMatch(/private or local address/);
    expect(replay.log).toHaveLength(0);
  });
});
