/**
 * Tells the operator when the monitor itself is in trouble (source failures are alerts of their own),
 * with the fewest alarms that cover it, since each alarm metric is billed monthly:
 * - `Problems`: one EMF metric the code writes (lambdas/adapters/log/emf-metrics.ts) for an email that
 *   failed for good, a complaint, a query-API 5xx answer and each schedule group gone stale (the sender
 *   looks every run, each group against its own schedule: core/stale-groups.ts). Any in 15 minutes alarms.
 * - `DeadLetters`: each new message in the dead-letter queue, also once the first is there: failed
 *   scheduled runs (checker, sender, feedback) after their retries, and invocations the scheduler could
 *   not make. Its depth alone would stay in alarm after the first and never tell of the second.
 * Function errors need no alarm of their own: every function invoked asynchronously ends in the queue,
 * and the query API's answers (errors included) are counted as Problems. Every alarm, and its recovery,
 * goes to one SNS topic, e-mailed to the operations address. That address is read from an SSM parameter
 * by a dynamic reference CloudFormation resolves at deploy time: the template, which every deploy leaves
 * in the bootstrap bucket, holds only the parameter's name.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  MathExpression,
  Metric,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Subscription, SubscriptionProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, PROBLEMS_METRIC } from '../../lambdas/adapters/log/emf-metrics';

/** Periods of the dead-letter expression looked at together: DIFF needs the value before the rise. */
export const DEAD_LETTER_PERIODS = 3;

export interface OperationsAlarmsProps {
  /** The SSM String parameter holding the operations address (`/procwatch/<stack>/ops-email`). */
  readonly opsEmailParameter: string;
  readonly deadLetterQueue: IQueue;
}

export class OperationsAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'procurement-watch operations', enforceSSL: true });
    const ops = new Subscription(this, 'OpsEmail', {
      topic: this.topic,
      protocol: SubscriptionProtocol.EMAIL,
      endpoint: `{{resolve:ssm:${props.opsEmailParameter}}}`,
    });
    Validations.of(ops).acknowledge({
      id: 'Serverless-SNSRedrivePolicy',
      reason:
        "A message SNS cannot deliver to the operator's mailbox would land in a queue whose only alarm mails " +
        "the same mailbox; the alarm's state stays visible in CloudWatch.",
    });
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'CloudWatch alarms cannot publish to a topic under the AWS-managed SNS key; a customer key costs ' +
        '$1/month and alarm texts hold no personal or secret data.',
    });

    this.add('Problems', {
      metric: new Metric({
        namespace: METRICS_NAMESPACE,
        metricName: PROBLEMS_METRIC,
        // The stack's name: two campaigns in one account each watch their own.
        dimensionsMap: { Stack: Stack.of(this).stackName },
        period: Duration.minutes(15),
        statistic: 'Sum',
      }),
      evaluationPeriods: 1,
      // Written only when something is wrong: no data is a quiet quarter hour.
      treatMissingData: TreatMissingData.NOT_BREACHING,
      description:
        'an email failed for good or drew a complaint, the query API answered 5xx, or a schedule group went ' +
        'stale: the `problem` field of the EMF lines in the log groups says which',
    });

    const depth = props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(5),
      statistic: 'Maximum',
    });
    this.add('DeadLetters', {
      metric: new MathExpression({
        // An empty idle queue reports nothing: filled as 0, so the first message is a rise too.
        expression: 'DIFF(FILL(depth, 0))',
        usingMetrics: { depth },
        period: Duration.minutes(5),
        label: 'New dead-letter messages',
      }),
      evaluationPeriods: DEAD_LETTER_PERIODS,
      datapointsToAlarm: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      description:
        'a scheduled run failed for good (or could not be invoked) and a new message waits in the dead-letter queue',
    });
  }

  private add(
    id: string,
    options: {
      metric: IMetric;
      evaluationPeriods: number;
      datapointsToAlarm?: number;
      treatMissingData: TreatMissingData;
      description: string;
    },
  ): void {
    const alarm = new Alarm(this, id, {
      alarmDescription: `procurement-watch (${Stack.of(this).stackName}): ${options.description}`,
      metric: options.metric,
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: options.evaluationPeriods,
      datapointsToAlarm: options.datapointsToAlarm,
      treatMissingData: options.treatMissingData,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    alarm.addOkAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
