/**
 * A source's health as values: the state after a check that succeeded or failed, and the
 * `source-failing` / `source-recovered` changes those transitions cause. Pure; check-source writes
 * what these return.
 */
import { alertFor } from './alert-for';
import { sourceChangeId } from './change-ids';
import type { Change, SourceState } from './model';
import { newChange } from './new-change';
import type { ChangeWrite } from './ports';
import type { SourceConfigBase } from './source-kind';

export interface HealthContext {
  source: SourceConfigBase;
  runId: string;
  now: string;
  failureThreshold: number;
}

export function freshState(sourceId: string): SourceState {
  return {
    sourceId,
    validators: {},
    lastRunAt: null,
    lastSuccessAt: null,
    consecutiveFailures: 0,
    lastError: null,
    failingAlertOpen: false,
    failingSince: null,
    lastListingSize: null,
    pendingShrink: null,
    listingHash: null,
    pendingSuspects: null,
  };
}

function sourceChange(
  ctx: HealthContext,
  type: 'source-failing' | 'source-recovered',
  episode: string | null,
  summary: string,
): Change {
  return newChange({
    changeId: sourceChangeId(ctx.source.id, type, episode),
    sourceId: ctx.source.id,
    docId: null,
    type,
    detectedAt: ctx.now,
    runId: ctx.runId,
    title: ctx.source.name ?? ctx.source.id,
    url: null,
    summary,
  });
}

/** The recovery change when a source whose failing alert is open answers again. */
export function recoveryWrite(ctx: HealthContext, state: SourceState): ChangeWrite | null {
  if (!state.failingAlertOpen) return null;
  const change = sourceChange(ctx, 'source-recovered', state.failingSince, `${ctx.source.id} answers normally again.`);
  return { changes: [change], alerts: [alertFor(change, ctx.now)] };
}

export function succeededState(ctx: HealthContext, state: SourceState): SourceState {
  return {
    ...state,
    lastRunAt: ctx.now,
    lastSuccessAt: ctx.now,
    consecutiveFailures: 0,
    lastError: null,
    failingAlertOpen: false,
    failingSince: null,
  };
}

export interface FailureStep {
  state: SourceState;
  /** The `source-failing` change, once the threshold is reached and no failing alert is open yet. */
  write: ChangeWrite | null;
}

/** `held`: what the failing run saw that waits for a second look (a shrunken listing, suspicious changes). */
export function failedState(
  ctx: HealthContext,
  state: SourceState,
  reason: string,
  held: Partial<Pick<SourceState, 'pendingShrink' | 'pendingSuspects'>> = {},
): FailureStep {
  const failures = state.consecutiveFailures + 1;
  const failingSince = state.failingSince ?? ctx.now;
  const next: SourceState = {
    ...state,
    ...held,
    lastRunAt: ctx.now,
    consecutiveFailures: failures,
    lastError: reason,
    failingSince,
  };
  if (failures < ctx.failureThreshold || state.failingAlertOpen) return { state: next, write: null };
  const summary = `${failures} checks in a row failed. Last error: ${reason}`;
  const change = sourceChange(ctx, 'source-failing', failingSince, summary);
  return {
    state: { ...next, failingAlertOpen: true },
    write: { changes: [change], alerts: [alertFor(change, ctx.now)] },
  };
}
