import 'aws-cdk-lib/testhelpers/jest-autoclean';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { DEFAULT_SEND_SCHEDULE } from '../../lib/deploy-settings';
import { logicalIdOf, synthStack } from '../../devtools/synth/synth-stack';
import { arnOf, statementsOfRole, tableReadStatement, tableWriteStatement } from './policy-statements';

const sesArn = (identityId: string) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:eu-west-2:123456789012:identity/', { Ref: identityId }]],
});

describe('AlertSender with a single sender address (the repository config)', () => {
  const { stack, template } = synthStack();
  const fnId = logicalIdOf(stack, stack.sender.fn);
  const identityId = logicalIdOf(stack, stack.sender.identity!);
  const configSetId = logicalIdOf(stack, stack.feedback.configurationSet);

  it('verifies the bare sender address as an SES identity', () => {
    template.resourceCountIs('AWS::SES::EmailIdentity', 1);
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'alerts@campaign.example.net' });
  });

  it(
    'runs send-alerts on Node.js 22, arm64, signing unsubscribe links with the SSM key (its name, never its ' +
      'value) and linking them to the API',
    () => {
      const fn = template.toJSON().Resources[fnId].Properties;
      expect(fn.Runtime).toBe('nodejs22.x');
      expect(fn.Architectures).toEqual(['arm64']);
      expect(fn.Environment.Variables).toEqual({
        PROCWATCH_TABLE: { Ref: logicalIdOf(stack, stack.table.table) },
        PROCWATCH_UNSUBSCRIBE_PARAMETER: '/procwatch/ProcurementWatch/unsubscribe-key',
        PROCWATCH_PUBLIC_URL: { 'Fn::GetAtt': [logicalIdOf(stack, stack.api.api), 'ApiEndpoint'] },
        // The stack's own configuration set (a Ref is its name): bounces and complaints reach the feedback function.
        PROCWATCH_SES_CONFIGURATION_SET: { Ref: configSetId },
        // The dimension of its Problems metric (operations-alarms.test.ts).
        PROCWATCH_STACK: 'ProcurementWatch',
      });
      expect(JSON.stringify(fn.Environment)).not.toContain('{{resolve:secretsmanager');
      expect(fn.DeadLetterConfig).toEqual({ TargetArn: arnOf(logicalIdOf(stack, stack.deadLetters.queue)) });
    },
  );

  it(
    'may send only from the sender identity and the From address, plus its logs, the table, the dead-letter ' +
      'queue and the unsubscribe key',
    () => {
      expect(statementsOfRole(template, logicalIdOf(stack, stack.sender.fn.role!))).toEqual([
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: arnOf(logicalIdOf(stack, stack.sender.logGroup)),
        },
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: arnOf(logicalIdOf(stack, stack.deadLetters.queue)) },
        tableReadStatement(logicalIdOf(stack, stack.table.table)),
        tableWriteStatement(
          logicalIdOf(stack, stack.table.table),
          ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
          ['ALERT#', 'DELIVERY#'],
        ),
        {
          Effect: 'Allow',
          Action: ['ssm:GetParameter', 'ssm:PutParameter'],
          Resource: stack.resolve(stack.secrets.unsubscribe.parameterArn),
        },
        {
          Effect: 'Allow',
          Action: ['ses:SendEmail', 'ses:SendRawEmail'],
          Resource: [
            {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':ses:eu-west-2:123456789012:configuration-set/',
                  { Ref: configSetId },
                ],
              ],
            },
            sesArn(identityId),
          ],
          Condition: { StringEquals: { 'ses:FromAddress': 'alerts@campaign.example.net' } },
        },
      ]);
    },
  );

  it('is invoked every 5 minutes (Europe/London), failures to the dead-letter queue', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: DEFAULT_SEND_SCHEDULE,
      ScheduleExpressionTimezone: 'Europe/London',
      Target: {
        Arn: arnOf(fnId),
        Input: '{}',
        DeadLetterConfig: { Arn: arnOf(logicalIdOf(stack, stack.deadLetters.queue)) },
      },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: fnId },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 3600,
    });
  });
});

describe('the unsubscribe link base URL', () => {
  const warnings = (patch: Record<string, unknown>) =>
    Annotations.fromStack(synthStack({ patch }).stack).findWarning(
      '*',
      Match.stringLikeRegexp('unsubscribe.baseUrl .* is a local address'),
    );

  it('warns at synth when the config names a local base URL, which would beat the API URL in every e-mail', () => {
    expect(warnings({ unsubscribe: { baseUrl: 'http://127.0.0.1:8787/unsubscribe' } })).toHaveLength(1);
    expect(warnings({ unsubscribe: { baseUrl: 'http://localhost:8787/unsubscribe' } })).toHaveLength(1);
  });

  it('is quiet when the config names none (the sender links to PROCWATCH_PUBLIC_URL) or a public one', () => {
    expect(warnings({})).toHaveLength(0);
    expect(warnings({ unsubscribe: { baseUrl: 'https://watch.example.org/unsubscribe' } })).toHaveLength(0);
  });
});

