/** The deployed bill's template reading: schedules to runs, alarms to billed metrics, and the marker splice. */
import type { CycleBenchResult, CycleMetrics } from '../../../bench/cycle-bench';
import {
  type BillInput,
  deployBill,
  runsPerMonth,
  STACK_PRICES,
  stackCounts,
  withCostTable,
} from '../../../bench/deploy-cost';
import { ASSUMED_PROBLEM_HOURS } from '../../../bench/metric-hours';
import { PRICES } from '../../../bench/cost-model';

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

describe('the Problems metric line', () => {
  const run = { messages: 0, rcu: 1, wcu: 0, ms: 10, logBytes: 100, problemLines: 0 };
  const cycle = (problemLines: number) => ({ mode: 'product', kind: 'unchanged', problemLines }) as CycleMetrics;
  const per = { requests: 1, bytes: 1, rcu: 1, ms: 1, logBytes: 1 };
  const billFor = (cycles: CycleMetrics[], quietProblems = 0, bundles: { handler: string; loadMsP50: number }[] = []) =>
    deployBill({
      counts: {
        functions: [
          { id: 'C', handler: 'check-sources', memoryMb: 1024, invocations: 2880 },
          { id: 'S', handler: 'send-alerts', memoryMb: 256, invocations: 8640 },
          { id: 'Q', handler: 'query-api', memoryMb: 256, invocations: 0 },
        ],
        alarms: 2,
        alarmMetrics: 2,
        customMetrics: 1,
        secretsManagerSecrets: 0,
        ssmParameters: 0,
        pitr: true,
      },
      groups: { govuk: { expression: 'cron(0/15 * * * ? *)', sources: 5 } },
      units: {
        quiet: per,
        heartbeatWcu: 1,
        perChange: { requests: 1, rcu: 1, wcu: 1, ms: 1, alerts: 1 },
        naivePerSource: { ...per, wcu: 1 },
        storedKbPerDocument: 1,
        loadMs: 1,
      },
      cycles: {
        cycles,
        deliveries: { busy: run, quiet: { ...run, problemLines: quietProblems } },
      } as unknown as CycleBenchResult,
      bundles: bundles as BillInput['bundles'],
      documentsPerSource: 10,
      query: { ms: 10, rcu: 1 },
    });
  const bill = (cycles: CycleMetrics[], quietProblems = 0) =>
    billFor(cycles, quietProblems).lines.find((l) => l.item.startsWith('Custom metrics'))!;
  const compute = (bundles: { handler: string; loadMsP50: number }[]) =>
    billFor([cycle(0)], 0, bundles).lines.find((l) => l.item === 'Lambda compute')!.usd;

  it("bills each group's cold start at its own function's load, the every-kind figure where none was measured", () => {
    const none = compute([]);
    const ownGroup = compute([
      { handler: 'check-govuk', loadMsP50: 100 },
      { handler: 'check-sources', loadMsP50: 900 },
    ]);
    const everyKind = compute([{ handler: 'check-sources', loadMsP50: 900 }]);
    // At 1 GB, each millisecond of load on each of the month's runs is a thousandth of a GB-s.
    const gbSPerMs = runsPerMonth('cron(0/15 * * * ? *)') / 1000;
    expect((ownGroup - none) / PRICES.lambdaGbSecondArm).toBeCloseTo(gbSPerMs * 100, 3);
    expect((everyKind - none) / PRICES.lambdaGbSecondArm).toBeCloseTo(gbSPerMs * 900, 3);
  });

  it('charges the assumed hours when no measured run wrote a Problems line, with every hour beside it', () => {
    const quiet = bill([cycle(0), cycle(0)]);
    expect(quiet.usd).toBeCloseTo((ASSUMED_PROBLEM_HOURS / 720) * STACK_PRICES.customMetric);
    expect(quiet.count).toMatch(/0 of 4 bench runs wrote Problems/);
    expect(quiet.count).toMatch(/every hour: \$0\.30/);
    expect(quiet.freeUsd).toBe(0);
  });

  it('adds the hours the measured rate gives, up to the whole month', () => {
    // One checker cycle in four: 720 of 2,880 runs a month, each in its own hour at most.
    expect(bill([cycle(1), cycle(0), cycle(0), cycle(0)]).usd).toBeCloseTo(STACK_PRICES.customMetric);
    expect(bill([cycle(0)], 1).count).toMatch(/1 × 720 metric-hours/);
  });
});
