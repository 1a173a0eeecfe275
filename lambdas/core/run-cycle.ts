/**
 * runCycle: every configured source checked once, then one baseline summary for sources seen for
 * the first time (instead of one alert per existing document).
 */
import { checkSource, alertFor, countFailure, type CheckDeps, type CheckInput } from './check-source';
import { lockWrites, StoreBusyError } from './cycle-lock';
import type { Leases } from './ports';
import { describeFailure } from './errors';
import { stableId } from './ids';
import { newChange } from './new-change';
import type { Change, SourceOutcome } from './model';
import type { SourceConfigBase, SourceKind } from './source-kind';

/** A cycle checks many sources with the same settings a single check takes. */
export interface CycleInput extends Omit<CheckInput, 'source' | 'kind'> {
  sources: SourceConfigBase[];
  kinds: Record<string, SourceKind>;
  onProgress?: (outcome: SourceOutcome) => void;
  /** How long to wait for another cycle that holds the store before leaving the sources to it. */
  lockWaitMs?: number;
}

export interface CycleDeps extends CheckDeps {
  /** The store's leases: with them, one cycle writes at a time (see cycle-lock). */
  leases?: Leases;
}

/** As long as the checker Lambda may run: a crashed cycle's lease runs out by the next schedule. */
export const CYCLE_LEASE_MS = 15 * 60_000;
export const CYCLE_LOCK_WAIT_MS = 30_000;

export interface CycleReport {
  runId: string;
  outcomes: SourceOutcome[];
  baselineChange: Change | null;
  /** No source could reach the network: nothing was checked, counted or alerted. */
  offline: boolean;
}

export async function runCycle(cycleDeps: CycleDeps, input: CycleInput): Promise<CycleReport> {
  const lock = cycleDeps.leases
    ? lockWrites(cycleDeps.store, {
        leases: cycleDeps.leases,
        owner: input.runId,
        clock: cycleDeps.clock,
        leaseMs: CYCLE_LEASE_MS,
        waitMs: input.lockWaitMs ?? CYCLE_LOCK_WAIT_MS,
      })
    : null;
  const deps: CheckDeps = { ...cycleDeps, store: lock?.store ?? cycleDeps.store };
  try {
    return await checkAll(deps, input);
  } finally {
    await lock?.release().catch((err: unknown) => {
      deps.logger.warn('cycle lease not released; it runs out by itself', { reason: describeFailure(err) });
    });
  }
}

async function checkAll(deps: CheckDeps, input: CycleInput): Promise<CycleReport> {
  const outcomes: SourceOutcome[] = [];
  let busy: string | null = null;
  for (const source of input.sources) {
    // Every failure, the store's included, is that source's outcome: the other sources still run.
    // Once another cycle holds the store, the remaining sources are left to it unread.
    const outcome: SourceOutcome = busy
      ? { kind: 'busy', sourceId: source.id, requests: 0, reason: busy }
      : await checkSource(deps, { ...input, source, kind: input.kinds[source.kind], deferUnreachable: true });
    if (outcome.kind === 'busy') busy = outcome.reason;
    // An uncounted failure is reported once the cycle has judged it (below).
    if (!isOffline(outcome)) input.onProgress?.(outcome);
    outcomes.push(outcome);
  }
  const offline = outcomes.length > 0 && outcomes.every(isOffline);
  if (offline) return { runId: input.runId, outcomes, baselineChange: null, offline };
  // Other sources were reached, so the network was there: these sources' own hosts failed.
  for (const [i, o] of outcomes.entries()) {
    if (o.kind !== 'failed' || !o.offline) continue;
    const source = input.sources[i];
    const counted = await countFailure(deps, { ...input, source, kind: input.kinds[source.kind] }, o.reason);
    outcomes[i] = { ...counted, requests: o.requests };
    input.onProgress?.(outcomes[i]);
  }
  const baselines = outcomes.filter((o): o is Extract<SourceOutcome, { kind: 'baseline' }> => o.kind === 'baseline');
  let baselineChange: Change | null = null;
  if (baselines.length) {
    const documents = baselines.reduce((n, o) => n + o.documents, 0);
    const now = deps.clock.now().toISOString();
    baselineChange = newChange({
      changeId: stableId('baseline', ...baselines.map((b) => b.sourceId)),
      sourceId: baselines.length === 1 ? baselines[0].sourceId : 'all',
      docId: null,
      type: 'baseline',
      detectedAt: now,
      runId: input.runId,
      title: `Baseline of ${baselines.map((b) => b.sourceId).join(', ')}`,
      url: null,
      summary: `${documents} documents recorded from ${baselines.length} source(s); alerts start with the next change.`,
    });
    try {
      if (busy) throw new StoreBusyError(busy);
      const written = await deps.store.recordChange({
        changes: [baselineChange],
        alerts: [alertFor(baselineChange, now)],
      });
      if (written === 'duplicate') baselineChange = null;
    } catch (err) {
      // The documents are recorded; only the summary is missing, and the next baseline says it.
      deps.logger.error('baseline summary not recorded', { reason: describeFailure(err) });
      baselineChange = null;
    }
  }
  return { runId: input.runId, outcomes, baselineChange, offline: false };
}

function isOffline(o: SourceOutcome): boolean {
  return o.kind === 'failed' && o.offline === true;
}
