import 'aws-cdk-lib/testhelpers/jest-autoclean';
import { Match } from 'aws-cdk-lib/assertions';
import { arnOf, logicalIdOf, synthStack } from './synth-stack';

const { stack, template } = synthStack();
const queueId = logicalIdOf(stack, stack.deadLetters.queue);

describe('DeadLetterQueue', () => {
  it('is one queue, encrypted, keeping a failure for the 14 days SQS allows', () => {
    template.resourceCountIs('AWS::SQS::Queue', 1);
    template.hasResourceProperties('AWS::SQS::Queue', {
      MessageRetentionPeriod: 14 * 24 * 3600,
      SqsManagedSseEnabled: true,
    });
  });

  it('refuses anything but TLS', () => {
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            Resource: arnOf(queueId),
          }),
        ],
      },
    });
  });

  it('receives the failed asynchronous invocations of both scheduled functions, the SES feedback function and every schedule', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function')).filter(
      (f) => f.Properties.DeadLetterConfig,
    );
    expect(functions.map((f) => f.Properties.DeadLetterConfig.TargetArn)).toEqual([
      arnOf(queueId),
      arnOf(queueId),
      arnOf(queueId),
    ]);
    for (const s of Object.values(template.findResources('AWS::Scheduler::Schedule')))
      expect(s.Properties.Target.DeadLetterConfig).toEqual({ Arn: arnOf(queueId) });
  });
});
