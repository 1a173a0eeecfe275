/**
 * The watch cycle on a timer: the check-sources function, one EventBridge Scheduler schedule per
 * source group (`{ group }` is the event), in Europe/London time.
 *
 * Never two cycles at once: the function's reserved concurrency is 1. A second invocation while one
 * runs is throttled, and Lambda keeps retrying a throttled asynchronous event (up to its maximum
 * age) — so it runs after, never beside. Chosen over a lease in DynamoDB because it needs no code,
 * cannot be left held by a crashed run, and the store's conditional writes already make an
 * accidental overlap harmless (a duplicate change is refused, not doubled).
 */
import { Duration, TimeZone } from 'aws-cdk-lib';
import type { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TABLE_ACCESS, type ChangeTable } from './change-table';
import { HandlerFunction, PDF_READER_FILES } from './handler-function';
import { SchedulerInvokeRole } from './scheduler-invoke-role';

export const CHECKER_TIMEOUT = Duration.minutes(10);

export interface ScheduledCheckerProps {
  readonly table: ChangeTable;
  readonly deadLetterQueue: IQueue;
  /** Group → Scheduler expression (`cron(0/15 * * * ? *)`). */
  readonly schedules: Readonly<Record<string, string>>;
  readonly projectRoot: string;
  readonly deployedConfig: string;
  readonly knownCorrespondence: string;
  readonly logRetention: RetentionDays;
}

export class ScheduledChecker extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly schedules: Schedule[] = [];

  constructor(scope: Construct, id: string, props: ScheduledCheckerProps) {
    super(scope, id);
    const handler = new HandlerFunction(this, 'CheckSources', {
      handler: 'check-sources',
      description: 'procurement-watch: check one schedule group of sources and record what changed',
      projectRoot: props.projectRoot,
      deployedConfig: props.deployedConfig,
      knownCorrespondence: props.knownCorrespondence,
      extraFiles: PDF_READER_FILES,
      environment: { PROCWATCH_TABLE: props.table.table.tableName },
      timeout: CHECKER_TIMEOUT,
      memorySize: 512,
      logRetention: props.logRetention,
      reservedConcurrency: 1,
      deadLetterQueue: props.deadLetterQueue,
      // A failed cycle is not retried: the next scheduled one is the retry, and the DLQ alarm says it failed.
      retryAttempts: 0,
      // A throttled (queued behind a running cycle) invocation older than this is dropped to the DLQ.
      maxEventAge: Duration.hours(1),
    });
    this.fn = handler.fn;
    this.logGroup = handler.logGroup;
    props.table.grantAccess(this.fn, TABLE_ACCESS.checker);

    const invokeRole = new SchedulerInvokeRole(this, 'ScheduleRole', this.fn);
    for (const [group, expression] of Object.entries(props.schedules)) {
      this.schedules.push(
        new Schedule(this, `Check-${group}`, {
          description: `procurement-watch: check the "${group}" sources`,
          schedule: ScheduleExpression.expression(expression, TimeZone.EUROPE_LONDON),
          target: new LambdaInvoke(this.fn, {
            role: invokeRole.role,
            input: ScheduleTargetInput.fromObject({ group }),
            deadLetterQueue: props.deadLetterQueue,
            retryAttempts: 2,
            maxEventAge: Duration.minutes(30),
          }),
        }),
      );
    }
  }
}
