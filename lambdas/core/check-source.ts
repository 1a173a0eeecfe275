/**
 * checkSource: one source, one cycle. Listing first; details only for documents that are new or
 * whose change signal moved; every transition and the alerts it causes written together. Whatever
 * fails — the network, a parser, the store — fails this source only, in one sentence, and never
 * deletes or overwrites what is stored.
 */
import {
  describeFailure,
  isNetworkUnreachable,
  namingSource,
  ParseError,
  ProcwatchError,
  SecondLookError,
} from './errors';
import { guardShrink, listingFingerprint } from './listing-guards';
import type { FetchRequest, SourceOutcome, SourceState } from './model';
import type { Validators } from './ports';
import { readListing } from './read-listing';
import { scanDocuments } from './scan-documents';
import { failedState, freshState, recoveryWrite, succeededState } from './source-health';
import { fetchFor, startRun, writeFor, type CheckDeps, type CheckInput, type SourceRun } from './source-run';

export type { CheckDeps, CheckInput } from './source-run';
export { freshState } from './source-health';
export { alertFor } from './alert-for';
export { changedSummary } from './plan-document';

const HEARTBEAT_MS = 60 * 60 * 1000;

interface Scanned {
  validators: SourceState['validators'];
  size: number;
  documents: number;
  listingHash: string;
}

export async function checkSource(deps: CheckDeps, input: CheckInput): Promise<SourceOutcome> {
  const sourceId = input.source.id;
  let state: SourceState;
  try {
    state = (await deps.store.getSourceState(sourceId)) ?? freshState(sourceId);
  } catch (err) {
    // Nothing can be recorded, not even the failure: say so and let the other sources run.
    const reason = describeFailure(err);
    deps.logger.error('source state unreadable', { source: sourceId, reason });
    return { kind: 'failed', sourceId, requests: 0, reason, alerted: false };
  }
  const run = startRun(deps, input, state.lastSuccessAt === null);
  try {
    return await succeed(run, state, await scan(run, state));
  } catch (err) {
    // Another cycle holds the store: nothing was written, and nothing is counted against the source.
    if (err instanceof ProcwatchError && err.code === 'busy') {
      return { kind: 'busy', sourceId, requests: run.requests, reason: describeFailure(err) };
    }
    // No network at all, before anything was written: the cycle counts it only if other sources
    // were reached (an offline machine is one condition, not a failure of every source).
    if (input.deferUnreachable && isNetworkUnreachable(err) && !run.changes.length && !run.held.length) {
      const reason = describeFailure(err);
      const unreached = err.context.unreached;
      return { kind: 'failed', sourceId, requests: run.requests, reason, alerted: false, offline: true, unreached };
    }
    return fail(run, state, asProcwatchError(err, sourceId));
  }
}

/** Counts a failure `checkSource` left to the cycle (see `deferUnreachable`), as it would have counted it. */
export async function countFailure(deps: CheckDeps, input: CheckInput, reason: string): Promise<SourceOutcome> {
  const sourceId = input.source.id;
  try {
    const state = (await deps.store.getSourceState(sourceId)) ?? freshState(sourceId);
    return await fail(startRun(deps, input, state.lastSuccessAt === null), state, new ProcwatchError('fetch', reason));
  } catch (err) {
    deps.logger.error('source failure not recorded', { source: sourceId, reason: describeFailure(err) });
    return { kind: 'failed', sourceId, requests: 0, reason, alerted: false };
  }
}

function asProcwatchError(err: unknown, sourceId: string): ProcwatchError {
  if (err instanceof ProcwatchError) return err;
  // A bug in one source's parser fails that source, in one sentence; the other sources still run.
  const message = err instanceof Error ? err.message : String(err);
  return new ParseError(`Unexpected error while reading ${sourceId}: ${message}`, namingSource(sourceId), err);
}