describe('AlertSender with a sender domain and sandbox recipients', () => {
  const { stack, template } = synthStack({
    patch: {
      alerts: { from: 'procurement-watch <alerts@watch.example.org>', to: ['a@example.org', 'b@example.org'] },
      deploy: { senderDomain: 'watch.example.org', verifyRecipients: true },
    },
  });

  it('verifies the domain with Easy DKIM, outputs the three DKIM records, and creates no recipient identity', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'watch.example.org' });
    template.resourceCountIs('AWS::SES::EmailIdentity', 1);
    expect(JSON.stringify(template.toJSON())).not.toMatch(/[ab]@example\.org/);
    expect(Object.keys(template.findOutputs('*')).filter((k) => k.startsWith('DkimRecord'))).toHaveLength(3);
  });

  it("may send from the domain to the account's verified identities, from the one From address only", () => {
    const ses = statementsOfRole(template, logicalIdOf(stack, stack.sender.fn.role!)).find((s) =>
      String(s.Action).includes('ses:'),
    );
    const anyIdentity = {
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:eu-west-2:123456789012:identity/*']],
    };
    expect(ses).toEqual({
      Effect: 'Allow',
      Action: ['ses:SendEmail', 'ses:SendRawEmail'],
      Resource: expect.arrayContaining([sesArn(logicalIdOf(stack, stack.sender.identity!)), anyIdentity]),
      Condition: { StringEquals: { 'ses:FromAddress': 'alerts@watch.example.org' } },
    });
    expect(ses!.Resource).toHaveLength(3); // and the configuration set
  });

  it('uses the SES configuration set the config names instead of its own, and only that one', () => {
    const custom = synthStack({ patch: { mailer: { kind: 'outbox', ses: { configurationSet: 'procwatch' } } } });
    const ses = statementsOfRole(custom.template, logicalIdOf(custom.stack, custom.stack.sender.fn.role!)).find((s) =>
      String(s.Action).includes('ses:'),
    );
    expect(ses!.Resource).toContainEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:eu-west-2:123456789012:configuration-set/procwatch']],
    });
    expect(JSON.stringify(ses!.Resource).match(/configuration-set/g)).toHaveLength(1);
    custom.template.resourceCountIs('AWS::SES::ConfigurationSet', 0);
  });

  it('refuses a sender domain the From address is not at', () => {
    expect(() => synthStack({ patch: { deploy: { senderDomain: 'other.example.org' } } })).toThrow(
      /alerts.from \(alerts@campaign.example.net\) is not an address at other.example.org/,
    );
  });
});

describe('AlertSender with an existing SES identity and webhooks', () => {
  const hooks = [
    { id: 'desk', url: 'https://hooks.example.net/a', format: 'generic', parameter: '/campaign/desk-hook' },
    { id: 'team', url: 'https://hooks.example.net/b', format: 'generic', secretId: 'campaign/team-hook' },
  ];
  const { stack, template } = synthStack({
    patch: {
      deploy: { existingSenderIdentity: true },
      subscribers: [{ email: 'hooked@campaign.example.net', webhooks: hooks }],
    },
  });
  const statements = statementsOfRole(template, logicalIdOf(stack, stack.sender.fn.role!));
  const region = (service: string, rest: string) => ({
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:${service}:eu-west-2:123456789012:${rest}`]],
  });

  it('creates no identity and sends from the existing one, named by its ARN', () => {
    template.resourceCountIs('AWS::SES::EmailIdentity', 0);
    expect(stack.sender.identity).toBeUndefined();
    const ses = statements.find((s) => String(s.Action).includes('ses:'));
    expect(ses!.Resource).toContainEqual(region('ses', 'identity/alerts@campaign.example.net'));
  });

  it('may read each webhook signing secret the config names, and no other', () => {
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 'ssm:GetParameter',
      Resource: region('ssm', 'parameter/campaign/desk-hook'),
    });
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: region('secretsmanager', 'secret:campaign/team-hook-??????'),
    });
    // Without webhooks the sender reads no secret but its own unsubscribe key.
    const plain = synthStack();
    const own = statementsOfRole(plain.template, logicalIdOf(plain.stack, plain.stack.sender.fn.role!));
    expect(own.filter((s) => String(s.Action).includes('secretsmanager:'))).toEqual([]);
    expect(own.filter((s) => s.Action === 'ssm:GetParameter')).toEqual([]);
  });

  it('refuses at synth what cannot work together, one sentence each', () => {
    expect(() => synthStack({ patch: { deploy: { existingSenderIdentity: true, verifyRecipients: true } } })).toThrow(
      /existingSenderIdentity: .*Drop one of the two/,
    );
    const envHook = { id: 'desk', url: 'https://hooks.example.net/a', format: 'generic', secretEnv: 'DESK_KEY' };
    expect(() =>
      synthStack({ patch: { subscribers: [{ email: 'h@campaign.example.net', webhooks: [envHook] }] } }),
    ).toThrow(/webhook "desk" names its secret by secretEnv \(DESK_KEY\), which no deployed function has/);
  });
});
