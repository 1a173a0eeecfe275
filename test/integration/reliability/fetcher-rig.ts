/**
 * The real undici fetcher against a real local replay server serving `/f` with a chosen fault: what
 * the fetcher answered or threw, how many requests the server saw, and the waits it asked for.
 */
import { join } from 'node:path';
import { FetchError } from '../../../lambdas/core/errors';
import type { Clock } from '../../../lambdas/core/ports';
import { ReplayServer, type Fault } from '../../../devtools/replay/replay-server';
import { UndiciFetcher, type FetcherOptions } from '../../../lambdas/adapters/http/undici-fetcher';
import type { Fetched } from '../../../lambdas/core/model';
import type { ReliabilityLog } from './reliability-report';

const REPLAY = join(__dirname, '..', '..', '..', 'demo', 'replay');
const LISTING = 't0/search-bscc-correspondence.json';
const FETCHER_ALONE = 'stored items, alerts, emails: the fetcher alone, nothing is stored or mailed';

export interface Attempt {
  res: Fetched | null;
  err: FetchError | null;
  requests: number;
}

export interface FetcherRig {
  replay: ReplayServer;
  /** The waits the fetcher asked for since the last attempt (none is waited for). */
  waits: number[];
  fetcher: UndiciFetcher;
  makeFetcher(extra?: Partial<FetcherOptions>): UndiciFetcher;
  attempt(fault: Fault | undefined, faultTimes?: number, f?: UndiciFetcher): Promise<Attempt>;
  /** Messages without the replay server's port, so the generated table does not change between runs. */
  scrub(message: string): string;
  close(): Promise<void>;
}

export async function startFetcherRig(): Promise<FetcherRig> {
  const replay = await new ReplayServer(REPLAY).start();
  const waits: number[] = [];
  const clock: Clock = { now: () => new Date(), sleep: async (ms) => void waits.push(ms) };
  const fetchers: UndiciFetcher[] = [];
  const makeFetcher = (extra: Partial<FetcherOptions> = {}) => {
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
  };
  const fetcher = makeFetcher();
  return {
    replay,
    waits,
    fetcher,
    makeFetcher,
    async attempt(fault, faultTimes, f = fetcher) {
      replay.clearOverrides();
      replay.resetLog();
      replay.override({ path: '/f', file: LISTING, fault, faultTimes });
      waits.length = 0;
      try {
        const res = await f.get({ url: `${replay.url}/f`, bucket: 'test' });
        return { res, err: null, requests: replay.log.length };
      } catch (err) {
        if (!(err instanceof FetchError)) throw err;
        return { res: null, err, requests: replay.log.length };
      }
    },
    scrub: (m) => m.split(replay.url).join('').split(replay.host).join('replay'),
    async close() {
      for (const f of fetchers) await f.close();
      await replay.stop();
    },
  };
}

/** The row writer of a fetcher table: `offContract` counts the tries whose outcome was not the expected one. */
export function fetcherRows(log: ReliabilityLog) {
  return (area: string, fault: string, tried: number, expected: string, observed: string, offContract: number) =>
    log.record({ area, fault, tried, expected, observed, measured: { offContract }, unmeasured: FETCHER_ALONE });
}
