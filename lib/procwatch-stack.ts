/**
 * The whole deployment: each construct owns one role, and this stack only passes one's outputs to
 * another's props (table → functions, DLQ → functions and alarms, API URL and SES configuration set → sender).
 */
import { Annotations, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { DeploySettings } from './deploy-settings';
import { AlertSender } from './constructs/alert-sender';
import { ChangeLogApi } from './constructs/change-log-api';
import { ChangeTable } from './constructs/change-table';
import { DeadLetterQueue } from './constructs/dead-letter-queue';
import { DeliveryFeedback } from './constructs/delivery-feedback';
import { OperationsAlarms } from './constructs/operations-alarms';
import { ScheduledChecker } from './constructs/scheduled-checker';
import { SigningSecrets } from './constructs/signing-secrets';

export interface ProcwatchStackProps extends StackProps {
  readonly settings: DeploySettings;
}

export class ProcwatchStack extends Stack {
  readonly table: ChangeTable;
  readonly checker: ScheduledChecker;
  readonly sender: AlertSender;
  readonly feedback: DeliveryFeedback;
  readonly api: ChangeLogApi;
  readonly alarms: OperationsAlarms;
  readonly deadLetters: DeadLetterQueue;
  readonly secrets: SigningSecrets;

  constructor(scope: Construct, id: string, props: ProcwatchStackProps) {
    super(scope, id, props);
    const s = props.settings;
    const bundle = {
      projectRoot: s.projectRoot,
      deployedConfig: s.deployedConfig,
      knownCorrespondence: s.knownCorrespondence,
      logRetention: s.logRetentionDays as RetentionDays,
    };

    this.table = new ChangeTable(this, 'ChangeTable');
    this.deadLetters = new DeadLetterQueue(this, 'DeadLetters');
    const secrets = (this.secrets = new SigningSecrets(this, 'SigningSecrets'));

    this.checker = new ScheduledChecker(this, 'Checker', {
      ...bundle,
      table: this.table,
      deadLetterQueue: this.deadLetters.queue,
      sources: s.checkSources,
      schedules: s.checkSchedules,
    });
    this.api = new ChangeLogApi(this, 'ChangeLogApi', {
      ...bundle,
      table: this.table,
      auth: s.api.auth,
      jwtIssuer: s.api.jwtIssuer,
      jwtAudiences: s.api.jwtAudiences,
      webOrigin: s.api.webOrigin,
      cursorSecret: secrets.cursor,
      unsubscribeSecret: secrets.unsubscribe,
    });
    this.feedback = new DeliveryFeedback(this, 'DeliveryFeedback', {
      ...bundle,
      table: this.table,
      deadLetterQueue: this.deadLetters.queue,
      existingConfigurationSet: s.sesConfigurationSet,
    });
    this.sender = new AlertSender(this, 'AlertSender', {
      ...bundle,
      table: this.table,
      deadLetterQueue: this.deadLetters.queue,
      senderAddress: s.senderAddress,
      senderDomain: s.senderDomain,
      configurationSet: this.feedback.configurationSet.configurationSetName,
      existingSenderIdentity: s.existingSenderIdentity,
      webhookSecrets: s.webhookSecrets,
      sandboxRecipients: s.sandboxRecipients,
      schedule: s.sendSchedule,
      unsubscribeSecret: secrets.unsubscribe,
      publicUrl: this.api.url,
    });
    this.alarms = new OperationsAlarms(this, 'OperationsAlarms', {
      opsEmailParameter: s.opsEmailParameter,
      deadLetterQueue: this.deadLetters.queue,
    });

    new CfnOutput(this, 'TableName', {
      value: this.table.table.tableName,
      description: 'PROCWATCH_TABLE: the DynamoDB table (kept by cdk destroy)',
    });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'The change-log API and web page' });
    for (const g of this.checker.groups)
      new CfnOutput(
        this,
        `CheckFunction${g.group.replace(/(^|-)([a-z0-9])/g, (_, _d, c: string) => c.toUpperCase())}`,
        {
          value: g.fn.functionName,
          description: `Invoke with {"group":"${g.group}"} to check the "${g.group}" sources now`,
        },
      );
    new CfnOutput(this, 'SendFunctionName', {
      value: this.sender.fn.functionName,
      description: 'Invoke to deliver pending alerts now',
    });
    new CfnOutput(this, 'SesConfigurationSet', {
      value: this.feedback.configurationSet.configurationSetName,
      description: 'Every alert is sent through it; bounces and complaints go to the feedback function',
    });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.deadLetters.queue.queueUrl });
    new CfnOutput(this, 'OperationsTopicArn', { value: this.alarms.topic.topicArn });
    if (s.unsubscribeBaseUrl && /^https?:\/\/(127\.|localhost|\[::1\])/.test(s.unsubscribeBaseUrl)) {
      // Without unsubscribe.baseUrl the sender links to this API (PROCWATCH_PUBLIC_URL);
      // a local one would win and break every link.
      Annotations.of(this).addWarningV2(
        'procwatch:unsubscribeBaseUrl',
        `unsubscribe.baseUrl (${s.unsubscribeBaseUrl}) is a local address: unsubscribe links in e-mails sent ` +
          "from AWS would point at it. Remove it to link to this stack's API (docs/deploy.md, step 6).",
      );
    }
    // An existing identity's DKIM records were published when it was made.
    if (s.senderDomain && this.sender.identity) {
      this.sender.identity.dkimRecords.forEach(
        (r, i) =>
          new CfnOutput(this, `DkimRecord${i + 1}`, {
            value: `${r.name} CNAME ${r.value}`,
            description: `DNS record ${i + 1} of 3 for ${s.senderDomain}`,
          }),
      );
    }
  }
}
