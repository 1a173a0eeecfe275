import 'aws-cdk-lib/testhelpers/jest-autoclean';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SCHEDULES, FALLBACK_SCHEDULE } from '../../lib/deploy-settings';
import { PROJECT_ROOT, logicalIdOf, synthStack } from '../../devtools/synth/synth-stack';
import { arnOf, statementsOfRole, tableReadStatement, tableWriteStatement } from './policy-statements';

const repoSources = JSON.parse(readFileSync(join(PROJECT_ROOT, 'procwatch.config.json'), 'utf8')).sources as Record<
  string,
  unknown
>[];
/** The repository's (GOV.UK) sources plus one source in each other group, and one in no group. */
const sources = [
  ...repoSources,
  { id: 'bill', kind: 'govuk-content', group: 'parliament', path: '/government/publications/a' },
  { id: 'act', kind: 'govuk-content', group: 'legislation', path: '/government/publications/b' },
  { id: 'loose', kind: 'govuk-content', path: '/government/publications/c' },
];
const { stack, template } = synthStack({ patch: { sources } });
const fnId = logicalIdOf(stack, stack.checker.fn);
const dlqId = logicalIdOf(stack, stack.deadLetters.queue);

describe('ScheduledChecker', () => {
  it('runs check-sources on Node.js 22, arm64, with the table name and source maps in its environment', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Timeout: 600,
      Environment: {
        Variables: {
          PROCWATCH_TABLE: { Ref: logicalIdOf(stack, stack.table.table) },
          NODE_OPTIONS: '--enable-source-maps',
        },
      },
      LoggingConfig: { LogGroup: { Ref: logicalIdOf(stack, stack.checker.logGroup) } },
      DeadLetterConfig: { TargetArn: arnOf(dlqId) },
    });
  });

  it('never runs two cycles at once: reserved concurrency 1', () => {
    expect(template.toJSON().Resources[fnId].Properties.ReservedConcurrentExecutions).toBe(1);
  });

  it('sends a failed or too-old asynchronous invocation to the dead-letter queue without retrying it', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: fnId },
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 3600,
    });
  });

  it('keeps its logs for 30 days', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    expect(template.toJSON().Resources[logicalIdOf(stack, stack.checker.logGroup)].Properties.RetentionInDays).toBe(30);
  });

  it('may write its own log group, the table and its indexes, and the dead-letter queue — nothing else', () => {
    const statements = statementsOfRole(template, logicalIdOf(stack, stack.checker.fn.role!));
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: arnOf(logicalIdOf(stack, stack.checker.logGroup)),
      },
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: arnOf(dlqId) },
      tableReadStatement(logicalIdOf(stack, stack.table.table)),
      tableWriteStatement(
        logicalIdOf(stack, stack.table.table),
        ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
        ['DOC#', 'CHANGE#', 'ALERT#', 'SOURCE#', 'LOCK#'],
      ),
      tableWriteStatement(logicalIdOf(stack, stack.table.table), 'dynamodb:DeleteItem', ['LOCK#']),
    ]);
  });

  it('has one schedule per source group, in Europe/London time, passing the group as the event', () => {
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')).filter(
      (s) => s.Properties.Target.Arn['Fn::GetAtt'][0] === fnId,
    );
    const byGroup: Record<string, any> = Object.fromEntries(
      schedules.map((s) => [JSON.parse(s.Properties.Target.Input).group, s.Properties]),
    );
    expect(Object.keys(byGroup).sort()).toEqual([
      'campaigns',
      'default',
      'govuk',
      'legislation',
      'parliament',
      'procurement',
    ]);
    expect(byGroup.procurement.ScheduleExpression).toBe(DEFAULT_SCHEDULES.procurement);
    expect(byGroup.campaigns.ScheduleExpression).toBe(DEFAULT_SCHEDULES.campaigns);
    expect(byGroup.govuk.ScheduleExpression).toBe(DEFAULT_SCHEDULES.govuk);
    expect(byGroup.parliament.ScheduleExpression).toBe(DEFAULT_SCHEDULES.parliament);
    expect(byGroup.legislation.ScheduleExpression).toBe(DEFAULT_SCHEDULES.legislation);
    expect(byGroup.default.ScheduleExpression).toBe(FALLBACK_SCHEDULE);
    for (const s of Object.values(byGroup)) {
      expect(s.ScheduleExpressionTimezone).toBe('Europe/London');
      expect(s.State).toBe('ENABLED');
      expect(s.Target.DeadLetterConfig).toEqual({ Arn: arnOf(dlqId) });
      expect(s.Target.RoleArn).toEqual(
        arnOf(logicalIdOf(stack, stack.checker.node.findChild('ScheduleRole').node.findChild('Role'))),
      );
    }
  });

  it('lets the scheduler role invoke only the checker and dead-letter to the queue', () => {
    const roleId = logicalIdOf(stack, stack.checker.node.findChild('ScheduleRole').node.findChild('Role'));
    const role = template.toJSON().Resources[roleId];
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
      },
    ]);
    expect(statementsOfRole(template, roleId)).toEqual([
      {
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: [arnOf(fnId), { 'Fn::Join': ['', [arnOf(fnId), ':*']] }],
      },
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: arnOf(dlqId) },
    ]);
  });

  it("takes a group's schedule from deploy.schedules when the config names one", () => {
    const custom = synthStack({ patch: { sources, deploy: { schedules: { govuk: 'rate(30 minutes)' } } } });
    custom.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(30 minutes)',
      Target: { Input: '{"group":"govuk"}' },
    });
  });
});
