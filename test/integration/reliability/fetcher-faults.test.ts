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
    expect(res?.status).toBe(200);
    expect(JSON.parse(res!.body).results.length).toBeGreaterThan(0);
    expect(requests).toBe(3);
    log.record({
      area: 'fetch',
      fault: `HTTP ${status} on 2 of 3 attempts`,
      tried: requests,
      expected: 'retried with backoff, then the answer',
      observed: `answered after ${requests} requests`,
      dataLost: 0,
      falseAlerts: 0,
    });
  });

  it('HTTP 503 on every attempt: a FetchError after the last retry, not an answer', async () => {
    const { res, err, requests } = await attempt({ status: 503 });
    expect(res).toBeNull();
    expect(err!.message).toMatch(/HTTP 503/);
    expect(requests).toBe(3);
    log.record({
      area: 'fetch',
      fault: 'HTTP 503 on every attempt',
      tried: requests,
      expected: 'FetchError after maxRetries',
      observed: scrub(err!.message),
      dataLost: 0,
      falseAlerts: 0,
    });
  });

  it('429 with Retry-After: waits as asked, then retries', async () => {
    const { res, requests } = await attempt({ retryAfter: 7 }, 1);
    expect(res?.status).toBe(200);
    expect(clock.waits).toEqual([7000]);
    expect(requests).toBe(2);
    log.record({
      area: 'fetch',
      fault: '429 with Retry-After: 7',
      tried: requests,
      expected: 'waits 7 s, retries once',
      observed: `waited ${clock.waits[0] / 1000} s, answered on request ${requests}`,
      dataLost: 0,
      falseAlerts: 0,
    });
  });

  it('429 with a Retry-After longer than allowed: gives up at once instead of waiting an hour', async () => {
    const { err, requests } = await attempt({ retryAfter: 3600 });
    expect(err!.message).toMatch(/asked to wait 3600 s/);
    expect(clock.waits).toEqual([]);
    expect(requests).toBe(1);
    log.record({
      area: 'fetch',
      fault: '429 with Retry-After: 3600',
      tried: requests,
      expected: 'not waited for; source reported failing',
      observed: 'FetchError, no wait, no retry',
      dataLost: 0,
      falseAlerts: 0,
    });
  });

  it('connection reset, then success: retried', async () => {
    const { res, requests } = await attempt('reset', 1);
    expect(res?.status).toBe(200);
    expect(requests).toBe(2);
    const always = await attempt('reset');
    expect(always.err!.message).toMatch(/connection reset|socket|closed/i);
    log.record({
      area: 'fetch',
      fault: 'connection reset',
      tried: requests + always.requests,
      expected: 'retried; FetchError when it persists',
      observed: `recovered after 1 reset; persistent: "${scrub(always.err!.message)}"`,
      dataLost: 0,
      falseAlerts: 0,
    });
  });

  it.each(['slow-body', 'hang'] as const)(
    '%s: the timeout fires, the request is retried, then a FetchError',
    async (fault) => {
      const { err, requests } = await attempt(fault);
      expect(err!.message).toMatch(/timed out/);
      expect(requests).toBe(3);
      log.record({
        area: 'fetch',
        fault: fault === 'hang' ? 'server never answers' : 'body starts, never finishes',
        tried: requests,
        expected: 'timeout, retries, FetchError',
        observed: scrub(err!.message),
        dataLost: 0,
        falseAlerts: 0,
      });
    },
  );

  it('a 50 MB body is refused at the size limit, without retrying', async () => {
    const { err, requests } = await attempt('huge-body', undefined, makeFetcher({ timeoutMs: 10_000 }));
    expect(err!.message).toMatch(/larger than 20 MB/);
    expect(err!.transient).toBe(false);
    expect(requests).toBe(1);
    log.record({
      area: 'fetch',
      fault: '50 MB body',
      tried: requests,
      expected: 'refused past 20 MB, not retried',
      observed: scrub(err!.message),
      dataLost: 0,
      falseAlerts: 0,
    });
  });

  it('a gzip bomb (small body, 64 MB inflated) is refused at the decompression limit', async () => {
    const { err, requests } = await attempt('gzip-bomb', undefined, makeFetcher({ timeoutMs: 10_000 }));
    expect(err!.message).toMatch(/expands past 20 MB/);
    expect(requests).toBe(1);
    log.record({
      area: 'fetch',
      fault: 'gzip bomb (64 MB inflated)',
      tried: requests,
      expected: 'refused at the decompression limit',
      observed: scrub(err!.message),
      dataLost: 0,
      falseAlerts: 0,
    });
  });

  it('invalid UTF-8 is decoded with replacement characters, never thrown', async () => {
    const { res } = await attempt('invalid-utf8');
    expect(res!.body).toContain('\ufffd');
    expect(res!.body).toContain('"results"');
    log.record({
      area: 'fetch',
      fault: 'invalid UTF-8 bytes in a UTF-8 body',
      tried: 1,
      expected: 'decoded with U+FFFD; the parser decides',
      observed: 'decoded with U+FFFD',
      dataLost: 0,
      falseAlerts: 0,
    });
  });

  it('a wrong or unknown declared charset on JSON is ignored: JSON is UTF-8, so the text never changes with the label', async () => {
    const plain = await attempt(undefined);
    const latin = await attempt({ charset: 'iso-8859-1' });
    expect(latin.res!.body).toBe(plain.res!.body);
    const bogus = await attempt({ charset: 'x-no-such-charset' });
    expect(bogus.res!.body).toBe(plain.res!.body);
    log.record({
      area: 'fetch',
      fault: 'wrong / unknown declared charset',
      tried: 2,
      expected: 'decoded, never thrown, same text',
      observed: 'JSON read as UTF-8 whatever the label: identical text',
      dataLost: 0,
      falseAlerts: 0,
    });
  });

  it('a redirect loop is stopped and not retried', async () => {
    const { err, requests } = await attempt('redirect-loop');
    expect(err!.message).toMatch(/Redirect loop|redirects/);
    expect(requests).toBeLessThanOrEqual(6);
    log.record({
      area: 'fetch',
      fault: 'redirect loop',
      tried: requests,
      expected: 'stopped, FetchError, no retry',
      observed: scrub(err!.message).replace(/\?loop=1/, ''),
      dataLost: 0,
      falseAlerts: 0,
    });
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
  it.each(outside)('a redirect to %s is refused before any request to it', async (target) => {
    const { err, requests } = await attempt({ redirect: target });
    expect(err!.message).toMatch(/Refused/);
    expect(requests).toBe(1);
  });

  it('records the refused redirects', () => {
    log.record({
      area: 'ssrf',
      fault:
        'redirect to a host outside the allowlist (example.org, localhost, 127.0.0.1, 169.254.169.254, [::1], file:, javascript:)',
      tried: outside.length,
      expected: 'refused at the hop, no request sent',
      observed: `${outside.length} of ${outside.length} refused before connecting`,
      dataLost: 0,
      falseAlerts: 0,
    });
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
    for (const host of Object.keys(targets)) {
      const { err, requests } = await attempt({ redirect: `http://${host}:${port}/f` }, undefined, f);
      expect(err!.message).toMatch(/resolves to a private or local address/);
      expect(requests).toBe(1);
    }
    log.record({
      area: 'ssrf',
      fault: 'redirect to an allowlisted DNS name resolving to 127.0.0.1, ::1, 169.254.169.254, 10.0.0.5',
      tried: Object.keys(targets).length,
      expected: 'refused on the resolved address',
      observed: 'all refused before connecting',
      dataLost: 0,
      falseAlerts: 0,
    });
  });

  it('DNS rebinding: a name that resolves public when checked and private when connecting is refused at connect time', async () => {
    const port = new URL(replay.url).port;
    let calls = 0;
    // First answer passes the check; every later one points at this machine.
    const resolver: Resolver = async () => (calls++ === 0 ? ['93.184.216.34'] : ['127.0.0.1']);
    const f = makeFetcher({ allowedHosts: [`rebind.test:${port}`], allowPrivateHosts: [], resolver, maxRetries: 0 });
    replay.resetLog();
    const err = await f.get({ url: `http://rebind.test:${port}/f`, bucket: 'test' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect((err as FetchError).message).toMatch(/private or local address/);
    expect(replay.log).toHaveLength(0);
    log.record({
      area: 'ssrf',
      fault: 'DNS rebinding (public at check, 127.0.0.1 at connect)',
      tried: 1,
      expected: 'refused when the socket connects',
      observed: 'refused, no request reached the server',
      dataLost: 0,
      falseAlerts: 0,
    });
  });
});
