/** The deployed bill's template reading: schedules to runs, alarms to billed metrics, and the marker splice. */
import { runsPerMonth, stackCounts, withCostTable } from '../../../bench/deploy-cost';

describe('runsPerMonth', () => {
  it.each([
    ['rate(5 minutes)', 30 * 288],
    ['cron(0/15 * * * ? *)', 30 * 96],
    ['cron(7 * * * ? *)', 30 * 24],
    ['cron(17 7,13,19 * * ? *)', 30 * 3],
    ['cron(37 6 * * ? *)', 30],
  ])('%s runs %d times in a 30-day month', (expression, runs) => {
    expect(runsPerMonth(expression)).toBe(runs);
  });
});

it('counts each alarm by the metrics it reads, and the custom ones once', () => {
  const alarm = (Namespace: string, MetricName: string) => ({
    Type: 'AWS::CloudWatch::Alarm',
    Properties: { Namespace, MetricName },
  });
  const math = {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      Metrics: [
        { Id: 'a', MetricStat: { Metric: { Namespace: 'App', MetricName: 'Sent' } } },
        { Id: 'b', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Errors' } } },
        { Id: 'e', Expression: 'a + b' },
      ],
    },
  };
  const counts = stackCounts({
    Resources: { A: alarm('AWS/Lambda', 'Errors'), B: alarm('App', 'Sent'), C: math },
  });
  expect(counts).toEqual(expect.objectContaining({ alarms: 3, alarmMetrics: 4, customMetrics: 1 }));
});

it('replaces only what lies between the markers', () => {
  const doc = 'intro\n<!-- cost-table:start -->\nold\n<!-- cost-table:end -->\nrest\n';
  expect(withCostTable(doc, 'new')).toBe('intro\n<!-- cost-table:start -->\nnew\n<!-- cost-table:end -->\nrest\n');
  expect(() => withCostTable('no markers', 'new')).toThrow(/markers/);
});
