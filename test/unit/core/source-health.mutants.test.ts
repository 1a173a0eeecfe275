/** A source's health transitions, state field by field, and the failing/recovered changes they raise. */
import { sourceChangeId } from '../../../lambdas/core/change-ids';
import { failedState, freshState, recoveryWrite, succeededState } from '../../../lambdas/core/source-health';
import type { SourceState } from '../../../lambdas/core/model';

const ctx = {
  source: { id: 'debarment-list', kind: 'html-list', name: 'Debarment list' },
  runId: 'run-7',
  now: '2026-03-02T09:00:00.000Z',
  failureThreshold: 3,
};
const state = (over: Partial<SourceState> = {}): SourceState => ({ ...freshState('debarment-list'), ...over });

it('a fresh state has seen nothing', () => {
  expect(freshState('s1')).toEqual({
    sourceId: 's1',
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
  });
});

describe('success', () => {
  it('clears the failure count, the error and the failing episode, and keeps the rest', () => {
    const before = state({
      consecutiveFailures: 4,
      lastError: 'timeout',
      failingAlertOpen: true,
      failingSince: '2026-03-01T00:00:00.000Z',
      lastListingSize: 12,
    });
    expect(succeededState(ctx, before)).toEqual({
      ...before,
      lastRunAt: ctx.now,
      lastSuccessAt: ctx.now,
      consecutiveFailures: 0,
      lastError: null,
      failingAlertOpen: false,
      failingSince: null,
    });
  });

  it('raises a recovery only when a failing alert was open, one per episode', () => {
    expect(recoveryWrite(ctx, state({ failingSince: '2026-03-01T00:00:00.000Z' }))).toBeNull();
    const write = recoveryWrite(ctx, state({ failingAlertOpen: true, failingSince: '2026-03-01T00:00:00.000Z' }));
    const changeId = sourceChangeId('debarment-list', 'source-recovered', '2026-03-01T00:00:00.000Z');
    expect(write?.changes).toEqual([
      expect.objectContaining({
        changeId,
        sourceId: 'debarment-list',
        docId: null,
        type: 'source-recovered',
        detectedAt: ctx.now,
        runId: 'run-7',
        title: 'Debarment list',
        url: null,
        summary: 'debarment-list answers normally again.',
      }),
    ]);
    expect(write?.alerts).toEqual([
      {
        alertId: changeId,
        changeId,
        type: 'source-recovered',
        sourceId: 'debarment-list',
        createdAt: ctx.now,
        subject: 'Source working again: Debarment list',
        priority: 'normal',
      },
    ]);
  });
});

describe('failure', () => {
  it('counts the failure, records the error and the episode start, and holds what waits', () => {
    const step = failedState(ctx, state({ consecutiveFailures: 0 }), 'timeout', { pendingShrink: 4 });
    expect(step).toEqual({
      state: state({
        lastRunAt: ctx.now,
        consecutiveFailures: 1,
        lastError: 'timeout',
        failingSince: ctx.now,
        pendingShrink: 4,
      }),
      write: null,
    });
  });

  it('keeps the episode’s first failure time', () => {
    const step = failedState(ctx, state({ consecutiveFailures: 1, failingSince: '2026-03-01T00:00:00.000Z' }), 'e');
    expect(step.state.failingSince).toBe('2026-03-01T00:00:00.000Z');
    expect(step.state.consecutiveFailures).toBe(2);
    expect(step.write).toBeNull();
  });

  it('raises the failing change when the threshold is reached, and opens the alert', () => {
    const since = '2026-03-01T00:00:00.000Z';
    const step = failedState(ctx, state({ consecutiveFailures: 2, failingSince: since }), 'HTTP 503');
    const changeId = sourceChangeId('debarment-list', 'source-failing', since);
    expect(step.state).toMatchObject({ consecutiveFailures: 3, failingAlertOpen: true, lastError: 'HTTP 503' });
    expect(step.write?.changes).toEqual([
      expect.objectContaining({
        changeId,
        type: 'source-failing',
        title: 'Debarment list',
        summary: '3 checks in a row failed. Last error: HTTP 503',
      }),
    ]);
    expect(step.write?.alerts).toEqual([
      expect.objectContaining({ alertId: changeId, subject: 'Source failing: Debarment list', priority: 'high' }),
    ]);
  });

  it('raises nothing more while the failing alert is open', () => {
    const step = failedState(ctx, state({ consecutiveFailures: 5, failingAlertOpen: true }), 'e');
    expect(step.write).toBeNull();
    expect(step.state.failingAlertOpen).toBe(true);
    expect(step.state.consecutiveFailures).toBe(6);
  });

  it('titles the change by the source id when it has no name', () => {
    const bare = { ...ctx, source: { id: 'debarment-list', kind: 'html-list' }, failureThreshold: 1 };
    expect(failedState(bare, state(), 'e').write?.changes[0].title).toBe('debarment-list');
  });
});
