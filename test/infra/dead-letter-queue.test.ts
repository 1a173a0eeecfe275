import 'aws-cdk-lib/testhelpers/jest-autoclean';
import { Match } from 'aws-cdk-lib/assertions';
import { logicalIdOf, synthStack } from '../../devtools/synth/synth-stack';
import { arnOf } from './policy-statements';

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
          // SNS may file what it could not hand to the SES feedback function, from that topic only.
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sqs:SendMessage',
            Principal: { Service: 'sns.amazonaws.com' },
            Condition: { ArnEquals: { 'aws:SourceArn': { Ref: logicalIdOf(stack, stack.feedback.topic) } } },
          }),
        ],
      },
    });
  });

  it(
    'receives the failed asynchronous invocations of every scheduled ' +
      'function (each group checker, the sender), the SES feedback function and every schedule',
    () => {
      const functions = Object.values(template.findResources('AWS::Lambda::Function')).filter(
        (f) => f.Properties.DeadLetterConfig,
      );
      // The shipped config has five source groups: five checkers, the sender and the feedback function.
      expect(stack.checker.groups).toHaveLength(5);
      expect(functions.map((f) => f.Properties.DeadLetterConfig.TargetArn)).toEqual(
        Array.from({ length: stack.checker.groups.length + 2 }, () => arnOf(queueId)),
      );
      for (const s of Object.values(template.findResources('AWS::Scheduler::Schedule')))
        expect(s.Properties.Target.DeadLetterConfig).toEqual({ Arn: arnOf(queueId) });
    },
  );
});
