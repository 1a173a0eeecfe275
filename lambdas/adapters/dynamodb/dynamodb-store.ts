/**
 * The store's three ports on Amazon DynamoDB (and DynamoDB Local): documents and their versions
 * (DocumentStore), the change log and its alerts (ChangeLog), source state (SourceStateStore). The
 * table calls live in dynamodb-table.ts, the change-log query in change-log-query.ts, the bounded
 * transaction of one change in change-writer.ts.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { Alert, Change, SourceState, StoredDocument, StoredVersion } from '../../core/model';
import type {
  ChangeLog,
  ChangePage,
  ChangeQuery,
  ChangeWrite,
  DocumentStore,
  SourceStateStore,
  WriteOutcome,
} from '../../core/ports';
import { listChanges } from './change-log-query';
import { writeChange } from './change-writer';
import { DynamoTable } from './dynamodb-table';
import {
  alertFromItem,
  changeFromItem,
  documentFromItem,
  INDEXES,
  INDEX_KEYS,
  keys,
  sourceStateFromItem,
  sourceStateItem,
  versionFromItems,
} from './items';

export class DynamoDbStore extends DynamoTable implements DocumentStore, ChangeLog, SourceStateStore {
  constructor(
    client: DynamoDBClient,
    tableName: string,
    private readonly maxConflictRetries = 5,
  ) {
    super(client, tableName);
  }

  static connect(tableName: string, config: DynamoDBClientConfig = {}): DynamoDbStore {
    return new DynamoDbStore(new DynamoDBClient({ maxAttempts: 6, ...config }), tableName);
  }

  async getSourceState(sourceId: string): Promise<SourceState | null> {
    const item = await this.get(keys.source(sourceId));
    return item ? sourceStateFromItem(item) : null;
  }

  async putSourceState(state: SourceState): Promise<void> {
    await this.put(sourceStateItem(state));
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
        items.filter((i) => i.entity === 'version-part' && String(i.sk).startsWith(`${String(h.sk)}#`)),
      ),
    );
  }

  async recordChange(write: ChangeWrite): Promise<WriteOutcome> {
    return writeChange(this.tableName, write, (items) => this.transact(items), this.maxConflictRetries);
  }

  async listChanges(query: ChangeQuery): Promise<ChangePage> {
    return listChanges(this, query);
  }

  async getChange(changeId: string): Promise<Change | null> {
    const item = await this.get(keys.change(changeId));
    return item ? changeFromItem(item) : null;
  }

  async getAlert(alertId: string): Promise<Alert | null> {
    const item = await this.get(keys.alert(alertId));
    return item ? alertFromItem(item) : null;
  }
}