async function scan(run: SourceRun, state: SourceState): Promise<Scanned | 'not-modified'> {
  const { kind, source, endpoints, shrinkRatio } = run.input;
  const at = run.plan.now;
  const firstUrl = kind.listing(source, endpoints, at).url;
  const get = (r: FetchRequest, v?: Validators) => fetchFor(run, r, v);
  const listing = await readListing(get, kind, source, endpoints, state.validators[firstUrl], at);
  if (listing === 'not-modified') return 'not-modified';
  const size = listing.entries.length;
  const listingHash = listingFingerprint(listing.entries);
  // The listing is exactly as last time: no document can have moved, so not even the stored
  // documents are read (an unchanged cycle costs the listing request and one state read).
  if (state.listingHash === listingHash && state.pendingShrink === null && !state.pendingSuspects?.length) {
    return { validators: state.validators, size, documents: 0, listingHash };
  }
  for (const d of await run.deps.store.listDocuments(source.id)) run.stored.set(d.docId, d);
  const active = [...run.stored.values()].filter((d) => d.status === 'active').length;
  // A feed of the newest items is a moving window: entries leaving it is normal, not a shrink.
  if (!kind.windowed?.(source)) guardShrink(source.id, state, size, active, shrinkRatio);
  const result = await scanDocuments(run, state, listing.entries);
  if (result.errors.length) throw result.errors.find((e) => e instanceof SecondLookError) ?? result.errors[0];
  const { etag, 'last-modified': lastModified } = listing.first.response.headers;
  const validators = { ...state.validators };
  if (etag || lastModified)
    validators[firstUrl] = { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
  return { validators, size, documents: result.documents, listingHash };
}

async function succeed(run: SourceRun, state: SourceState, scanned: Scanned | 'not-modified'): Promise<SourceOutcome> {
  const sourceId = run.input.source.id;
  const recovery = recoveryWrite(run.health, state);
  if (recovery) await writeFor(run, recovery, recovery.changes);
  const healthy = succeededState(run.health, state);
  const outcome = (kind: 'unchanged' | 'updated'): SourceOutcome =>
    kind === 'updated' && run.changes.length
      ? { kind: 'updated', sourceId, requests: run.requests, changes: run.changes }
      : { kind: 'unchanged', sourceId, requests: run.requests };
  const wasFailing = state.failingAlertOpen || state.consecutiveFailures > 0;
  if (scanned === 'not-modified') {
    await saveState(run, state, healthy, wasFailing);
    return outcome('unchanged');
  }
  const next: SourceState = {
    ...healthy,
    validators: scanned.validators,
    lastListingSize: scanned.size,
    pendingShrink: null,
    pendingSuspects: null,
    listingHash: scanned.listingHash,
  };
  const moved =
    scanned.size !== state.lastListingSize ||
    JSON.stringify(state.validators) !== JSON.stringify(next.validators) ||
    state.pendingShrink !== null ||
    Boolean(state.pendingSuspects?.length) ||
    scanned.listingHash !== state.listingHash;
  await saveState(run, state, next, wasFailing || moved);
  if (run.plan.baseline) return { kind: 'baseline', sourceId, requests: run.requests, documents: scanned.documents };
  return outcome('updated');
}

/** State is written when it says something new; a quiet source writes only an hourly heartbeat. */
async function saveState(run: SourceRun, before: SourceState, after: SourceState, changed: boolean): Promise<void> {
  const stale = !before.lastSuccessAt || Date.parse(run.plan.now) - Date.parse(before.lastSuccessAt) >= HEARTBEAT_MS;
  const health =
    before.consecutiveFailures !== after.consecutiveFailures || before.failingAlertOpen !== after.failingAlertOpen;
  if (changed || stale || health) await run.deps.store.putSourceState(after);
}

async function fail(run: SourceRun, state: SourceState, err: ProcwatchError): Promise<SourceOutcome> {
  const sourceId = run.input.source.id;
  const reason = describeFailure(err);
  const hold = err instanceof SecondLookError ? { ...err.hold } : {};
  if (run.held.length) hold.pendingSuspects = [...run.held];
  const step = failedState(run.health, state, reason, hold);
  let alerted = false;
  try {
    if (step.write) alerted = (await writeFor(run, step.write, step.write.changes)) === 'written';
    await run.deps.store.putSourceState(step.state);
  } catch (storeErr) {
    // The store failed too: the failure cannot be counted this time; the next run counts it.
    run.deps.logger.error('source failure not recorded', { source: sourceId, reason: describeFailure(storeErr) });
  }
  run.deps.logger.warn('source check failed', { source: sourceId, reason, failures: step.state.consecutiveFailures });
  return { kind: 'failed', sourceId, requests: run.requests, reason, alerted };
}
