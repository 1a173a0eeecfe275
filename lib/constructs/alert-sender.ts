/**
 * Delivers the alerts the checker recorded as pending: the send-alerts function on a short timer,
 * and the SES identity it sends from (a domain with DKIM, or one verified address). The function
 * may send from that identity and that From address only, through the configuration set whose
 * feedback delivery-feedback.ts records.
 */
import { ArnFormat, Duration, Stack, TimeZone, Token, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TABLE_ACCESS, type ChangeTable } from './change-table';
import { HandlerFunction } from './handler-function';
import type { SigningKey } from './signing-secrets';
import { SchedulerInvokeRole } from './scheduler-invoke-role';
import { STACK_NAME_ENV } from '../../lambdas/adapters/log/emf-metrics';

export interface AlertSenderProps {
  readonly table: ChangeTable;
  readonly deadLetterQueue: IQueue;
  readonly senderAddress: string;
  /** Verify this domain (DKIM) instead of the single sender address. */
  readonly senderDomain?: string;
  /** The SES configuration set every message goes through: its event destination reports bounces and complaints. */
  readonly configurationSet: string;
  /** The identity exists already (another stack's, or made by hand): referenced by ARN, never created. */
  readonly existingSenderIdentity?: boolean;
  /** SSM parameters and Secrets Manager secrets (names or ARNs) the webhooks' signing secrets are read from. */
  readonly webhookSecrets?: { readonly parameters: readonly string[]; readonly secretIds: readonly string[] };
  /** In the SES sandbox: may send to any verified recipient identity (verified outside the stack). */
  readonly sandboxRecipients: boolean;
  readonly schedule: string;
  /** Signs every alert's unsubscribe link; the function gets the parameter's name and reads the value at cold start. */
  readonly unsubscribeSecret: SigningKey;
  /** The change-log API's URL, for the handler to build unsubscribe links from when the config names none. */
  readonly publicUrl: string;
  readonly projectRoot: string;
  readonly deployedConfig: string;
  readonly knownCorrespondence: string;
  readonly logRetention: RetentionDays;
}

export class AlertSender extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;
  /** The identity this stack created; absent when it uses an existing one. */
  readonly identity?: EmailIdentity;
  readonly identityArn: string;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: AlertSenderProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const identityName = props.senderDomain ?? props.senderAddress;
    if (props.existingSenderIdentity) {
      // Creating an identity SES already holds fails the deploy: a second campaign or a hand-made one is named instead.
      this.identityArn = stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identityName });
    } else {
      this.identity = new EmailIdentity(this, 'SenderIdentity', {
        // A domain identity signs with Easy DKIM (2048-bit); its three CNAME records are stack outputs.
        identity: props.senderDomain ? Identity.domain(props.senderDomain) : Identity.email(props.senderAddress),
      });
      this.identityArn = this.identity.emailIdentityArn;
    }

    const handler = new HandlerFunction(this, 'SendAlerts', {
      handler: 'send-alerts',
      description: 'procurement-watch: deliver pending alerts and due digests through SES, exactly once',
      projectRoot: props.projectRoot,
      deployedConfig: props.deployedConfig,
      knownCorrespondence: props.knownCorrespondence,
      environment: {
        PROCWATCH_TABLE: props.table.table.tableName,
        // The name, never the value: anyone allowed lambda:GetFunctionConfiguration could read a value here.
        PROCWATCH_UNSUBSCRIBE_PARAMETER: props.unsubscribeSecret.parameterName,
        PROCWATCH_PUBLIC_URL: props.publicUrl,
        PROCWATCH_SES_CONFIGURATION_SET: props.configurationSet,
        // The dimension of its Problems metric (failed emails, stale groups).
        [STACK_NAME_ENV]: Stack.of(this).stackName,
      },
      timeout: Duration.minutes(2),
      memorySize: 256,
      logRetention: props.logRetention,
      deadLetterQueue: props.deadLetterQueue,
      retryAttempts: 2,
      maxEventAge: Duration.hours(1),
    });
    this.fn = handler.fn;
    this.logGroup = handler.logGroup;
    props.table.grantAccess(this.fn, TABLE_ACCESS.sender);
    props.unsubscribeSecret.grantReadOrCreate(this.fn);
    this.fn.addToRolePolicy(
      new PolicyStatement({
        // SES v2 SendEmail is authorised as ses:SendEmail (simple/template) or ses:SendRawEmail (raw MIME).
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        // In the sandbox SES also authorises against each recipient's identity: naming them here would put
        // their addresses in the template, so the sandbox grant is every identity, From still pinned.
        resources: [
          this.identityArn,
          ...(props.sandboxRecipients
            ? [stack.formatArn({ service: 'ses', resource: 'identity', resourceName: '*' })]
            : []),
          Stack.of(this).formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: props.configurationSet,
          }),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': props.senderAddress } },
      }),
    );

    // cdk-nag names the resource as synthesized: a region or account the config fixes appears as itself.
    const named = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<${pseudo}>` : value);
    if (props.sandboxRecipients)
      Validations.of(this.fn.role!).acknowledge({
        id:
          `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:${named(stack.region, 'AWS::Region')}:` +
          `${named(stack.account, 'AWS::AccountId')}:identity/*]`,
        reason:
          'Only while in the SES sandbox (verifyRecipients): SES authorises each send against the recipient identity ' +
          'too, and naming them would put their addresses in the template; ses:FromAddress still pins alerts.from.',
      });
    this.grantWebhookSecrets(props.webhookSecrets);

    const invokeRole = new SchedulerInvokeRole(this, 'ScheduleRole', this.fn);
    this.schedule = new Schedule(this, 'Send', {
      description: 'procurement-watch: deliver pending alerts',
      schedule: ScheduleExpression.expression(props.schedule, TimeZone.EUROPE_LONDON),
      target: new LambdaInvoke(this.fn, {
        role: invokeRole.role,
        input: ScheduleTargetInput.fromObject({}),
        deadLetterQueue: props.deadLetterQueue,
        retryAttempts: 2,
        maxEventAge: Duration.minutes(10),
      }),
    });
  }

  /** Webhook signing secrets are read at cold start (webhook-secrets.ts): each named one, and only those. */
  private grantWebhookSecrets(refs: AlertSenderProps['webhookSecrets']): void {
    const stack = Stack.of(this);
    if (refs?.parameters.length)
      this.fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['ssm:GetParameter'],
          resources: refs.parameters.map((name) =>
            name.startsWith('arn:')
              ? name
              : stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: name.replace(/^\//, '') }),
          ),
        }),
      );
    if (refs?.secretIds.length)
      this.fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['secretsmanager:GetSecretValue'],
          // A secret's ARN ends in six random characters the name alone does not give: hence the `-??????`.
          resources: refs.secretIds.map((id) =>
            id.startsWith('arn:')
              ? id
              : stack.formatArn({
                  service: 'secretsmanager',
                  resource: 'secret',
                  resourceName: `${id}-??????`,
                  arnFormat: ArnFormat.COLON_RESOURCE_NAME,
                }),
          ),
        }),
      );
  }
}
