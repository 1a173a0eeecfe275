/**
 * Builds a cycle's input from the configuration and runtime: shared by the CLI, demo and handlers.
 * The source kinds are passed in, not imported, so a schedule group's checker bundles only its own.
 */
import type { Config } from './config';
import type { Runtime } from './composition';
import { newRunId } from './core/ids';
import type { SourceOutcome } from './core/model';
import type { WatchInput } from './core/watch-once';

export interface CycleOptions {
  /** Kind name → parser: lambdas/sources' registry, or a group's part of it (lambdas/handlers/checker-handler.ts). */
  kinds: WatchInput['kinds'];
  onProgress?: (o: SourceOutcome) => void;
  onlySource?: string;
}

export function cycleInput(config: Config, runtime: Pick<Runtime, 'clock' | 'known'>, o: CycleOptions): WatchInput {
  return {
    sources: o.onlySource ? config.sources.filter((s) => s.id === o.onlySource) : config.sources,
    kinds: o.kinds,
    endpoints: config.endpoints,
    runId: newRunId(runtime.clock.now()),
    known: runtime.known,
    keywords: config.keywords,
    failureThreshold: config.alerts.failureThreshold,
    shrinkRatio: config.alerts.shrinkRatio,
    from: config.alerts.from,
    to: config.alerts.to,
    sourceNames: config.sources.map((s) => ({ id: s.id, name: s.name })),
    onProgress: o.onProgress,
  };
}
