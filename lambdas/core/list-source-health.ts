/**
 * `listSourceHealth`: the sources dashboard — per source its last check, last success, status,
 * consecutive failures, last error sentence, next scheduled run and the documents held. Read-only.
 */
import type { DocumentStore, SourceStateStore } from './ports';
import { nextRun } from './schedule';

export interface SourceHealthInput {
  sources: { id: string; name?: string; group?: string }[];
  /** Group → schedule expression; a group without one has none (a local-only setup). */
  schedules: Record<string, string>;
  now: Date;
}

export type SourceStatus = 'ok' | 'failing' | 'alerting' | 'never-checked';

export interface SourceHealth {
  sourceId: string;
  name: string;
  status: SourceStatus;
  lastCheckAt: string | null;
  lastSuccessAt: string | null;
  consecutiveFailures: number;
  lastError: string | null;
  nextRunAt: string | null;
  schedule: string | null;
  documents: number;
  withdrawn: number;
}

export async function listSourceHealth(
  deps: { store: Pick<SourceStateStore, 'getSourceState'> & Pick<DocumentStore, 'listDocuments'> },
  input: SourceHealthInput,
): Promise<SourceHealth[]> {
  return Promise.all(
    input.sources.map(async (s) => {
      const [state, docs] = await Promise.all([deps.store.getSourceState(s.id), deps.store.listDocuments(s.id)]);
      const failures = state?.consecutiveFailures ?? 0;
      const status: SourceStatus = !state?.lastRunAt
        ? 'never-checked'
        : state.failingAlertOpen
          ? 'alerting'
          : failures > 0
            ? 'failing'
            : 'ok';
      const schedule = input.schedules[s.group ?? 'default'] ?? null;
      return {
        sourceId: s.id,
        name: s.name ?? s.id,
        status,
        lastCheckAt: state?.lastRunAt ?? null,
        lastSuccessAt: state?.lastSuccessAt ?? null,
        consecutiveFailures: failures,
        lastError: state?.lastError ?? null,
        nextRunAt: schedule ? nextRun(schedule, state?.lastRunAt ?? null, input.now) : null,
        schedule,
        documents: docs.filter((d) => d.status === 'active').length,
        withdrawn: docs.filter((d) => d.status === 'withdrawn').length,
      };
    }),
  );
}
