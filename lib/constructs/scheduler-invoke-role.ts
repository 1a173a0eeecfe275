/**
 * The role EventBridge Scheduler assumes to invoke one function. Made here rather than left to the
 * scheduler target so its one wildcard can carry its reason where it is created.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction, IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export class SchedulerInvokeRole extends Construct {
  readonly role: Role;

  constructor(scope: Construct, id: string, fn: IFunction) {
    super(scope, id);
    const stack = Stack.of(this);
    this.role = new Role(this, 'Role', {
      // Only schedules of this account may use the role (confused-deputy guard).
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'EventBridge Scheduler: invoke one procurement-watch function',
    });
    const logicalId = stack.resolve(stack.getLogicalId(fn.node.defaultChild as CfnFunction)) as string;
    // The scheduler target grants lambda:InvokeFunction on the function and `<arn>:*`.
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
      reason:
        'The :* suffix only covers versions and aliases of this one function (added by the CDK scheduler target); no other function matches.',
    });
  }
}
