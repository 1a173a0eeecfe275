/** Each schedule group judged stale by its own schedule's window; a hand-written store of source states. */
import type { SourceState } from '../../../lambdas/core/model';
import { findStaleGroups, longestGap, STALE_GROUPS, staleWindow } from '../../../lambdas/core/stale-groups';
import { DEFAULT_SCHEDULES } from '../../../lambdas/schedules';

const MIN = 60_000;

it.each([
  ['cron(0/15 * * * ? *)', 15, 45],
  ['cron(7 * * * ? *)', 60, 135],
  ['cron(37 6 * * ? *)', 24 * 60, 2 * 24 * 60 + 15],
  // Three runs a day at 07:17, 13:17 and 19:17: the night is the longest wait.
  ['cron(17 7,13,19 * * ? *)', 12 * 60, 24 * 60 + 15],
  ['rate(5 minutes)', 5, 25],
])('%s: longest gap %i min, stale after %i min', (expression, gap, window) => {
  expect(longestGap(expression)! / MIN).toBe(gap);
  expect(staleWindow(expression)! / MIN).toBe(window);
});

it('reads every shipped schedule', () => {
  for (const expression of Object.values(DEFAULT_SCHEDULES)) expect(staleWindow(expression)).not.toBeNull();
  expect(staleWindow('cron(0 9 ? * MON-FRI *)')).toBeNull();
});

const NOW = new Date('2026-03-02T12:00:00.000Z');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * MIN).toISOString();

async function run(successes: Record<string, string | null>) {
  const counted: [string, number][] = [];
  const store = {
    getSourceState: async (id: string) =>
      id in successes ? ({ sourceId: id, lastSuccessAt: successes[id] } as SourceState) : null,
  };
  const stale = await findStaleGroups(
    {
      store,
      clock: { now: () => NOW, sleep: async () => undefined },
      metrics: { count: (n, v = 1) => counted.push([n, v]) },
    },
    {
      sources: [
        { id: 'bscc', group: 'govuk' },
        { id: 'code', group: 'govuk' },
        { id: 'acts', group: 'legislation' },
        { id: 'bills', group: 'parliament' },
      ],
      schedules: DEFAULT_SCHEDULES,
    },
  );
  return { stale, counted };
}

it('calls a group stale past its own window, by its newest success, and counts them', async () => {
  const { stale, counted } = await run({ bscc: ago(50), code: ago(46), acts: ago(30 * 60), bills: ago(140) });
  // GOV.UK (45 min) and Parliament (2 h 15) are overdue; legislation (48 h 15) is not, 30 hours on.
  expect(stale).toEqual([
    { group: 'govuk', lastSuccessAt: ago(46), windowMinutes: 45 },
    { group: 'parliament', lastSuccessAt: ago(140), windowMinutes: 135 },
  ]);
  expect(counted).toEqual([[STALE_GROUPS, 2]]);
});

it('one source of a group succeeding keeps the group fresh; a group never run is not stale yet', async () => {
  const { stale, counted } = await run({ bscc: ago(600), code: ago(10), acts: null });
  expect(stale).toEqual([]);
  expect(counted).toEqual([]);
});
