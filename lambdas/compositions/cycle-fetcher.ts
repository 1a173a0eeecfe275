/** The one way sources are fetched: the cycle and `doctor` send the same User-Agent, allowlist and pauses. */
import { UndiciFetcher, type FetcherOptions } from '../adapters/http/undici-fetcher';
import type { Config } from '../config';
import type { Clock } from '../core/ports';

export interface CycleFetcherOptions {
  /** Hosts that may resolve to loopback (the replay server). */
  allowPrivateHosts?: string[];
  fetcher?: Partial<FetcherOptions>;
}

/**
 * `allowedHosts`: the hosts the config's sources may fetch from (config.ts `allowedHosts`), worked out
 * by the caller: the CLI from the config it parsed, a deployed function from the file synth resolved.
 */
export function cycleFetcher(
  config: Config,
  allowedHosts: string[],
  options: CycleFetcherOptions,
  clock: Clock,
): UndiciFetcher {
  return new UndiciFetcher({
    userAgent: config.userAgent,
    allowedHosts,
    allowPrivateHosts: options.allowPrivateHosts,
    clock,
    ...options.fetcher,
  });
}
