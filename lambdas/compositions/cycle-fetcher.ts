/** The one way sources are fetched: the cycle and `doctor` send the same User-Agent, allowlist and pauses. */
import { UndiciFetcher, type FetcherOptions } from '../adapters/http/undici-fetcher';
import { allowedHosts, type Config } from '../config';
import type { Clock } from '../core/ports';

export interface CycleFetcherOptions {
  /** Hosts that may resolve to loopback (the replay server). */
  allowPrivateHosts?: string[];
  fetcher?: Partial<FetcherOptions>;
}

export function cycleFetcher(config: Config, options: CycleFetcherOptions, clock: Clock): UndiciFetcher {
  return new UndiciFetcher({
    userAgent: config.userAgent,
    allowedHosts: allowedHosts(config),
    allowPrivateHosts: options.allowPrivateHosts,
    clock,
    ...options.fetcher,
  });
}
