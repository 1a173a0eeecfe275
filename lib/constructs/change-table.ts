/**
 * The one DynamoDB table: every document, version, change, alert and send record. Its keys and
 * indexes come from the same definition DynamoDB Local uses (table-schema.ts), never a copy.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { GLOBAL_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '../../lambdas/adapters/dynamodb/table-schema';

/** How one function may write: these actions, on items whose partition key starts with one of these prefixes. */
export interface ItemWrite {
  readonly actions: readonly string[];
  /** Partition-key prefixes of the item types (items.ts's table; `LOCK#` is dynamodb-leases.ts's). */
  readonly items: readonly string[];
}

export interface TableAccess {
  /** GetItem and Query on the table and its indexes: reads are not scoped, the change log is public record. */
  readonly read: boolean;
  readonly writes: readonly ItemWrite[];
}

const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query'];
const PUT_UPDATE = ['dynamodb:PutItem', 'dynamodb:UpdateItem'];

/**
 * What each function may do to the table. `TransactWriteItems` has no IAM action of its own: each
 * item in a transaction is authorised as its Put/Update, so the leading-key condition holds inside
 * transactions too. No Scan, no table admin; DeleteItem only where a lease is released.
 */
export const TABLE_ACCESS = {
  /** Documents, versions, changes and their pending alerts, source state, and the cycle lease (taken and released). */
  checker: {
    read: true,
    writes: [
      { actions: PUT_UPDATE, items: ['DOC#', 'CHANGE#', 'ALERT#', 'SOURCE#', 'LOCK#'] },
      { actions: ['dynamodb:DeleteItem'], items: ['LOCK#'] },
    ],
  },
  /** Expands alerts (flags them) into delivery rows, then claims and settles those rows. */
  sender: { read: true, writes: [{ actions: PUT_UPDATE, items: ['ALERT#', 'DELIVERY#'] }] },
  /** Internet-facing: reads the change log; its only write is one-click unsubscribe, an update of a subscriber item. */
  api: { read: true, writes: [{ actions: ['dynamodb:UpdateItem'], items: ['SUBSCRIBER#'] }] },
  /** Records a bounce or complaint on its row and suppresses the address: conditional updates only. */
  feedback: { read: false, writes: [{ actions: ['dynamodb:UpdateItem'], items: ['DELIVERY#', 'SUBSCRIBER#'] }] },
} as const satisfies Record<string, TableAccess>;

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

  grantAccess(grantee: IGrantable, access: TableAccess): void {
    if (access.read) Grant.addToPrincipal({ grantee, actions: READ_ACTIONS, resourceArns: this.resourceArns });
    for (const w of access.writes) {
      grantee.grantPrincipal.addToPrincipalPolicy(
        new PolicyStatement({
          actions: [...w.actions],
          // Writes go to the table's own items only (an index cannot be written).
          resources: [this.table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': w.items.map((p) => `${p}*`) } },
        }),
      );
    }
  }
}
