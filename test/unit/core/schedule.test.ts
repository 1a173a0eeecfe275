import { nextRun } from '../../../lambdas/core/schedule';

const NOW = new Date('2026-03-02T09:08:30.000Z');

it.each([
  ['cron(0/15 * * * ? *)', '2026-03-02T09:15:00.000Z'],
  ['cron(7 * * * ? *)', '2026-03-02T10:07:00.000Z'],
  ['cron(37 6 * * ? *)', '2026-03-03T06:37:00.000Z'],
  ['cron(23 * * * ? *)', '2026-03-02T09:23:00.000Z'],
  // The campaigns group's list of hours.
  ['cron(17 7,13,19 * * ? *)', '2026-03-02T13:17:00.000Z'],
])('%s runs next at %s', (expr, next) => {
  expect(nextRun(expr, null, NOW)).toBe(next);
});

it('rate() counts from the last run, never into the past', () => {
  expect(nextRun('rate(5 minutes)', '2026-03-02T09:06:00.000Z', NOW)).toBe('2026-03-02T09:11:00.000Z');
  expect(nextRun('rate(1 hour)', '2026-03-01T00:00:00.000Z', NOW)).toBe(NOW.toISOString());
});

it('says unknown (null) for what it cannot compute rather than guessing', () => {
  expect(nextRun('cron(0 9 ? * MON-FRI *)', null, NOW)).toBeNull();
});
