/**
 * The Outbox port on the one DynamoDB table. A row is keyed by (subject, channel, recipient,
 * generation) and every transition is a conditional write. The sender's work is one sparse index
 * partition, `OUTBOX`, sorted by when a pending row is due or a sending row's lease ends: the sender
 * and the sweeper are the same Query, "everything in it up to now". Sent rows leave the index;
 * failed ones move to `OUTBOX#failed` until a re-send supersedes them.
 */
import { randomUUID } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { StoreError } from '../../core/errors';
import { newDelivery } from '../../core/delivery-rows';
import type { Alert, Delivery, DeliveryKey } from '../../core/model';
import type { DeliveryFeedback, ExpandOutcome, ExpansionTarget, Outbox, Settlement } from '../../core/ports';
import { isConditionFailed, type DynamoTable } from './dynamodb-table';
import { deliveryFromItem, deliveryItem, workSortKey } from './delivery-items';
import { alertFromItem, deliveryKeys, INDEXES, INDEX_KEYS, keys } from './items';

type Item = Record<string, unknown>;
type TransactItem = Record<string, Item>;

/** One transaction holds 100 items: the alert's own entry and up to 99 rows. */
const ROWS_PER_TRANSACTION = 99;

/** The positions of a cancelled transaction whose condition failed; null when it was not cancelled so. */
function failedConditions(err: unknown): Set<number> | null {
  const cause = err instanceof StoreError ? err.cause : null;
  if (!(cause instanceof TransactionCanceledException)) return null;
  const reasons = cause.CancellationReasons ?? [];
  const failed = new Set(reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : [])));
  return failed.size ? failed : null;
}

export class DynamoOutbox implements Outbox {
  constructor(private readonly table: DynamoTable) {}

  async listUnexpanded(limit = 500): Promise<Alert[]> {
    return (await this.partition(deliveryKeys.unexpanded(), undefined, limit)).map(alertFromItem);
  }

  async expand(alert: Alert, targets: ExpansionTarget[], at: Date): Promise<ExpandOutcome> {
    const flag: TransactItem = {
      Update: {
        Key: keys.alert(alert.alertId),
        UpdateExpression: 'REMOVE gsi1pk, gsi1sk SET expandedAt = :at',
        ConditionExpression: 'gsi1pk = :flag',
        ExpressionAttributeValues: { ':at': at.toISOString(), ':flag': deliveryKeys.unexpanded() },
      },
    };
    let rows = targets.map((t) => ({ target: t, item: this.rowWrite(alert, t, at) }));
    // Beyond one transaction: rows first (each write idempotent), the alert's entry last.
    while (rows.length > ROWS_PER_TRANSACTION) {
      const part = rows.slice(0, ROWS_PER_TRANSACTION);
      const outcome = await this.writeAll(alert, part, null);
      if (outcome) return outcome;
      rows = rows.slice(ROWS_PER_TRANSACTION);
    }
    return (await this.writeAll(alert, rows, flag)) ?? { outcome: 'expanded' };
  }

  /** One transaction of rows (and the flag): null when written, else why not. */
  private async writeAll(
    alert: Alert,
    rows: { target: ExpansionTarget; item: TransactItem }[],
    flag: TransactItem | null,
  ): Promise<ExpandOutcome | null> {
    for (;;) {
      const items = [...rows.map((r) => r.item), ...(flag ? [flag] : [])];
      if (!items.length) return null;
      try {
        await this.table.transact(items);
        return null;
      } catch (err) {
        const failed = failedConditions(err);
        if (!failed) throw err;
        if (flag && failed.has(rows.length)) return { outcome: 'already' };
        const closed: string[] = [];
        for (const i of failed) {
          const digest = rows[i].target.digest;
          // A digest that already carries the alert (an interrupted attempt) is done; one being sent is closed.
          if (digest && !(await this.carries(digest.subjectId, rows[i].target, alert.alertId)))
            closed.push(digest.subjectId);
        }
        if (closed.length) return { outcome: 'closed', digests: closed };
        // Rows an interrupted attempt already wrote: keep the rest.
        rows = rows.filter((_r, i) => !failed.has(i));
      }
    }
  }

