/**
 * Writes one ChangeWrite within DynamoDB's limits (100 items and 4 MB per transaction, 400 KB per
 * item). A write that fits is one TransactWriteItems: the changes, their alerts, the version and
 * the head together. A bigger one goes in bounded, idempotent chunks (every item is a put that
 * only creates) with the head last, so a crash in between leaves items the next run finds already
 * written and skips, never a head that claims a version whose changes are missing.
 *
 * An item that already exists (written by an interrupted earlier attempt of the same transition:
 * ids derive from the transition) is dropped and the rest retried, so a duplicate never discards
 * the rest of the write. Only the head's own condition failing means another writer got there first.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { StoreError } from '../../core/errors';
import type { ChangeWrite, WriteOutcome } from '../../core/ports';
import { alertItem, changeItem, documentItem, versionItems } from './items';

export type TransactItem = { Put: Record<string, unknown> };
export type SendTransaction = (items: TransactItem[]) => Promise<void>;

/** What one transaction may hold: DynamoDB allows 100 items and 4 MB; chunks stay well inside. */
export const LIMITS = { single: { items: 100, bytes: 3_500_000 }, chunk: { items: 50, bytes: 2_000_000 } };

const NOT_EXISTS = 'attribute_not_exists(pk)';

export function itemsFor(tableName: string, write: ChangeWrite): { body: TransactItem[]; head: TransactItem | null } {
  const create = (Item: Record<string, unknown>): TransactItem => ({
    Put: { TableName: tableName, Item, ConditionExpression: NOT_EXISTS },
  });
  const body = [
    ...write.changes.map((c) => create(changeItem(c))),
    ...write.alerts.map((a) => create(alertItem(a))),
    ...(write.version ? versionItems(write.version).map(create) : []),
  ];
  if (!write.document) return { body, head: null };
  const expected = write.document.expectedRevision;
  const Item = documentItem(write.document.next);
  const head: TransactItem =
    expected === null
      ? create(Item)
      : {
          Put: {
            TableName: tableName,
            Item,
            // Heads written before revisions existed carry only their version.
            ConditionExpression: '#r = :expected OR (attribute_not_exists(#r) AND #v = :expected)',
            ExpressionAttributeNames: { '#r': 'revision', '#v': 'version' },
            ExpressionAttributeValues: { ':expected': expected },
          },
        };
  return { body, head };
}

function size(item: TransactItem): number {
  return Buffer.byteLength(
    JSON.stringify(item.Put.Item, (_k, v: unknown) => (Buffer.isBuffer(v) ? 'x'.repeat(v.length) : v)),
  );
}

export function chunksOf(items: TransactItem[], limit: { items: number; bytes: number }): TransactItem[][] {
  const chunks: TransactItem[][] = [];
  let current: TransactItem[] = [];
  let bytes = 0;
  for (const item of items) {
    const n = size(item);
    if (current.length && (current.length >= limit.items || bytes + n > limit.bytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += n;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

export async function writeChange(
  tableName: string,
  write: ChangeWrite,
  send: SendTransaction,
  maxConflictRetries = 5,
): Promise<WriteOutcome> {
  const { body, head } = itemsFor(tableName, write);
  const all = head ? [...body, head] : body;
  if (chunksOf(all, LIMITS.single).length <= 1) return transact(all, head, send, maxConflictRetries);
  let fresh = 0;
  for (const chunk of chunksOf(body, LIMITS.chunk)) {
    if ((await transact(chunk, null, send, maxConflictRetries)) === 'written') fresh++;
  }
  if (head) return transact([head], head, send, maxConflictRetries);
  return fresh ? 'written' : 'duplicate';
}

/**
 * One transaction, resumed past items that already exist. `head`, when given, is the last item:
 * its condition failing means another writer moved the document first.
 */
async function transact(
  items: TransactItem[],
  head: TransactItem | null,
  send: SendTransaction,
  maxConflictRetries: number,
): Promise<WriteOutcome> {
  let pending = items;
  let existed = 0;
  for (let conflicts = 0; ;) {
    if (!pending.length) return existed === items.length && !head ? 'duplicate' : 'written';
    try {
      await send(pending);
      return 'written';
    } catch (err) {
      const cancelled =
        err instanceof StoreError && err.cause instanceof TransactionCanceledException ? err.cause : null;
      if (!cancelled) throw err;
      const reasons = cancelled.CancellationReasons ?? [];
      const failed = new Set(reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : [])));
      if (failed.size) {
        if (head && failed.has(pending.indexOf(head))) return 'duplicate';
        existed += failed.size;
        pending = pending.filter((_item, i) => !failed.has(i));
        continue;
      }
      // TransactionConflict or throttling inside a transaction: nothing was written; try again.
      if (conflicts++ >= maxConflictRetries) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** conflicts + Math.random() * 50));
    }
  }
}
