/**
 * When each group of sources is checked when deployed (EventBridge Scheduler expressions), staggered so
 * two groups never start in the same minute: the checker has a reserved concurrency of 1, and a collision
 * would cost a throttle and a delayed retry. Here (not in lib/) so the sources dashboard can say when a
 * source is next checked; the CDK app re-exports them.
 */
export const DEFAULT_SCHEDULES: Readonly<Record<string, string>> = {
  govuk: 'cron(0/15 * * * ? *)',
  parliament: 'cron(7 * * * ? *)',
  legislation: 'cron(37 6 * * ? *)',
  /** Find a Tender and Contracts Finder: hourly is well inside their limits, and notices stay open for weeks. */
  procurement: 'cron(47 * * * ? *)',
  /** Campaign groups' own sites: three times a day is polite to a small site and soon enough for a letter. */
  campaigns: 'cron(17 7,13,19 * * ? *)',
};
/** Any group without its own schedule (sources with no `group` are in `default`) is checked hourly. */
export const FALLBACK_SCHEDULE = 'cron(23 * * * ? *)';

/** Group → the expression its sources are checked on: the configured ones over the defaults. */
export function schedulesFor(configured: Record<string, string> = {}): Record<string, string> {
  return { default: FALLBACK_SCHEDULE, ...DEFAULT_SCHEDULES, ...configured };
}
