/**
 * runCycle: every configured source checked once, then one baseline summary for sources seen for
 * the first time (instead of one alert per existing document).
 */
import { checkSource, alertFor, type CheckDeps, type CheckInput } from './check-source';
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
}

export interface CycleReport {
  runId: string;
  outcomes: SourceOutcome[];
  baselineChange: Change | null;
}

export async function runCycle(deps: CheckDeps, input: CycleInput): Promise<CycleReport> {
  const outcomes: SourceOutcome[] = [];
  for (const source of input.sources) {
    // Every failure, the store's included, is that source's outcome: the other sources still run.
    const outcome = await checkSource(deps, { ...input, source, kind: input.kinds[source.kind] });
    input.onProgress?.(outcome);
    outcomes.push(outcome);
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
  return { runId: input.runId, outcomes, baselineChange };
}
