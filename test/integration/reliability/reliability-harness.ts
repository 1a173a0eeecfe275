/**
 * The integration harness of the reliability tests: the real runtime (DynamoDB Local, undici
 * fetcher with short timeouts, outbox mailer) against the replay server, plus what the tests
 * measure: a snapshot of everything stored, what a later snapshot lost of it, and the alerts sent.
 */
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import type { ReplayServer } from '../../../lambdas/adapters/replay/replay-server';
import type { FetcherOptions } from '../../../lambdas/adapters/http/undici-fetcher';
import type { Runtime } from '../../../lambdas/composition';
import type { Config } from '../../../lambdas/config';
import { cycleInput } from '../../../lambdas/cycle-input';
import type { Change, StoredDocument, StoredVersion } from '../../../lambdas/core/model';
import type { Clock, Logger, Mailer } from '../../../lambdas/core/ports';
import { watchOnce, type WatchDeps } from '../../../lambdas/core/watch-once';
import { BSCC_SOURCES, ROOT, instantClock, startHarness } from '../../support/harness';

export { ROOT, instantClock };
export const REPLAY_ROOT = join(ROOT, 'demo', 'replay');
export const SEARCH = {
  path: '/api/search.json',
  query: { filter_organisations: 'biometrics-and-surveillance-camera-commissioner' },
};
export const NEVER_AGAIN =
  '/api/content/government/publications/never-again-the-uks-responsibility-to-act-on-atrocities-in-xinjiang-and-beyond';
export const SOURCES = BSCC_SOURCES;

export interface Snapshot {
  documents: StoredDocument[];
  versions: StoredVersion[];
  changes: Change[];
}

export interface ReliabilityHarness {
  replay: ReplayServer;
  runtime: Runtime;
  config: Config;
  outbox: string;
  /** The runtime's ports; a test may swap any of them for a faulty wrapper. */
  deps(): WatchDeps;
  cycle(step?: string, deps?: WatchDeps): ReturnType<typeof watchOnce>;
  snapshot(): Promise<Snapshot>;
  emails(): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  logger?: Logger;
  mailer?: Mailer;
  clock?: Clock;
  fetcher?: Partial<FetcherOptions>;
  config?: (c: Config) => Config;
  step?: string;
}

/** The shared harness on the two BSCC sources, with short fetch timeouts and one retry. */
export async function startReliabilityHarness(options: HarnessOptions = {}): Promise<ReliabilityHarness> {
  const h = await startHarness({
    ...options,
    sources: SOURCES,
    tablePrefix: 'rel',
    fetcher: { timeoutMs: 300, backoffBaseMs: 1, maxRetries: 1, ...options.fetcher },
  });
  const { runtime, config, replay } = h;
  const deps = (): WatchDeps => ({
    store: runtime.store,
    fetcher: runtime.fetcher,
    clock: runtime.clock,
    logger: runtime.logger,
    mailer: runtime.mailer,
  });
  return {
    ...h,
    deps,
    async cycle(step?: string, d?: WatchDeps) {
      if (step) replay.setStep(step);
      return watchOnce(d ?? deps(), cycleInput(config, runtime));
    },
    snapshot: () => snapshotOf(runtime),
  };
}

export async function snapshotOf(runtime: Runtime): Promise<Snapshot> {
  const store = runtime.store;
  const documents = (await Promise.all(SOURCES.map((s) => store.listDocuments(s))))
    .flat()
    .sort((a, b) => a.docId.localeCompare(b.docId));
  const versions = (await Promise.all(documents.map((d) => store.listVersions(d.docId)))).flat();
  const changes = (await store.listChanges({ limit: 500 })).items;
  return { documents, versions, changes };
}

/** What `after` lost of `before`: documents, versions (or their text) and change-log entries. */
export function lostBetween(before: Snapshot, after: Snapshot): string[] {
  const lost: string[] = [];
  const docs = new Map(after.documents.map((d) => [d.docId, d]));
  for (const d of before.documents) {
    const now = docs.get(d.docId);
    if (!now) lost.push(`document ${d.docId}`);
    else if (now.version < d.version) lost.push(`document ${d.docId} went back from v${d.version} to v${now.version}`);
  }
  const versions = new Map(after.versions.map((v) => [`${v.docId}@${v.version}`, v]));
  for (const v of before.versions) {
    const now = versions.get(`${v.docId}@${v.version}`);
    if (!now || now.hash !== v.hash || now.text !== v.text) lost.push(`version ${v.docId}@${v.version}`);
  }
  const changes = new Set(after.changes.map((c) => c.changeId));
  for (const c of before.changes) if (!changes.has(c.changeId)) lost.push(`change ${c.changeId}`);
  return lost;
}

/** Versions ahead of their document's head, and heads without their version: what a half-done write would leave. */
export function halfWritten(s: Snapshot): string[] {
  const problems: string[] = [];
  const versions = new Set(s.versions.map((v) => `${v.docId}@${v.version}`));
  for (const d of s.documents)
    if (!versions.has(`${d.docId}@${d.version}`))
      problems.push(`document ${d.docId} v${d.version} has no stored version`);
  const docs = new Map(s.documents.map((d) => [d.docId, d]));
  for (const v of s.versions)
    if ((docs.get(v.docId)?.version ?? 0) < v.version)
      problems.push(`version ${v.docId}@${v.version} is ahead of its document`);
  return problems;
}
