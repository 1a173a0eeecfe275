/**
 * Faults of the network and of the servers, against the real undici fetcher and a real local
 * replay server: retries, timeouts, size and decompression limits, character sets.
 */
import { ReliabilityLog } from './reliability-report';
import { fetcherRows, startFetcherRig, type FetcherRig } from './fetcher-rig';

const log = new ReliabilityLog('10-fetcher-faults');
const row = fetcherRows(log);

describe('fetcher against a faulty server', () => {
  let rig: FetcherRig;
  const attempt = (...args: Parameters<FetcherRig['attempt']>) => rig.attempt(...args);
  const scrub = (m: string) => rig.scrub(m);
  beforeAll(async () => {
    rig = await startFetcherRig();
  });
  afterAll(async () => {
    await rig.close();
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
    const waited = rig.waits.map((w) => `${w / 1000} s`).join(', ') || 'nothing';
    const ok = res?.status === 200 && rig.waits.join() === '7000' && requests === 2;
    row(
      'fetch',
      '429 with Retry-After: 7',
      1,
      'waits 7 s, retries once',
      `waited ${waited}, ${res ? `answered on request ${requests}` : 'no answer'}`,
      Number(!ok),
    );
    expect(res?.status).toBe(200);
    expect(rig.waits).toEqual([7000]);
    expect(requests).toBe(2);
  });

  it('429 with a Retry-After longer than allowed: gives up at once instead of waiting an hour', async () => {
    const { err, requests } = await attempt({ retryAfter: 3600 });
    const ok = /asked to wait 3600 s/.test(err?.message ?? '') && rig.waits.length === 0 && requests === 1;
    row(
      'fetch',
      '429 with Retry-After: 3600',
      1,
      'not waited for; a FetchError at once',
      `${err ? 'FetchError' : 'an answer'}, ${rig.waits.length} waits, ${requests} requests`,
      Number(!ok),
    );
    expect(err!.message).toMatch(/asked to wait 3600 s/);
    expect(rig.waits).toEqual([]);
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
    const { err, requests } = await attempt('huge-body', undefined, rig.makeFetcher({ timeoutMs: 10_000 }));
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
    const { err, requests } = await attempt('gzip-bomb', undefined, rig.makeFetcher({ timeoutMs: 10_000 }));
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

  it('a wrong or unknown declared charset on JSON is ignored: JSON is UTF-8, the text stays the same', async () => {
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
});
