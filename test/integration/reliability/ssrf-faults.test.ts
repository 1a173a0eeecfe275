/**
 * The allowlist on every redirect hop and on the address a name resolves to (SSRF), against the
 * real undici fetcher and a real local replay server: refused before any request is sent.
 */
import { FetchError } from '../../../lambdas/core/errors';
import type { Resolver } from '../../../lambdas/adapters/http/address-guard';
import { ReliabilityLog } from './reliability-report';
import { fetcherRows, startFetcherRig, type FetcherRig } from './fetcher-rig';

const log = new ReliabilityLog('12-ssrf-faults');
const row = fetcherRows(log);

describe('redirects and names that lead outside the allowlist', () => {
  let rig: FetcherRig;
  const attempt = (...args: Parameters<FetcherRig['attempt']>) => rig.attempt(...args);
  beforeAll(async () => {
    rig = await startFetcherRig();
  });
  afterAll(async () => {
    await rig.close();
    log.flush();
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
      'redirect to a host outside the allowlist ' +
        '(example.org, localhost, 127.0.0.1, 169.254.169.254, [::1], file:, javascript:)',
      outside.length,
      'refused at the hop, no request sent to it',
      `${refused.length} of ${outside.length} refused before connecting`,
      outside.length - refused.length,
    );
    expect(refused).toEqual(outside);
  });

  it('a redirect to an allowlisted name that resolves to a private address is refused', async () => {
    const port = new URL(rig.replay.url).port;
    const targets: Record<string, string[]> = {
      'evil.test': ['127.0.0.1'],
      'evil6.test': ['::1'],
      'metadata.test': ['169.254.169.254'],
      'mixed.test': ['93.184.216.34', '10.0.0.5'],
    };
    const resolver: Resolver = async (host) => targets[host] ?? ['93.184.216.34'];
    const f = rig.makeFetcher({
      allowedHosts: [rig.replay.host, ...Object.keys(targets).map((h) => `${h}:${port}`)],
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

  it('DNS rebinding: a name public when checked and private when connecting is refused at connect time', async () => {
    const port = new URL(rig.replay.url).port;
    let calls = 0;
    // First answer passes the check; every later one points at this machine.
    const resolver: Resolver = async () => (calls++ === 0 ? ['93.184.216.34'] : ['127.0.0.1']);
    const f = rig.makeFetcher({
      allowedHosts: [`rebind.test:${port}`],
      allowPrivateHosts: [],
      resolver,
      maxRetries: 0,
    });
    rig.replay.resetLog();
    const err = await f.get({ url: `http://rebind.test:${port}/f`, bucket: 'test' }).catch((e: unknown) => e);
    const refused = err instanceof FetchError && /private or local address/.test(err.message);
    row(
      'ssrf',
      'DNS rebinding (public at check, 127.0.0.1 at connect)',
      1,
      'refused when the socket connects, no request reaches the server',
      `${refused ? 'refused' : 'not refused'}; ${rig.replay.log.length} requests reached the server`,
      Number(!refused || rig.replay.log.length > 0),
    );
    expect(err).toBeInstanceOf(FetchError);
    expect((err as FetchError).message).toMatch(/private or local address/);
    expect(rig.replay.log).toHaveLength(0);
  });
});
