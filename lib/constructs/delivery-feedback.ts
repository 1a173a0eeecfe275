/**
 * What SES learns after it accepted a message: the configuration set the sender sends through,
 * its event destination (bounces and complaints to an SNS topic), and the small function that
 * records each one on its delivery row and suppresses the address. A config that names an existing
 * configuration set gets the event destination added to that set instead of a new one.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  ConfigurationSet,
  ConfigurationSetEventDestination,
  EmailSendingEvent,
  EventDestination,
  type IConfigurationSet,
} from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TABLE_ACCESS, type ChangeTable } from './change-table';
import { HandlerFunction } from './handler-function';
import { STACK_NAME_ENV } from '../../lambdas/adapters/log/emf-metrics';

export interface DeliveryFeedbackProps {
  readonly table: ChangeTable;
  readonly deadLetterQueue: IQueue;
  /** An existing SES configuration set (config `mailer.ses.configurationSet`); absent: one is created. */
  readonly existingConfigurationSet?: string;
  readonly projectRoot: string;
  readonly deployedConfig: string;
  readonly knownCorrespondence: string;
  readonly logRetention: RetentionDays;
}

export class DeliveryFeedback extends Construct {
  readonly configurationSet: IConfigurationSet;
  readonly topic: Topic;
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: DeliveryFeedbackProps) {
    super(scope, id);
    this.configurationSet = props.existingConfigurationSet
      ? ConfigurationSet.fromConfigurationSetName(this, 'ConfigurationSet', props.existingConfigurationSet)
      : new ConfigurationSet(this, 'ConfigurationSet', {});
    this.topic = new Topic(this, 'Topic', { displayName: 'procurement-watch SES feedback', enforceSSL: true });
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'SES can only publish to an encrypted topic through a customer key with a key policy for it; the events ' +
        'carry a recipient address and a bounce diagnostic, which the table keeps anyway.',
    });
    new ConfigurationSetEventDestination(this, 'Events', {
      configurationSet: this.configurationSet,
      destination: EventDestination.snsTopic(this.topic),
      // Sends and deliveries are the sender's own record already; only what it cannot see is published.
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });

    const handler = new HandlerFunction(this, 'RecordFeedback', {
      handler: 'ses-feedback',
      description: 'procurement-watch: record SES bounces and complaints on their rows and suppress the address',
      projectRoot: props.projectRoot,
      deployedConfig: props.deployedConfig,
      knownCorrespondence: props.knownCorrespondence,
      // The stack's name is the dimension of its Problems metric (bounces, complaints).
      environment: { PROCWATCH_TABLE: props.table.table.tableName, [STACK_NAME_ENV]: Stack.of(this).stackName },
      timeout: Duration.seconds(30),
      memorySize: 256,
      logRetention: props.logRetention,
      deadLetterQueue: props.deadLetterQueue,
      retryAttempts: 2,
    });
    this.fn = handler.fn;
    this.logGroup = handler.logGroup;
    props.table.grantAccess(this.fn, TABLE_ACCESS.feedback);
    // A bounce SNS cannot hand to the function (throttled, or the function missing mid-deploy) is kept
    // in the DLQ, whose alarm says so, instead of being dropped after SNS's retries.
    this.topic.addSubscription(new LambdaSubscription(this.fn, { deadLetterQueue: props.deadLetterQueue }));
  }
}
