/** The Store port on Amazon DynamoDB (and DynamoDB Local): the only home of the DynamoDB SDK. */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DeleteCommandInput,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { StoreError } from '../../core/errors';
import type { Alert, Change, SourceState, StoredDocument, StoredVersion } from '../../core/model';
import type { ChangePage, ChangeQuery, ChangeWrite, Store, WriteOutcome } from '../../core/ports';
import { writeChange } from './change-writer';
import {
  alertFromItem,
  changeFromItem,
  documentFromItem,
  INDEXES,
  INDEX_KEYS,
  keys,
  logPartitions,
  sourceStateFromItem,
  sourceStateItem,
  versionFromItems,
} from './items';
import { GLOBAL_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from './table-schema';

type Item = Record<string, unknown>;

/** A change-log query, built once from a ChangeQuery: which index, key condition and filters. */
interface LogQuery {
  index: string;
  condition: string;
  filters: string[];
  names: Record<string, string>;
  values: Record<string, unknown>;
}

export interface CapacityMeter {
  read: number;
  write: number;
  calls: Record<string, number>;
}

export class DynamoDbStore implements Store {
  private readonly doc: DynamoDBDocumentClient;
  /** Consumed capacity, summed over the store's life: the benchmarks read it. */
  readonly capacity: CapacityMeter = { read: 0, write: 0, calls: {} };

  constructor(
    private readonly client: DynamoDBClient,
    readonly tableName: string,
    private readonly maxConflictRetries = 5,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  static connect(tableName: string, config: DynamoDBClientConfig = {}): DynamoDbStore {
    return new DynamoDbStore(new DynamoDBClient({ maxAttempts: 6, ...config }), tableName);
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
      if ((err as Error).name === 'ResourceInUseException') return; // created by a concurrent run
      throw this.wrap('create the table', err);
    }
  }

  async getSourceState(sourceId: string): Promise<SourceState | null> {
    const item = await this.get(keys.source(sourceId));
    return item ? sourceStateFromItem(item) : null;
  }

  async putSourceState(state: SourceState): Promise<void> {
    await this.call('PutItem', () =>
      this.doc.send(
        new PutCommand({ TableName: this.tableName, Item: sourceStateItem(state), ReturnConsumedCapacity: 'TOTAL' }),
      ),
    );
  }

  async listDocuments(sourceId: string): Promise<StoredDocument[]> {
    const items = await this.queryAll({
      IndexName: INDEXES.byGroup,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': INDEX_KEYS.gsi1.pk },
      ExpressionAttributeValues: { ':pk': `SRCDOCS#${sourceId}` },
    });
    return items.map(documentFromItem);
  }

  async getDocument(docId: string): Promise<StoredDocument | null> {
    const item = await this.get(keys.document(docId));
    return item ? documentFromItem(item) : null;
  }

  async getVersion(docId: string, version: number): Promise<StoredVersion | null> {
    const head = keys.version(docId, version);
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': head.pk, ':sk': head.sk },
    });
    const headItem = items.find((i) => i.sk === head.sk);
    if (!headItem) return null;
    return versionFromItems(
      headItem,
      items.filter((i) => i.sk !== head.sk),
    );
  }

  async listVersions(docId: string): Promise<StoredVersion[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
      ExpressionAttributeValues: { ':pk': keys.document(docId).pk, ':v': 'V#' },
    });
    const heads = items.filter((i) => i.entity === 'version');
    return heads.map((h) =>
      versionFromItems(
        h,
        items.filter((i) => i.entity === 'version-part' && String(i.sk).startsWith(`${h.sk}#`)),
      ),
    );
  }

  async recordChange(write: ChangeWrite): Promise<WriteOutcome> {
    return writeChange(
      this.tableName,
      write,
      async (items) => {
        await this.call('TransactWriteItems', () =>
          this.doc.send(new TransactWriteCommand({ TransactItems: items as never, ReturnConsumedCapacity: 'TOTAL' })),
        );
      },
      this.maxConflictRetries,
    );
  }

  async listChanges(query: ChangeQuery): Promise<ChangePage> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
    const [index, partition] = this.changeIndexFor(query);
    const k = INDEX_KEYS[index];
    const names: Record<string, string> = { '#pk': k.pk };
    if (query.since || query.until) names['#sk'] = k.sk;
    const values: Record<string, unknown> = { ':pk': partition };
    let condition = '#pk = :pk';
    if (query.since && query.until) {
      condition += ' AND #sk BETWEEN :since AND :until';
      values[':since'] = query.since;
      values[':until'] = `${query.until}\uffff`;
    } else if (query.since) {
      condition += ' AND #sk >= :since';
      values[':since'] = query.since;
    } else if (query.until) {
      condition += ' AND #sk <= :until';
      values[':until'] = `${query.until}\uffff`;
    }
    const filters: string[] = [];
    const addFilter = (field: string, value: string | undefined, used: boolean) => {
      if (!value || used) return;
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      filters.push(`#${field} = :${field}`);
    };
    addFilter('sourceId', query.sourceId, index === INDEXES.bySource);
    addFilter('type', query.type, index === INDEXES.byType);
    addFilter('threadId', query.threadId, index === INDEXES.byThread);
    addFilter('docId', query.docId, index === INDEXES.byDocument);
    if (query.q) {
      // Every word must appear (in any order) in the title or the matched terms.
      names['#search'] = 'searchText';
      query.q
        .toLowerCase()
        .split(/\s+/)
        .filter(Boolean)
        .slice(0, 8)
        .forEach((word, i) => {
          values[`:q${i}`] = word;
          filters.push(`contains(#search, :q${i})`);
        });
    }
    const log: LogQuery = { index, condition, filters, names, values };
    const out: Change[] = [];
    let startKey = query.cursor ? decodeCursor(query.cursor) : undefined;
    let lastItem: Item | undefined;
    do {
      const page = await this.logPage(log, filters.length ? Math.max(limit * 4, 100) : limit - out.length, startKey);
      for (const item of page.Items ?? []) {
        if (out.length === limit) break;
        out.push(changeFromItem(item));
        lastItem = item;
      }
      startKey = page.LastEvaluatedKey;
      if (out.length === limit) {
        // Resume right after the last item returned, not after the last item read.
        startKey = lastItem ? pickKeys(lastItem, index) : startKey;
        const more = await this.hasMore(log, startKey);
        return { items: out, cursor: more ? encodeCursor(startKey!) : null };
      }
    } while (startKey);
    return { items: out, cursor: null };
  }

  async getChange(changeId: string): Promise<Change | null> {
    const item = await this.get(keys.change(changeId));
    return item ? changeFromItem(item) : null;
  }

  async getAlert(alertId: string): Promise<Alert | null> {
    const item = await this.get(keys.alert(alertId));
    return item ? alertFromItem(item) : null;
  }

  /** Low-level helpers shared by the adapter's methods (and by later use-cases' adapters). */
  async get(key: { pk: string; sk: string }): Promise<Item | undefined> {
    const res = await this.call('GetItem', () =>
      this.doc.send(
        new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' }),
      ),
    );
    return res.Item;
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
      this.doc.send(
        new TransactWriteCommand({ TransactItems: TransactItems as never, ReturnConsumedCapacity: 'TOTAL' }),
      ),
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

  async queryAll(input: Omit<QueryCommandInput, 'TableName'>, max = Infinity): Promise<Item[]> {
    const out: Item[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const res = await this.call('Query', () =>
        this.doc.send(
          new QueryCommand({
            ...input,
            TableName: this.tableName,
            ExclusiveStartKey: startKey,
            ReturnConsumedCapacity: 'TOTAL',
          }),
        ),
      );
      out.push(...(res.Items ?? []));
      startKey = res.LastEvaluatedKey;
    } while (startKey && out.length < max);
    return out.slice(0, max);
  }

  /** One newest-first page of a change-log query. */
  private logPage(log: LogQuery, limit: number, startKey: Record<string, unknown> | undefined) {
    return this.call('Query', () =>
      this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: log.index,
          KeyConditionExpression: log.condition,
          ...(log.filters.length ? { FilterExpression: log.filters.join(' AND ') } : {}),
          ExpressionAttributeNames: log.names,
          ExpressionAttributeValues: log.values,
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: startKey,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      ),
    );
  }

  /**
   * Whether anything follows a full page, so the last page carries no cursor. Unfiltered, one
   * item answers it; filtered, it reads on until a match or the end.
   */
  private async hasMore(log: LogQuery, startKey: Record<string, unknown> | undefined): Promise<boolean> {
    let key = startKey;
    while (key) {
      const res = await this.logPage(log, log.filters.length ? 100 : 1, key);
      if ((res.Items ?? []).length > 0) return true;
      key = res.LastEvaluatedKey;
    }
    return false;
  }

  private changeIndexFor(query: ChangeQuery): [string, string] {
    if (query.docId) return [INDEXES.byDocument, logPartitions.document(query.docId)];
    if (query.threadId) return [INDEXES.byThread, logPartitions.thread(query.threadId)];
    if (query.sourceId) return [INDEXES.bySource, logPartitions.source(query.sourceId)];
    if (query.type) return [INDEXES.byType, logPartitions.type(query.type)];
    return [INDEXES.byGroup, logPartitions.all()];
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
    const list = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
    for (const c of list as { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number }[]) {
      if (op === 'Query' || op === 'GetItem') this.capacity.read += c.ReadCapacityUnits ?? c.CapacityUnits ?? 0;
      else this.capacity.write += c.WriteCapacityUnits ?? c.CapacityUnits ?? 0;
    }
  }

  private wrap(op: string, err: unknown): StoreError {
    if (err instanceof StoreError) return err;
    const name = (err as Error)?.name ?? 'Error';
    return new StoreError(
      `DynamoDB ${op} failed on table ${this.tableName}: ${name}: ${(err as Error)?.message ?? err}`,
      { op },
      err,
    );
  }
}

function pickKeys(item: Item, index: string): Record<string, unknown> {
  const k = INDEX_KEYS[index];
  return { pk: item.pk, sk: item.sk, [k.pk]: item[k.pk], [k.sk]: item[k.sk] };
}

/** The store's cursor is the DynamoDB key, base64url; the query use-case signs it before it leaves. */
export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (!parsed || typeof parsed !== 'object' || typeof parsed.pk !== 'string') throw new Error('not a key');
    return parsed;
  } catch (err) {
    throw new StoreError('The cursor is not valid.', { field: 'cursor' }, err);
  }
}
