/** The Problems metric's billed hours: read from the EMF lines the code writes, plus the named assumption. */
import { EmfMetrics } from '../../../lambdas/adapters/log/emf-metrics';
import { ASSUMED_PROBLEM_HOURS, isProblemLine, problemMetricHours } from '../../../bench/metric-hours';

it('recognises the lines EmfMetrics writes for a count above zero, and nothing else', () => {
  const lines: string[] = [];
  const metrics = new EmfMetrics(
    (line) => lines.push(line),
    () => new Date(0),
    'bench',
  );
  metrics.count('StaleGroups', 2);
  metrics.count('DeliveriesFailed', 0);
  expect(lines).toHaveLength(1);
  expect(isProblemLine(lines[0])).toBe(true);
  expect(isProblemLine(JSON.stringify({ level: 'info', msg: 'cycle finished', Problems: 1 }))).toBe(false);
  expect(isProblemLine('not json')).toBe(false);
});

it('bills the measured problem hours plus the assumed ones, never more than every hour of the month', () => {
  const quiet = { handler: 'send-alerts', runs: 2, runsWithProblems: 0, monthlyInvocations: 8640 };
  expect(problemMetricHours([quiet])).toEqual(
    expect.objectContaining({ measured: 0, assumed: ASSUMED_PROBLEM_HOURS, billed: ASSUMED_PROBLEM_HOURS }),
  );
  const some = { handler: 'check-sources', runs: 100, runsWithProblems: 1, monthlyInvocations: 2880 };
  expect(problemMetricHours([some], 0).measured).toBeCloseTo(28.8);
  const always = { ...quiet, runsWithProblems: 2 };
  expect(problemMetricHours([always])).toEqual(expect.objectContaining({ measured: 720, billed: 720 }));
});
