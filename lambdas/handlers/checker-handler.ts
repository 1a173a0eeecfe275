/**
 * The checker Lambda's handler, made for the source kinds it is given. The stack deploys one function
 * per schedule group, each built from an entry that imports only that group's kinds (generated at synth
 * by lib/constructs/checker-entries.ts), so a group that reads JSON never loads the HTML parsers.
 * check-sources.ts is the same handler with every kind (tests, and a config that mixes them all).
 */
import { JsonLogger } from '../adapters/log/json-logger';
import { openChecker } from '../compositions/checker';
import { ConfigError } from '../core/errors';
import type { SourceKind } from '../core/source-kind';
import { runCycle } from '../core/run-cycle';
import { cycleInput } from '../cycle-input';
import { coldStart, lambdaPlace, lambdaSettings } from './handler-runtime';

export interface CheckEvent {
  /** Check only the sources of this schedule group (e.g. `govuk`), or one source id. */
  group?: string;
  source?: string;
}

/** The checker's own composition, opened once per container (the tests read its outbox). */
export const checkerRuntime = () =>
  coldStart('check-sources', () => {
    const { config, allowedHosts } = lambdaSettings();
    return openChecker(config, { ...lambdaPlace(), allowedHosts, logger: new JsonLogger() });
  });

/** `ownGroup`: the one group this function checks (null: any, as the event says). */
export function checkerHandler(kinds: Record<string, SourceKind>, ownGroup: string | null) {
  return async function handler(event: CheckEvent = {}) {
    const rt = await checkerRuntime();
    const group = ownGroup ?? event.group;
    if (ownGroup && event.group && event.group !== ownGroup)
      throw new ConfigError([`This function checks the "${ownGroup}" group, not "${event.group}".`]);
    const input = cycleInput(rt.config, rt, {
      kinds,
      onProgress: (o) => rt.logger.info('source checked', { ...o, changes: undefined }),
      onlySource: event.source,
    });
    if (group) input.sources = input.sources.filter((s) => (s.group ?? 'default') === group);
    if (event.source && input.sources.length === 0)
      throw new ConfigError([`Source "${event.source}" is not in the "${group}" group this function checks.`]);
    const missing = [...new Set(input.sources.map((s) => s.kind))].filter((k) => !(k in kinds));
    if (missing.length)
      throw new ConfigError([
        `This function was built without the ${missing.join(', ')} source kind(s) its config now asks for: ` +
          'deploy again (cdk deploy) so its bundle matches the config.',
      ]);
    const report = await runCycle(rt, input);
    const failed = report.outcomes.filter((o) => o.kind === 'failed').length;
    rt.logger.info('cycle finished', {
      runId: report.runId,
      group: group ?? null,
      sources: report.outcomes.length,
      failed,
      offline: report.offline,
    });
    return {
      runId: report.runId,
      offline: report.offline,
      outcomes: report.outcomes.map((o) => ({ source: o.sourceId, kind: o.kind, requests: o.requests })),
    };
  };
}
