import 'aws-cdk-lib/testhelpers/jest-autoclean';
import { Match } from 'aws-cdk-lib/assertions';
import { DEAD_LETTER_PERIODS } from '../../lib/constructs/operations-alarms';
import { EmfMetrics, METRICS_NAMESPACE, PROBLEMS_METRIC } from '../../lambdas/adapters/log/emf-metrics';
import { DELIVERIES_FAILED } from '../../lambdas/core/deliver-alerts';
import { DELIVERY_COMPLAINTS } from '../../lambdas/core/record-feedback';
import { STALE_GROUPS } from '../../lambdas/core/stale-groups';
import { API_SERVER_ERRORS } from '../../lambdas/handlers/query-api';
import { logicalIdOf, synthStack } from '../../devtools/synth/synth-stack';

const { stack, template } = synthStack({ patch: { deploy: { stackName: 'Watch' } } });
const topicRef = { Ref: logicalIdOf(stack, stack.alarms.topic) };
const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);

/** Metrics an alarm reads: each one is billed, so the count is what the budget sees. */
function metricsOf(alarm: Record<string, unknown>): number {
  const metrics = alarm.Metrics as { MetricStat?: unknown }[] | undefined;
  return metrics ? metrics.filter((m) => m.MetricStat).length : 1;
}

describe('OperationsAlarms', () => {
  it('e-mails the operations address, read from SSM at deploy time, over a TLS-only topic', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      // A dynamic reference: the template names the parameter, never the address.
      Endpoint: '{{resolve:ssm:/procwatch/Watch/ops-email}}',
      TopicArn: topicRef,
    });
    // The other subscription is the SES feedback topic's function (delivery-feedback.test.ts).
    expect(
      Object.keys(template.findResources('AWS::SNS::Subscription', { Properties: { Protocol: 'email' } })),
    ).toHaveLength(1);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: 'sns:Publish',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            Effect: 'Deny',
            Principal: '*',
            Resource: topicRef,
          }),
        ],
      },
    });
  });

  it("reads the default stack's parameter when no stack name is configured", () => {
    synthStack().template.hasResourceProperties('AWS::SNS::Subscription', {
      Endpoint: '{{resolve:ssm:/procwatch/ProcurementWatch/ops-email}}',
    });
  });

  it('covers everything with two alarms reading two metrics in all', () => {
    expect(alarms).toHaveLength(2);
    expect(alarms.reduce((n, a) => n + metricsOf(a), 0)).toBe(2);
  });

  it("alarms on any Problem of this stack's in 15 minutes, quiet when nothing was written", () => {
    expect(alarms.find((a) => a.MetricName === PROBLEMS_METRIC)).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      Dimensions: [{ Name: 'Stack', Value: 'Watch' }],
      Statistic: 'Sum',
      Period: 900,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  it(
    'feeds every kind of problem the code counts into that metric, ' + 'under the name of the stack the function is in',
    () => {
      for (const name of [DELIVERIES_FAILED, DELIVERY_COMPLAINTS, API_SERVER_ERRORS, STALE_GROUPS]) {
        const lines: string[] = [];
        new EmfMetrics((l) => lines.push(l), undefined, 'Watch').count(name, 2);
        const emf = JSON.parse(lines[0]);
        expect(emf._aws.CloudWatchMetrics).toEqual([
          {
            Namespace: METRICS_NAMESPACE,
            Dimensions: [['Stack']],
            Metrics: [{ Name: PROBLEMS_METRIC, Unit: 'Count' }],
          },
        ]);
        expect(emf).toMatchObject({ Stack: 'Watch', [PROBLEMS_METRIC]: 2, problem: name });
      }
      // A zero is never published: a quiet month publishes no metric (and bills none).
      const quiet: string[] = [];
      new EmfMetrics((l) => quiet.push(l)).count(STALE_GROUPS, 0);
      expect(quiet).toEqual([]);
      // The functions that count are told their stack's name, the alarm's dimension.
      for (const fn of [stack.sender.fn, stack.api.fn, stack.feedback.fn]) {
        const props = template.toJSON().Resources[logicalIdOf(stack, fn)].Properties;
        expect(props.Environment.Variables.PROCWATCH_STACK).toBe('Watch');
      }
    },
  );

  it('alarms on each new dead-letter message, also when the queue already holds one', () => {
    const alarm = alarms.find((a) => a.Metrics)!;
    expect(alarm).toMatchObject({
      EvaluationPeriods: DEAD_LETTER_PERIODS,
      DatapointsToAlarm: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    const [expression, depth] = [
      alarm.Metrics.find((m: { Expression?: string }) => m.Expression),
      alarm.Metrics.find((m: { MetricStat?: unknown }) => m.MetricStat),
    ];
    // The rise in depth, not the depth: a second message while the first waits is a rise again.
    expect(expression).toMatchObject({ Expression: `DIFF(FILL(${depth.Id}, 0))`, ReturnData: true });
    expect(depth.MetricStat).toMatchObject({
      Metric: {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [
          { Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalIdOf(stack, stack.deadLetters.queue), 'QueueName'] } },
        ],
      },
      Period: 300,
      Stat: 'Maximum',
    });
  });

  it('sends every alarm, and its recovery, to the operations topic', () => {
    for (const a of alarms) {
      expect(a.AlarmActions).toEqual([topicRef]);
      expect(a.OKActions).toEqual([topicRef]);
    }
  });
});
