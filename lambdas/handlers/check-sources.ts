/** Lambda: one watch cycle, run on a schedule. Thin: the same use-case as `procwatch run`. */
import { JsonLogger } from '../adapters/log/json-logger';
import { openChecker } from '../compositions/checker';
import { runCycle } from '../core/run-cycle';
import { cycleInput } from '../cycle-input';
import { coldStart, lambdaConfig, lambdaPlace } from './handler-runtime';

export interface CheckEvent {
  /** Check only the sources of this schedule group (e.g. `govuk`), or one source id. */
  group?: string;
  source?: string;
}

/** The checker's own composition, opened once per container (the tests read its outbox). */
export const checkerRuntime = () =>
  coldStart('check-sources', () => openChecker(lambdaConfig(), { ...lambdaPlace(), logger: new JsonLogger() }));

export async function handler(event: CheckEvent = {}) {
  const rt = await checkerRuntime();
  const input = cycleInput(
    rt.config,
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
