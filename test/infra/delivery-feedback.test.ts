import 'aws-cdk-lib/testhelpers/jest-autoclean';
import { Match } from 'aws-cdk-lib/assertions';
import { logicalIdOf, synthStack } from '../../devtools/synth/synth-stack';
import { arnOf, statementsOfRole, tableWriteStatement } from './policy-statements';

describe('DeliveryFeedback', () => {
  const { stack, template } = synthStack();
  const topicRef = { Ref: logicalIdOf(stack, stack.feedback.topic) };
  const fnId = logicalIdOf(stack, stack.feedback.fn);

  it('creates the configuration set the sender sends through, publishing bounces and complaints to its topic', () => {
    template.resourceCountIs('AWS::SES::ConfigurationSet', 1);
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: logicalIdOf(stack, stack.feedback.configurationSet) },
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint'],
        SnsDestination: { TopicARN: topicRef },
      },
    });
  });

  it('lets SES publish to the topic, over TLS only, and subscribes the ses-feedback function to it', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'sns:Publish',
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          Match.objectLike({ Action: 'sns:Publish', Effect: 'Allow', Principal: { Service: 'ses.amazonaws.com' } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: topicRef,
      Endpoint: arnOf(fnId),
      // What SNS cannot hand to the function is kept in the dead-letter queue, not dropped.
      RedrivePolicy: { deadLetterTargetArn: arnOf(logicalIdOf(stack, stack.deadLetters.queue)) },
    });
    expect(template.toJSON().Resources[fnId].Properties.Environment.Variables.PROCWATCH_TABLE).toEqual({
      Ref: logicalIdOf(stack, stack.table.table),
    });
  });

  it('may only update items of the table (the row and the subscriber), write its logs and dead letters', () => {
    expect(statementsOfRole(template, logicalIdOf(stack, stack.feedback.fn.role!))).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: arnOf(logicalIdOf(stack, stack.feedback.logGroup)),
      },
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: arnOf(logicalIdOf(stack, stack.deadLetters.queue)) },
      tableWriteStatement(logicalIdOf(stack, stack.table.table), 'dynamodb:UpdateItem', ['DELIVERY#', 'SUBSCRIBER#']),
    ]);
  });

  it('adds the event destination to the configuration set the config names, creating none', () => {
    const custom = synthStack({ patch: { mailer: { kind: 'outbox', ses: { configurationSet: 'procwatch' } } } });
    custom.template.resourceCountIs('AWS::SES::ConfigurationSet', 0);
    custom.template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: 'procwatch',
    });
  });
});
