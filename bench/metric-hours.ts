/**
 * How many hours a month the `Problems` metric exists. CloudWatch prorates a custom metric by the
 * hours in which it is published, and lambdas/adapters/log/emf-metrics.ts writes a line only when a
 * count is above zero, so a month's metric cost follows the hours with a problem, not the calendar.
 * The bench reads the EMF lines its measured runs actually wrote (no literal stands in for them);
 * what a replay cannot produce (a bounce, a complaint, an outage) is an assumption, named here.
 */
import { PROBLEMS_METRIC } from '../lambdas/adapters/log/emf-metrics';
import { ASSUMPTIONS } from './cost-model';

/**
 * Hours a month with at least one problem that the bench cannot provoke: roughly one a day (a bounce,
 * a complaint, a slow source group), generous for a handful of recipients.
 */
export const ASSUMED_PROBLEM_HOURS = 30;

/** Whether one written log line is an EMF record carrying a `Problems` value above zero. */
export function isProblemLine(line: string): boolean {
  let record: { _aws?: { CloudWatchMetrics?: { Metrics?: { Name?: string }[] }[] } } & Record<string, unknown>;
  try {
    record = JSON.parse(line) as typeof record;
  } catch {
    return false;
  }
  const declared = (record._aws?.CloudWatchMetrics ?? []).some((d) =>
    (d.Metrics ?? []).some((m) => m.Name === PROBLEMS_METRIC),
  );
  return declared && Number(record[PROBLEMS_METRIC]) > 0;
}

/** Measured runs of one function in the bench, and how many of them wrote a `Problems` line. */
export interface ProblemObservation {
  handler: string;
  runs: number;
  runsWithProblems: number;
  /** That function's invocations a month, as deployed. */
  monthlyInvocations: number;
}

export interface MetricHours {
  /** Hours a month the measured rate gives, at most one per problem invocation (an upper bound). */
  measured: number;
  assumed: number;
  /** What is billed: measured plus assumed, capped at every hour of the month. */
  billed: number;
  hoursInMonth: number;
  runs: number;
  runsWithProblems: number;
}

export function problemMetricHours(observed: ProblemObservation[], assumed = ASSUMED_PROBLEM_HOURS): MetricHours {
  const hoursInMonth = ASSUMPTIONS.days * 24;
  const invocations = observed.reduce(
    (n, o) => n + (o.runs ? (o.runsWithProblems / o.runs) * o.monthlyInvocations : 0),
    0,
  );
  const measured = Math.min(hoursInMonth, invocations);
  return {
    measured,
    assumed,
    billed: Math.min(hoursInMonth, measured + assumed),
    hoursInMonth,
    runs: observed.reduce((n, o) => n + o.runs, 0),
    runsWithProblems: observed.reduce((n, o) => n + o.runsWithProblems, 0),
  };
}
