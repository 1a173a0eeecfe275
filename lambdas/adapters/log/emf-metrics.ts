/**
 * Problems as CloudWatch embedded metric format (EMF) lines: in Lambda, a JSON line on stdout with an
 * `_aws` member becomes a metric without any API call or permission. Every counter the code keeps is a
 * problem the operator must hear of (an email failed for good, a complaint, an API 5xx, a stale group),
 * so all of them feed one metric, `Problems`, with the counter's name as a plain property (Logs Insights
 * splits them): one custom metric and one alarm instead of one per kind, each billed monthly. Only a
 * count above zero is written, so a quiet month publishes no metric at all. The dimension is the stack's
 * name, so two campaigns in one account keep two metrics (lib/constructs/operations-alarms.ts).
 */
import type { Metrics } from '../../core/ports';

export const METRICS_NAMESPACE = 'ProcurementWatch';
export const PROBLEMS_METRIC = 'Problems';
/** What each function's environment names its stack by (the constructs set it). */
export const STACK_NAME_ENV = 'PROCWATCH_STACK';
/** The dimension outside AWS (a local run never publishes, but the line says which). */
export const LOCAL_STACK = 'local';

export class EmfMetrics implements Metrics {
  constructor(
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
    private readonly now: () => Date = () => new Date(),
    private readonly stack: string = process.env[STACK_NAME_ENV] ?? LOCAL_STACK,
  ) {}

  count(name: string, value = 1): void {
    if (value <= 0) return;
    this.write(
      JSON.stringify({
        _aws: {
          Timestamp: this.now().getTime(),
          CloudWatchMetrics: [
            {
              Namespace: METRICS_NAMESPACE,
              Dimensions: [['Stack']],
              Metrics: [{ Name: PROBLEMS_METRIC, Unit: 'Count' }],
            },
          ],
        },
        Stack: this.stack,
        [PROBLEMS_METRIC]: value,
        problem: name,
      }),
    );
  }
}
