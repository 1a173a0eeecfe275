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
const dlqId = logicalIdOf(stack, stack.deadLetters.queue);
const GROUPS = ['campaigns', 'default', 'govuk', 'legislation', 'parliament', 'procurement'];
const checkers = stack.checker.groups;

describe('ScheduledChecker', () => {
  it('makes one function per source group, each built with only the kinds its sources use', () => {
    expect(checkers.map((c) => c.group)).toEqual(GROUPS);
    const kinds = Object.fromEntries(checkers.map((c) => [c.group, c.kinds]));
    expect(kinds.govuk).toEqual(['govuk-content', 'govuk-search', 'html-list']);
    expect(kinds.parliament).toEqual([
      'govuk-content',
      'parliament-bill',
      'parliament-questions',
      'parliament-statements',
    ]);
    expect(kinds.procurement).toEqual(['contracts-finder', 'find-a-tender']);
    expect(kinds.default).toEqual(['govuk-content']);
    for (const c of checkers) {
      const fn = template.toJSON().Resources[logicalIdOf(stack, c.fn)].Properties;
      expect(fn.Description).toBe(
        `procurement-watch: check the "${c.group}" sources (${c.kinds.join(', ')}) and record what changed`,
      );
    }
  });

  it.each(GROUPS)('runs the %s checker on Node.js 22, arm64, with the table name in its environment', (group) => {
    const c = stack.checker.of(group);
    expect(template.toJSON().Resources[logicalIdOf(stack, c.fn)].Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Timeout: 600,
      Environment: {
        Variables: {
          PROCWATCH_TABLE: { Ref: logicalIdOf(stack, stack.table.table) },
        },
      },
      LoggingConfig: { LogGroup: { Ref: logicalIdOf(stack, c.logGroup) } },
      DeadLetterConfig: { TargetArn: arnOf(dlqId) },
    });
  });

  it.each(GROUPS)('never runs two %s cycles at once: reserved concurrency 1', (group) => {
    const fnId = logicalIdOf(stack, stack.checker.of(group).fn);
    expect(template.toJSON().Resources[fnId].Properties.ReservedConcurrentExecutions).toBe(1);
  });

  it.each(GROUPS)('sends a failed or too-old %s invocation to the dead-letter queue, not retried', (group) => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalIdOf(stack, stack.checker.of(group).fn) },
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 3600,
    });
  });

  it('keeps their logs for 30 days', () => {
    for (const c of checkers)
      expect(template.toJSON().Resources[logicalIdOf(stack, c.logGroup)].Properties.RetentionInDays).toBe(30);
  });

  it.each(GROUPS)('lets the %s checker write its log group, the table and the queue — nothing else', (group) => {
    const c = stack.checker.of(group);
    const statements = statementsOfRole(template, logicalIdOf(stack, c.fn.role!));
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: arnOf(logicalIdOf(stack, c.logGroup)),
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

  it('has one schedule per source group, in Europe/London time, passing the group to its own function', () => {
    // The sender's schedule passes no group.
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')).filter(
      (s) => s.Properties.Target.Input && JSON.parse(s.Properties.Target.Input).group,
    );
    const byGroup: Record<string, any> = Object.fromEntries(
      schedules.map((s) => [JSON.parse(s.Properties.Target.Input).group, s.Properties]),
    );
    expect(Object.keys(byGroup).sort()).toEqual(GROUPS);
    expect(byGroup.procurement.ScheduleExpression).toBe(DEFAULT_SCHEDULES.procurement);
    expect(byGroup.campaigns.ScheduleExpression).toBe(DEFAULT_SCHEDULES.campaigns);
    expect(byGroup.govuk.ScheduleExpression).toBe(DEFAULT_SCHEDULES.govuk);
    expect(byGroup.parliament.ScheduleExpression).toBe(DEFAULT_SCHEDULES.parliament);
    expect(byGroup.legislation.ScheduleExpression).toBe(DEFAULT_SCHEDULES.legislation);
    expect(byGroup.default.ScheduleExpression).toBe(FALLBACK_SCHEDULE);
    for (const [group, s] of Object.entries(byGroup)) {
      const c = stack.checker.of(group);
      expect(s.Target.Arn['Fn::GetAtt'][0]).toBe(logicalIdOf(stack, c.fn));
      expect(s.ScheduleExpressionTimezone).toBe('Europe/London');
      expect(s.State).toBe('ENABLED');
      expect(s.Target.DeadLetterConfig).toEqual({ Arn: arnOf(dlqId) });
      expect(s.Target.RoleArn).toEqual(arnOf(logicalIdOf(stack, c.invokeRole.role)));
    }
  });

  it.each(GROUPS)(
    "lets the %s scheduler role invoke only its group's checker and dead-letter to the queue",
    (group) => {
      const c = stack.checker.of(group);
      const fnId = logicalIdOf(stack, c.fn);
      const roleId = logicalIdOf(stack, c.invokeRole.role);
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
    },
  );

  it("names each group's function in an output, to invoke by hand", () => {
    const outputs = template.toJSON().Outputs;
    expect(outputs.CheckFunctionGovuk.Value).toEqual({ Ref: logicalIdOf(stack, stack.checker.of('govuk').fn) });
    expect(outputs.CheckFunctionDefault.Description).toBe(
      'Invoke with {"group":"default"} to check the "default" sources now',
    );
    expect(Object.keys(outputs).filter((k) => k.startsWith('CheckFunction'))).toHaveLength(GROUPS.length);
  });

  it("takes a group's schedule from deploy.schedules when the config names one", () => {
    const custom = synthStack({ patch: { sources, deploy: { schedules: { govuk: 'rate(30 minutes)' } } } });
    custom.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(30 minutes)',
      Target: { Input: '{"group":"govuk"}' },
    });
  });
});
