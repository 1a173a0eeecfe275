/**
 * Where failed work goes instead of vanishing: asynchronous invocations that failed after their
 * retries (or were too old to run), and schedule deliveries EventBridge Scheduler could not make.
 * One queue for all: what matters is that anything lands, and the alarm on its depth says so.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export class DeadLetterQueue extends Construct {
  readonly queue: Queue;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      // The longest SQS allows: a failure noticed after a holiday can still be read and replayed.
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue; nothing reads it automatically, so it needs none of its own.',
    });
    Validations.of(this.queue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason:
        'This queue is itself the dead-letter queue; nothing consumes it, so no message can fail here to be redriven.',
    });
  }
}
