/**
 * `findStaleGroups`: which schedule groups have gone quiet. A group is stale when none of its sources
 * succeeded for two of its own longest gaps between runs, plus a grace for a cycle's length and the
 * scheduler's jitter: 45 minutes for a group checked every 15, two days and a quarter of an hour for a
 * daily one. Each group gets the window its own schedule implies, where one clock for every group would
 * be too late for GOV.UK or too eager for legislation.gov.uk. A group that never succeeded (a stack
 * deployed before its first run) is not stale yet. Counted under `StaleGroups` for the operator's alarm.
 */
import type { Clock, Metrics, SourceStateStore } from './ports';
import { nextRun } from './schedule';

export const STALE_GROUPS = 'StaleGroups';
/** Runs a group may miss in a row before the operator is told: one miss is a blip, two are a pattern. */
export const MISSED_RUNS = 2;
export const GRACE_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

/** The longest wait between two runs of `expression` over two days; null when the schedule cannot be read. */
export function longestGap(expression: string, from = new Date(Date.UTC(2026, 0, 5))): number | null {
  const rate = nextRun(expression, from.toISOString(), from);
  if (/^rate\(/.test(expression)) return rate ? Date.parse(rate) - from.getTime() : null;
  let longest = 0;
  let at = from;
  while (at.getTime() - from.getTime() < 2 * DAY_MS) {
    const next = nextRun(expression, null, at);
    if (!next) return null;
    longest = Math.max(longest, Date.parse(next) - at.getTime());
    at = new Date(next);
  }
  return longest;
}

/** How long a group may go without a success before it is stale; null for a schedule that cannot be read. */
export function staleWindow(expression: string): number | null {
  const gap = longestGap(expression);
  return gap === null ? null : MISSED_RUNS * gap + GRACE_MS;
}

export interface StaleGroup {
  group: string;
  lastSuccessAt: string;
  windowMinutes: number;
}

export interface FindStaleGroupsInput {
  sources: { id: string; group?: string }[];
  /** Group → its schedule expression (the deployed schedules). */
  schedules: Record<string, string>;
}

export async function findStaleGroups(
  deps: { store: Pick<SourceStateStore, 'getSourceState'>; clock: Clock; metrics?: Metrics },
  input: FindStaleGroupsInput,
): Promise<StaleGroup[]> {
  const newest = new Map<string, string | null>();
  for (const s of input.sources) {
    const group = s.group ?? 'default';
    const success = (await deps.store.getSourceState(s.id))?.lastSuccessAt ?? null;
    const best = newest.get(group) ?? null;
    newest.set(group, best && (!success || best > success) ? best : success);
  }
  const now = deps.clock.now().getTime();
  const stale: StaleGroup[] = [];
  for (const [group, lastSuccessAt] of newest) {
    const schedule = input.schedules[group];
    const window = schedule ? staleWindow(schedule) : null;
    if (lastSuccessAt && window !== null && now - Date.parse(lastSuccessAt) > window)
      stale.push({ group, lastSuccessAt, windowMinutes: Math.round(window / 60_000) });
  }
  if (stale.length) deps.metrics?.count(STALE_GROUPS, stale.length);
  return stale;
}
