/**
 * The integration harness of the reliability tests: the real runtime (DynamoDB Local with its
 * outbox, undici fetcher with short timeouts) composed as `procwatch run` composes it, with
 * mail going over SMTP to a real server on loopback; plus what the tests count (observe.ts).
 */
import { join } from 'node:path';
import type { ReplayServer } from '../../../devtools/replay/replay-server';
import type { FetcherOptions } from '../../../lambdas/adapters/http/undici-fetcher';
import type { Runtime } from '../../../lambdas/composition';
import type { Config } from '../../../lambdas/config';
import type { Clock, Logger } from '../../../lambdas/core/ports';
import { watchOnce, type WatchDeps, type WatchInput } from '../../../lambdas/core/watch-once';
import { BSCC_SOURCES, ROOT, instantClock, startHarness, T1_ALERTS } from '../../support/harness';
import type { Received, SmtpSink } from '../../support/smtp-sink';
import { snapshotOf, type Snapshot } from './observe';

export { ROOT, instantClock };
export { halfWritten, lostBetween, type Snapshot } from './observe';
export const REPLAY_ROOT = join(ROOT, 'demo', 'replay');
export const SEARCH = {
  path: '/api/search.json',
  query: { filter_organisations: 'biometrics-and-surveillance-camera-commissioner' },
};
export const NEVER_AGAIN =
  '/api/content/government/publications/never-again-the-uks-responsibility-to-act-on-atrocities-in-xinjiang-and-beyond';
export const SOURCES = BSCC_SOURCES;
/** The alert types the t1 step must raise, once each (hand-counted from demo/replay/t1). */
export const EXPECTED_T1 = T1_ALERTS;

export interface ReliabilityHarness {
  replay: ReplayServer;
  runtime: Runtime;
  config: Config;
  sink: SmtpSink;
  /** Who receives every alert (`alerts.to`; the harness configures no other subscribers). */
  recipients: string[];
  /** The runtime's ports, the outbox included; a test may swap any of them for a faulty wrapper. */
  deps(): WatchDeps;
  input(): WatchInput;
  cycle(step?: string, deps?: WatchDeps): ReturnType<typeof watchOnce>;
  snapshot(): Promise<Snapshot>;
  /** Messages the SMTP server accepted so far. */
  received(): Received[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  logger?: Logger;
  clock?: Clock;
  fetcher?: Partial<FetcherOptions>;
  config?: (c: Config) => Config;
  step?: string;
}

/** The shared harness on the two BSCC sources, with short fetch timeouts and one retry, mailing over SMTP. */
export async function startReliabilityHarness(options: HarnessOptions = {}): Promise<ReliabilityHarness> {
  const h = await startHarness({
    ...options,
    sources: SOURCES,
    tablePrefix: 'rel',
    smtp: true,
    fetcher: { timeoutMs: 300, backoffBaseMs: 1, maxRetries: 1, ...options.fetcher },
  });
  const { runtime, config, replay } = h;
  const sink = h.sink!;
  const deps = (): WatchDeps => ({
    store: runtime.store,
    fetcher: runtime.fetcher,
    extractor: runtime.extractor,
    clock: runtime.clock,
    logger: runtime.logger,
    mailer: runtime.mailer,
    outbox: runtime.outbox,
    subscriberStore: runtime.subscriberStore,
  });
  return {
    replay,
    runtime,
    config,
    sink,
    recipients: config.alerts.to,
    deps,
    input: () => h.input(),
    async cycle(step?: string, d?: WatchDeps) {
      if (step) replay.setStep(step);
      return watchOnce(d ?? deps(), h.input());
    },
    snapshot: () => snapshotOf(runtime.store, SOURCES),
    received: () => [...sink.received],
    close: () => h.close(),
  };
}

/** The (recipient, change) pairs a correct run mails for these alerts: one per recipient of `alerts.to`. */
export function expectedPairs(h: ReliabilityHarness, changeIds: string[]): string[] {
  return h.recipients.flatMap((to) => changeIds.map((id) => `${to.toLowerCase()} ${id}`));
}
