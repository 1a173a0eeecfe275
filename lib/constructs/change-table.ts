/**
 * The one DynamoDB table: every document, version, change, alert and send record. Its keys and
 * indexes come from the same definition DynamoDB Local uses (table-schema.ts), never a copy.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { GLOBAL_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '../../lambdas/adapters/dynamodb/table-schema';

/**
 * What each function may do to the table. `TransactWriteItems` has no IAM action of its own: each
 * item in a transaction is authorised as its Put/Update. No Scan, no Delete, no table admin.
 */
export const TABLE_ACCESS = {
  checker: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  sender: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  /** Reads the change log; Put/Update only for one-click unsubscribe, which records a subscriber's state. */
  api: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  /** Records a bounce or complaint on its row and suppresses the address: conditional updates only. */
  feedback: ['dynamodb:UpdateItem'],
} as const;

export class ChangeTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: GLOBAL_INDEXES.map((g) => ({
        indexName: g.indexName,
        partitionKey: { name: g.partitionKey, type: AttributeType.STRING },
        sortKey: { name: g.sortKey, type: AttributeType.STRING },
      })),
      // A handful of writes every 15 minutes: on-demand costs cents where provisioned costs dollars.
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The record of what was published and when is the point of the project: never lost by a deploy or a destroy.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // The AWS-managed key (aws/dynamodb) is free and shows up in CloudTrail, unlike the AWS-owned default.
      encryption: TableEncryptionV2.awsManagedKey(),
      timeToLiveAttribute: TTL_ATTRIBUTE,
    });
  }

  /** The table and each index by name: no `index/*` wildcard, so a new index needs a deliberate grant. */
  get resourceArns(): string[] {
    return [this.table.tableArn, ...GLOBAL_INDEXES.map((g) => `${this.table.tableArn}/index/${g.indexName}`)];
  }

  grantAccess(grantee: IGrantable, actions: readonly string[]): Grant {
    return Grant.addToPrincipal({ grantee, actions: [...actions], resourceArns: this.resourceArns });
  }
}
