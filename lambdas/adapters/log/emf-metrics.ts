/**
 * Counters as CloudWatch embedded metric format (EMF) lines: in Lambda, a JSON line on stdout with
 * an `_aws` member becomes a metric without any API call or permission. Namespace and dimension
 * are the ones the stack's alarm watches (lib/constructs/operations-alarms.ts).
 */
import type { Metrics } from '../../core/ports';

export const METRICS_NAMESPACE = 'ProcurementWatch';
export const METRICS_SERVICE = 'procurement-watch';

export class EmfMetrics implements Metrics {
  constructor(
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
    private readonly now: () => Date = () => new Date(),
  ) {}

  count(name: string, value = 1): void {
    this.write(
      JSON.stringify({
        _aws: {
          Timestamp: this.now().getTime(),
          CloudWatchMetrics: [
            { Namespace: METRICS_NAMESPACE, Dimensions: [['Service']], Metrics: [{ Name: name, Unit: 'Count' }] },
          ],
        },
        Service: METRICS_SERVICE,
        [name]: value,
      }),
    );
  }
}
