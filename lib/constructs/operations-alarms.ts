/**
 * Tells the operator when the monitor itself is in trouble (source failures are alerts of their
 * own): errors and throttles of each function, anything in the dead-letter queue, no clean
 * watch cycle for two hours, and any email that failed for good or drew a complaint (a campaign
 * that silently stops receiving alerts is the failure this monitor exists to prevent). Every alarm (and its recovery) goes to one SNS topic, e-mailed to
 * the operations address from the config.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, MetricFilter, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, METRICS_SERVICE } from '../../lambdas/adapters/log/emf-metrics';
import { DELIVERIES_FAILED } from '../../lambdas/core/deliver-alerts';
import { DELIVERY_COMPLAINTS } from '../../lambdas/core/record-feedback';

export const METRIC_NAMESPACE = 'ProcurementWatch';
export const CLEAN_CYCLE_METRIC = 'CleanCycles';
/** How long without a clean cycle before someone is told (the default GOV.UK schedule runs 8 in that time). */
export const STALE_AFTER_HOURS = 2;

export interface OperationsAlarmsProps {
  readonly opsEmail: string;
  /** Name (used in alarm names) → function whose errors and throttles are watched. */
  readonly functions: Readonly<Record<string, IFunction>>;
  readonly deadLetterQueue: IQueue;
  /** The checker's log group: its "cycle finished" lines are counted. */
  readonly checkerLogGroup: ILogGroup;
}

export class OperationsAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'procurement-watch operations', enforceSSL: true });
    this.topic.addSubscription(new EmailSubscription(props.opsEmail));
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'CloudWatch alarms cannot publish to a topic under the AWS-managed SNS key; a customer key costs $1/month and alarm texts hold no personal or secret data.',
    });

    for (const [name, fn] of Object.entries(props.functions)) {
      this.add(
        `${name}Errors`,
        fn.metricErrors({ period: Duration.minutes(15), statistic: 'Sum' }),
        1,
        `${name}: the function failed (see its log group)`,
      );
      this.add(
        `${name}Throttles`,
        fn.metricThrottles({ period: Duration.hours(1), statistic: 'Sum' }),
        1,
        `${name}: invocations were throttled (a run overlapped the next, or the API was flooded)`,
      );
    }
    this.add(
      'DeadLetters',
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      1,
      'A scheduled run failed for good and is waiting in the dead-letter queue',
    );

    // Counted by the sender and the feedback function as EMF lines (lambdas/adapters/log/emf-metrics.ts).
    const delivery = (metricName: string) =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { Service: METRICS_SERVICE },
        period: Duration.minutes(15),
        statistic: 'Sum',
      });
    this.add(
      'DeliveriesFailed',
      delivery(DELIVERIES_FAILED),
      1,
      'An alert email failed for good (rejected, retries spent, or bounced): `procwatch resend --failed` once fixed',
    );
    this.add(
      'DeliveryComplaints',
      delivery(DELIVERY_COMPLAINTS),
      1,
      'A recipient marked an alert email as spam; the address is suppressed (`procwatch subscribers`)',
    );

    // A clean cycle: the checker's "cycle finished" log line with no failed source (JsonLogger writes one JSON object a line).
    new MetricFilter(this, 'CleanCycleFilter', {
      logGroup: props.checkerLogGroup,
      filterPattern: FilterPattern.all(
        FilterPattern.stringValue('$.message', '=', 'cycle finished'),
        FilterPattern.numberValue('$.failed', '=', 0),
      ),
      metricNamespace: METRIC_NAMESPACE,
      metricName: CLEAN_CYCLE_METRIC,
      metricValue: '1',
    });
    const clean = new Metric({
      namespace: METRIC_NAMESPACE,
      metricName: CLEAN_CYCLE_METRIC,
      period: Duration.hours(1),
      statistic: 'Sum',
    });
    this.add(
      'NoCleanCycle',
      clean,
      1,
      `No watch cycle finished without a failed source for ${STALE_AFTER_HOURS} hours`,
      {
        comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: STALE_AFTER_HOURS,
        // No line at all (the checker not running) is exactly what this alarm is for.
        treatMissingData: TreatMissingData.BREACHING,
      },
    );
  }

  private add(
    id: string,
    metric: Metric,
    threshold: number,
    description: string,
    options: {
      comparisonOperator?: ComparisonOperator;
      evaluationPeriods?: number;
      treatMissingData?: TreatMissingData;
    } = {},
  ): void {
    const alarm = new Alarm(this, id, {
      alarmDescription: `procurement-watch: ${description}`,
      metric,
      threshold,
      comparisonOperator: options.comparisonOperator ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      treatMissingData: options.treatMissingData ?? TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    alarm.addOkAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
