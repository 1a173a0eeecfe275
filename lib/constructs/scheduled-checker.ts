/**
 * The watch cycle on a timer: one checker function per source group, each built with only the source
 * kinds its group uses (checker-entries.ts), each on its group's EventBridge Scheduler schedule
 * (`{ group }` is the event), in Europe/London time.
 *
 * Never two cycles of a group at once: each function's reserved concurrency is 1. A second invocation
 * while one runs is throttled, and Lambda keeps retrying a throttled asynchronous event (up to its
 * maximum age) — so it runs after, never beside. Two groups may run side by side (their schedules are
 * staggered, so rarely): they check different sources, and the store's cycle lease
 * (lambdas/core/cycle-lock.ts) makes the later writer wait for the first.
 */
import { Duration, TimeZone } from 'aws-cdk-lib';
import type { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TABLE_ACCESS, type ChangeTable } from './change-table';
import { writeCheckerEntries } from './checker-entries';
import { HandlerFunction, PDF_READER_FILES } from './handler-function';
import { SchedulerInvokeRole } from './scheduler-invoke-role';

export const CHECKER_TIMEOUT = Duration.minutes(10);

export interface ScheduledCheckerProps {
  readonly table: ChangeTable;
  readonly deadLetterQueue: IQueue;
  /** The config's sources: which groups there are, and which kinds each uses. */
  readonly sources: readonly { kind: string; group?: string }[];
  /** Group → Scheduler expression (`cron(0/15 * * * ? *)`), for every group of `sources`. */
  readonly schedules: Readonly<Record<string, string>>;
  readonly projectRoot: string;
  readonly deployedConfig: string;
  readonly knownCorrespondence: string;
  readonly logRetention: RetentionDays;
}

/** One group's checker: its function, log group, schedule, and the kinds it was built with. */
export interface GroupChecker {
  readonly group: string;
  readonly kinds: readonly string[];
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly schedule: Schedule;
  readonly invokeRole: SchedulerInvokeRole;
}

export class ScheduledChecker extends Construct {
  readonly groups: GroupChecker[] = [];

  constructor(scope: Construct, id: string, props: ScheduledCheckerProps) {
    super(scope, id);
    for (const entry of writeCheckerEntries(props.projectRoot, props.sources)) {
      const { group, kinds } = entry;
      const expression = props.schedules[group];
      if (!expression) throw new Error(`ScheduledChecker: no schedule for the "${group}" group.`);
      const part = new Construct(this, `Group-${group}`);
      const handler = new HandlerFunction(part, 'CheckSources', {
        handler: 'check-sources',
        entry: entry.file,
        description: `procurement-watch: check the "${group}" sources (${kinds.join(', ')}) and record what changed`,
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
      props.table.grantAccess(handler.fn, TABLE_ACCESS.checker);
      const invokeRole = new SchedulerInvokeRole(part, 'ScheduleRole', handler.fn);
      const schedule = new Schedule(part, 'Schedule', {
        description: `procurement-watch: check the "${group}" sources`,
        schedule: ScheduleExpression.expression(expression, TimeZone.EUROPE_LONDON),
        target: new LambdaInvoke(handler.fn, {
          role: invokeRole.role,
          input: ScheduleTargetInput.fromObject({ group }),
          deadLetterQueue: props.deadLetterQueue,
          retryAttempts: 2,
          maxEventAge: Duration.minutes(30),
        }),
      });
      this.groups.push({ group, kinds, fn: handler.fn, logGroup: handler.logGroup, schedule, invokeRole });
    }
  }

  /** The checker of `group`. */
  of(group: string): GroupChecker {
    const found = this.groups.find((g) => g.group === group);
    if (!found) throw new Error(`ScheduledChecker: no "${group}" group.`);
    return found;
  }
}
