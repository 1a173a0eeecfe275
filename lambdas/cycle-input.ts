/** Builds a cycle's input from the configuration and runtime: shared by the CLI, demo and handler. */
import type { Config } from './config';
import type { Runtime } from './composition';
import { newRunId } from './core/ids';
import type { SourceOutcome } from './core/model';
import type { WatchInput } from './core/watch-once';
import { sourceKinds } from './sources';

export function cycleInput(
  config: Config,
  runtime: Pick<Runtime, 'clock' | 'known'>,
  onProgress?: (o: SourceOutcome) => void,
  onlySource?: string,
): WatchInput {
  return {
    sources: onlySource ? config.sources.filter((s) => s.id === onlySource) : config.sources,
    kinds: sourceKinds,
    endpoints: config.endpoints,
    runId: newRunId(runtime.clock.now()),
    known: runtime.known,
    keywords: config.keywords,
    failureThreshold: config.alerts.failureThreshold,
    shrinkRatio: config.alerts.shrinkRatio,
    from: config.alerts.from,
    to: config.alerts.to,
    sourceNames: config.sources.map((s) => ({ id: s.id, name: s.name })),
    onProgress,
  };
}
