import 'aws-cdk-lib/testhelpers/jest-autoclean';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { CLEAN_CYCLE_METRIC, METRIC_NAMESPACE } from '../../lib/constructs/operations-alarms';
import { EmfMetrics } from '../../lambdas/adapters/log/emf-metrics';
import { DELIVERIES_FAILED } from '../../lambdas/core/deliver-alerts';
import { DELIVERY_COMPLAINTS } from '../../lambdas/core/record-feedback';
import { logicalIdOf, synthStack } from './synth-stack';

const { stack, template } = synthStack({ patch: { deploy: { opsEmail: 'ops@example.org' } } });
const topicRef = { Ref: logicalIdOf(stack, stack.alarms.topic) };
const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);

describe('OperationsAlarms', () => {
  it('e-mails the operations address from the config, over a TLS-only topic', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.org',
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

  it('falls back to the first alert recipient when no ops address is configured', () => {
    synthStack().template.hasResourceProperties('AWS::SNS::Subscription', { Endpoint: 'campaign-team@example.org' });
  });

  it('alarms on errors and throttles of every function', () => {
    for (const fn of [stack.checker.fn, stack.sender.fn, stack.api.fn, stack.feedback.fn]) {
      const id = logicalIdOf(stack, fn);
      for (const metric of ['Errors', 'Throttles']) {
        const alarm = alarms.find((a) => a.MetricName === metric && a.Dimensions?.[0]?.Value?.Ref === id);
        expect(alarm).toMatchObject({
          Namespace: 'AWS/Lambda',
          Statistic: 'Sum',
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        });
      }
    }
  });

  it('alarms as soon as anything is in the dead-letter queue', () => {
    expect(alarms.find((a) => a.Namespace === 'AWS/SQS')).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        { Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalIdOf(stack, stack.deadLetters.queue), 'QueueName'] } },
      ],
      Statistic: 'Maximum',
      Threshold: 1,
      Period: 300,
    });
  });

  it('counts clean cycles from the checker\'s "cycle finished" log line and alarms after 2 hours without one, also when nothing ran', () => {
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: logicalIdOf(stack, stack.checker.logGroup) },
      FilterPattern: '{ ($.message = "cycle finished") && ($.failed = 0) }',
      MetricTransformations: [{ MetricNamespace: METRIC_NAMESPACE, MetricName: CLEAN_CYCLE_METRIC, MetricValue: '1' }],
    });
    expect(alarms.find((a) => a.MetricName === CLEAN_CYCLE_METRIC)).toMatchObject({
      Namespace: METRIC_NAMESPACE,
      Period: 3600,
      EvaluationPeriods: 2,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
  });

  it('matches the line the check-sources handler really writes (a renamed message would silence the alarm)', () => {
    const handler = readFileSync(join(__dirname, '..', '..', 'lambdas', 'handlers', 'check-sources.ts'), 'utf8');
    expect(handler).toMatch(/logger\.info\('cycle finished', \{[^}]*\bfailed\b/);
  });

  it('alarms on any email that failed for good, and on any complaint, from the EMF metrics the code writes', () => {
    for (const name of [DELIVERIES_FAILED, DELIVERY_COMPLAINTS]) {
      expect(alarms.find((a) => a.MetricName === name)).toMatchObject({
        Namespace: METRIC_NAMESPACE,
        Dimensions: [{ Name: 'Service', Value: 'procurement-watch' }],
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
      // The line EmfMetrics writes names the same namespace, dimension and metric.
      const lines: string[] = [];
      new EmfMetrics((l) => lines.push(l)).count(name);
      const emf = JSON.parse(lines[0]);
      expect(emf._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: METRIC_NAMESPACE, Dimensions: [['Service']] });
      expect(emf).toMatchObject({ Service: 'procurement-watch', [name]: 1 });
    }
  });

  it('sends every alarm, and its recovery, to the operations topic', () => {
    expect(alarms).toHaveLength(12);
    for (const a of alarms) {
      expect(a.AlarmActions).toEqual([topicRef]);
      expect(a.OKActions).toEqual([topicRef]);
    }
  });
});