  private async carries(subjectId: string, target: ExpansionTarget, alertId: string): Promise<boolean> {
    const key = { subjectId, recipient: target.recipient, channel: target.channel };
    const item = await this.table.get(deliveryKeys.row({ ...key, generation: 0 }));
    return item ? deliveryFromItem(item).alertIds.includes(alertId) : false;
  }

  /** An alert row of its own, or the alert added to a digest row while that digest is still pending. */
  private rowWrite(alert: Alert, t: ExpansionTarget, at: Date): TransactItem {
    if (!t.digest) {
      const key = { subjectId: alert.alertId, recipient: t.recipient, channel: t.channel, generation: 0 };
      const Item = deliveryItem(newDelivery(key, 'alert', [alert.alertId], at.toISOString()));
      return { Put: { Item, ConditionExpression: 'attribute_not_exists(pk)' } };
    }
    const key = { subjectId: t.digest.subjectId, recipient: t.recipient, channel: t.channel, generation: 0 };
    return {
      Update: {
        Key: deliveryKeys.row(key),
        UpdateExpression:
          'SET entity = :e, subjectId = :sid, recipient = :r, channel = :c, generation = :zero, kind = :k, ' +
          '#s = if_not_exists(#s, :pending), dueAt = if_not_exists(dueAt, :due), ' +
          'attempts = if_not_exists(attempts, :zero), ' +
          'gsi1pk = if_not_exists(gsi1pk, :work), gsi1sk = if_not_exists(gsi1sk, :wsk) ADD alertIds :ids',
        ConditionExpression: 'attribute_not_exists(pk) OR #s = :pending',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':e': 'delivery',
          ':sid': key.subjectId,
          ':r': key.recipient,
          ':c': key.channel,
          ':zero': 0,
          ':k': 'digest',
          ':pending': 'pending',
          ':due': t.digest.dueAt,
          ':work': deliveryKeys.work(),
          ':wsk': workSortKey(t.digest.dueAt, key),
          ':ids': new Set([alert.alertId]),
        },
      },
    };
  }

  async listDue(now: Date, limit = 500): Promise<Delivery[]> {
    // Index keys start with an ISO time, all of one length: everything before "<now>~" is due.
    return (await this.partition(deliveryKeys.work(), `${now.toISOString()}~`, limit)).map(deliveryFromItem);
  }

  async claim(key: DeliveryKey, now: Date, leaseMs: number): Promise<Delivery | null> {
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    try {
      const item = await this.table.update({
        Key: deliveryKeys.row(key),
        UpdateExpression: 'SET #s = :sending, leaseUntil = :lease, claimToken = :t, gsi1sk = :gsk ADD attempts :one',
        ConditionExpression: '(#s = :pending AND dueAt <= :now) OR (#s = :sending AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':pending': 'pending',
          ':lease': leaseUntil,
          ':t': randomUUID(),
          ':gsk': workSortKey(leaseUntil, key),
          ':one': 1,
          ':now': now.toISOString(),
        },
        ReturnValues: 'ALL_NEW',
      });
      return item ? deliveryFromItem(item) : null;
    } catch (err) {
      if (isConditionFailed(err)) return null;
      throw err;
    }
  }

  async settle(key: DeliveryKey, claimToken: string, outcome: Settlement): Promise<boolean> {
    const values: Item = { ':t': claimToken, ':s': outcome.status };
    let sets: string;
    const removes = ['leaseUntil', 'claimToken'];
    if (outcome.status === 'sent') {
      sets = 'providerMessageId = :p, sentAt = :at';
      Object.assign(values, { ':p': outcome.providerMessageId, ':at': outcome.at.toISOString() });
      removes.push('gsi1pk', 'gsi1sk');
    } else if (outcome.status === 'pending') {
      sets = 'dueAt = :due, lastError = :r, gsi1sk = :gsk';
      const due = outcome.dueAt.toISOString();
      Object.assign(values, { ':due': due, ':r': outcome.reason, ':gsk': workSortKey(due, key) });
    } else {
      sets = 'lastError = :r, failedAt = :at';
      Object.assign(values, { ':r': outcome.reason, ':at': outcome.at.toISOString() });
      if (outcome.listed) {
        sets += ', gsi1pk = :fpk, gsi1sk = :gsk';
        Object.assign(values, { ':fpk': deliveryKeys.failed(), ':gsk': workSortKey(outcome.at.toISOString(), key) });
      } else removes.push('gsi1pk', 'gsi1sk');
    }
    return this.conditional({
      Key: deliveryKeys.row(key),
      UpdateExpression: `SET #s = :s, ${sets} REMOVE ${removes.join(', ')}`,
      ConditionExpression: 'claimToken = :t',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: values,
    });
  }

  async listFailed(limit = 500): Promise<Delivery[]> {
    return (await this.partition(deliveryKeys.failed(), undefined, limit, false)).map(deliveryFromItem);
  }

  async resend(failed: Delivery, at: Date): Promise<boolean> {
    const next = { ...failed, generation: failed.generation + 1 };
    try {
      await this.table.transact([
        {
          Put: {
            Item: deliveryItem(newDelivery(next, failed.kind, failed.alertIds, at.toISOString())),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            Key: deliveryKeys.row(failed),
            UpdateExpression: 'SET supersededBy = :g REMOVE gsi1pk, gsi1sk',
            ConditionExpression: '#s = :failed AND attribute_not_exists(supersededBy)',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':g': next.generation, ':failed': 'failed' },
          },
        },
      ]);
      return true;
    } catch (err) {
      if (failedConditions(err)) return false;
      throw err;
    }
  }

  async recordFeedback(f: DeliveryFeedback): Promise<boolean> {
    if (!f.key) return false;
    const values: Item = { ':at': f.at, ':r': f.reason };
    let update: string;
    let condition = 'attribute_exists(pk)';
    if (f.kind === 'complaint') {
      update = 'SET complainedAt = :at, lastError = :r';
      condition += ' AND attribute_not_exists(complainedAt)';
    } else if (f.permanent) {
      // Accepted, then bounced for good: the row failed after all, and is listed for a re-send.
      update = 'SET #s = :failed, bouncedAt = :at, failedAt = :at, lastError = :r, gsi1pk = :fpk, gsi1sk = :gsk';
      update += ' REMOVE leaseUntil, claimToken';
      condition += ' AND attribute_not_exists(bouncedAt)';
      Object.assign(values, { ':failed': 'failed', ':fpk': deliveryKeys.failed(), ':gsk': workSortKey(f.at, f.key) });
    } else {
      // A transient bounce (mailbox full): noted on the row, nothing more.
      update = 'SET lastError = :r';
      delete values[':at'];
    }
    return this.conditional({
      Key: deliveryKeys.row(f.key),
      UpdateExpression: update,
      ConditionExpression: condition,
      ...(f.kind === 'bounce' && f.permanent ? { ExpressionAttributeNames: { '#s': 'status' } } : {}),
      ExpressionAttributeValues: values,
    });
  }

  /** An update that may lose to its condition: false then. */
  private async conditional(input: Parameters<DynamoTable['update']>[0]): Promise<boolean> {
    try {
      await this.table.update(input);
      return true;
    } catch (err) {
      if (isConditionFailed(err)) return false;
      throw err;
    }
  }

  /** One gsi1 partition, oldest first (or newest first), up to `before` in sort order when given. */
  private partition(pk: string, before?: string, limit = Infinity, forward = true): Promise<Item[]> {
    return this.table.queryAll(
      {
        IndexName: INDEXES.byGroup,
        KeyConditionExpression: before ? '#pk = :pk AND #sk < :before' : '#pk = :pk',
        ExpressionAttributeNames: { '#pk': INDEX_KEYS.gsi1.pk, ...(before ? { '#sk': INDEX_KEYS.gsi1.sk } : {}) },
        ExpressionAttributeValues: { ':pk': pk, ...(before ? { ':before': before } : {}) },
        ScanIndexForward: forward,
      },
      limit,
    );
  }
}
