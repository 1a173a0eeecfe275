/** Lambda: one watch cycle, run on a schedule. Thin: the same use-case as `procwatch run`. */
import { cycleInput } from '../cycle-input';
import { runCycle } from '../core/run-cycle';
import { handlerRuntime } from './handler-runtime';

export interface CheckEvent {
  /** Check only the sources of this schedule group (e.g. `govuk`), or one source id. */
  group?: string;
  source?: string;
}

export async function handler(event: CheckEvent = {}) {
  const { config, runtime } = handlerRuntime();
  const rt = await runtime;
  const input = cycleInput(
    config,
    rt,
    (o) => rt.logger.info('source checked', { ...o, changes: undefined }),
    event.source,
  );
  if (event.group) input.sources = input.sources.filter((s) => (s.group ?? 'default') === event.group);
  const report = await runCycle(rt, input);
  const failed = report.outcomes.filter((o) => o.kind === 'failed').length;
  rt.logger.info('cycle finished', {
    runId: report.runId,
    sources: report.outcomes.length,
    failed,
    offline: report.offline,
  });
  return {
    runId: report.runId,
    offline: report.offline,
    outcomes: report.outcomes.map((o) => ({ source: o.sourceId, kind: o.kind, requests: o.requests })),
  };
}
