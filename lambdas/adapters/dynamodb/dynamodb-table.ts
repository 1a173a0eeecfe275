/**
 * One DynamoDB table and the calls every adapter of this folder makes on it (get, update, transact,
 * delete, query, scan): the table name filled in, consumed capacity metered, SDK failures turned into
 * StoreError. The store, the outbox, the leases and the subscriber store all reach DynamoDB through it.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DeleteCommandInput,
  type QueryCommandInput,
  type QueryCommandOutput,
  type ScanCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { StoreError } from '../../core/errors';
import { GLOBAL_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from './table-schema';

export type Item = Record<string, unknown>;

export interface CapacityMeter {
  read: number;
  write: number;
  calls: Record<string, number>;
}

export class DynamoTable {
  protected readonly doc: DynamoDBDocumentClient;
  /** Consumed capacity, summed over the table's life: the benchmarks read it. */
  readonly capacity: CapacityMeter = { read: 0, write: 0, calls: {} };

  constructor(
    protected readonly client: DynamoDBClient,
    readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  /** Creates the table if it does not exist (local runs and tests; in AWS the CDK stack owns it). */
  async ensureTable(): Promise<void> {
    try {
      await this.client.send(new DescribeTableCommand({ TableName: this.tableName }));
      return;
    } catch (err) {
      if (!(err instanceof ResourceNotFoundException)) throw this.wrap('describe the table', err);
    }
    const attributes = new Set<string>([TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey]);
    for (const gsi of GLOBAL_INDEXES) attributes.add(gsi.partitionKey).add(gsi.sortKey);
    try {
      await this.client.send(
        new CreateTableCommand({
          TableName: this.tableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
          KeySchema: [
            { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
            { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: GLOBAL_INDEXES.map((g) => ({
            IndexName: g.indexName,
            KeySchema: [
              { AttributeName: g.partitionKey, KeyType: 'HASH' },
              { AttributeName: g.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          })),
        }),
      );
      await this.client.send(
        new UpdateTimeToLiveCommand({
          TableName: this.tableName,
          TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
        }),
      );
    } catch (err) {
      if (fieldOf(err, 'name') === 'ResourceInUseException') return; // created by a concurrent run
      throw this.wrap('create the table', err);
    }
  }

  async get(key: { pk: string; sk: string }): Promise<Item | undefined> {
    const res = await this.call('GetItem', () =>
      this.doc.send(
        new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' }),
      ),
    );
    return res.Item;
  }

  async put(item: Item): Promise<void> {
    await this.call('PutItem', () =>
      this.doc.send(new PutCommand({ TableName: this.tableName, Item: item, ReturnConsumedCapacity: 'TOTAL' })),
    );
  }

  /** An UpdateItem; with `ReturnValues` it answers the item's attributes. */
  async update(input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName'>): Promise<Item | undefined> {
    const res = await this.call('UpdateItem', () =>
      this.doc.send(new UpdateCommand({ ...input, TableName: this.tableName, ReturnConsumedCapacity: 'TOTAL' })),
    );
    return res.Attributes;
  }

  /**
   * One TransactWriteItems of Put / Update / ConditionCheck items (the table name is filled in).
   * A cancellation stays a StoreError whose cause carries DynamoDB's `CancellationReasons`.
   */
  async transact(items: Record<string, Record<string, unknown>>[]): Promise<void> {
    const TransactItems = items.map((item) =>
      Object.fromEntries(Object.entries(item).map(([op, body]) => [op, { ...body, TableName: this.tableName }])),
    );
    await this.call('TransactWriteItems', () =>
      this.doc.send(new TransactWriteCommand({ TransactItems: TransactItems, ReturnConsumedCapacity: 'TOTAL' })),
    );
  }

  async delete(
    key: { pk: string; sk: string },
    condition: Omit<DeleteCommandInput, 'TableName' | 'Key'> = {},
  ): Promise<void> {
    await this.call('DeleteItem', () =>
      this.doc.send(
        new DeleteCommand({ ...condition, Key: key, TableName: this.tableName, ReturnConsumedCapacity: 'TOTAL' }),
      ),
    );
  }

  /** One page of a Query. */
  async query(input: Omit<QueryCommandInput, 'TableName'>): Promise<QueryCommandOutput> {
    return this.call('Query', () =>
      this.doc.send(new QueryCommand({ ...input, TableName: this.tableName, ReturnConsumedCapacity: 'TOTAL' })),
    );
  }

  /** Every page of a Query, up to `max` items. */
  async queryAll(input: Omit<QueryCommandInput, 'TableName'>, max = Infinity): Promise<Item[]> {
    const out: Item[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const res = await this.query({ ...input, ExclusiveStartKey: startKey });
      out.push(...(res.Items ?? []));
      startKey = res.LastEvaluatedKey;
    } while (startKey && out.length < max);
    return out.slice(0, max);
  }

  /**
   * Every page of a Scan. Only operator commands run one (erasing a person is rare and must reach rows
   * no index finds); no function's role allows it.
   */
  async scanAll(input: Omit<ScanCommandInput, 'TableName'> = {}): Promise<Item[]> {
    const out: Item[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const res = await this.call('Scan', () =>
        this.doc.send(
          new ScanCommand({
            ...input,
            ExclusiveStartKey: startKey,
            TableName: this.tableName,
            ReturnConsumedCapacity: 'TOTAL',
          }),
        ),
      );
      out.push(...(res.Items ?? []));
      startKey = res.LastEvaluatedKey;
    } while (startKey);
    return out;
  }

  private async call<T extends { ConsumedCapacity?: unknown }>(op: string, fn: () => Promise<T>): Promise<T> {
    try {
      const res = await fn();
      this.meter(op, res.ConsumedCapacity);
      return res;
    } catch (err) {
      throw this.wrap(op, err);
    }
  }

  private meter(op: string, consumed: unknown): void {
    this.capacity.calls[op] = (this.capacity.calls[op] ?? 0) + 1;
    const list: unknown[] = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
    const read = op === 'Query' || op === 'GetItem' || op === 'Scan';
    for (const c of list) {
      const units = unitsOf(c, read ? 'ReadCapacityUnits' : 'WriteCapacityUnits') ?? unitsOf(c, 'CapacityUnits') ?? 0;
      if (read) this.capacity.read += units;
      else this.capacity.write += units;
    }
  }

  private wrap(op: string, err: unknown): StoreError {
    if (err instanceof StoreError) return err;
    const name = fieldOf(err, 'name') ?? 'Error';
    const message = fieldOf(err, 'message') ?? String(err);
    return new StoreError(`DynamoDB ${op} failed on table ${this.tableName}: ${name}: ${message}`, { op }, err);
  }
}

/** A conditional write (or a transaction's condition) that did not hold, as `wrap` turned it into a StoreError. */
export function isConditionFailed(err: unknown): boolean {
  return err instanceof StoreError && fieldOf(err.cause, 'name') === 'ConditionalCheckFailedException';
}

/** A number field of a ConsumedCapacity entry (the SDK types them, but a proxy's answers pass through too). */
function unitsOf(entry: unknown, key: string): number | undefined {
  if (typeof entry !== 'object' || entry === null || !(key in entry)) return undefined;
  const value: unknown = Reflect.get(entry, key);
  return typeof value === 'number' ? value : undefined;
}

/** A string field of whatever was thrown: the SDK's errors are Errors, a proxy's or a test's may not be. */
function fieldOf(err: unknown, key: 'name' | 'message'): string | undefined {
  if (typeof err !== 'object' || err === null || !(key in err)) return undefined;
  const value: unknown = Reflect.get(err, key);
  return typeof value === 'string' ? value : undefined;
}
