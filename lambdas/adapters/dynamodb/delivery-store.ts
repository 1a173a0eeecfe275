/**
 * The DeliveryStore port on the same DynamoDB table as everything else: one send record per
 * (alert, recipient), claimed and marked with conditional writes, so two senders (or a sender and
 * the sweeper after a crash) never both hand the same email to the provider while a claim is live.
 * Uses the Store adapter's metered low-level helpers: one client, one capacity meter.
 */
import { randomUUID } from 'node:crypto';
import { StoreError } from '../../core/errors';
import type { Alert } from '../../core/model';
import type { ClaimResult, DeliveryStore, SendKey, SendRecord, SendStatus } from '../../core/ports';
import type { DynamoDbStore } from './dynamodb-store';
import { alertFromItem, deliveryKeys, INDEXES, INDEX_KEYS, sendFromItem } from './items';

const STATUSES = ['pending', 'claimed', 'sent', 'failed'] as const;

function isConditionFailure(err: unknown): boolean {
  return (
    err instanceof StoreError &&
    ((err.cause as Error)?.name === 'ConditionalCheckFailedException' || /ConditionalCheckFailed/.test(err.message))
  );
}

export class DynamoDeliveryStore implements DeliveryStore {
  constructor(private readonly store: DynamoDbStore) {}

  async claim(
    init: Pick<SendRecord, 'alertId' | 'recipient' | 'kind' | 'messageId'> & {
      digestId?: string | null;
      items?: string[] | null;
    },
    now: Date,
    leaseMs: number,
  ): Promise<ClaimResult> {
    const key = deliveryKeys.send(init.alertId, init.recipient);
    const token = randomUUID();
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    try {
      await this.store.update({
        Key: key,
        // A re-claim keeps what the record already knew (sendStartedAt, items): the sweeper needs it.
        UpdateExpression:
          'SET entity = :entity, alertId = :a, recipient = :r, kind = :k, messageId = if_not_exists(messageId, :m), #s = :claimed, claimToken = :t, ' +
          'leaseUntil = :lease, gsi1pk = :gpk, gsi1sk = :gsk, digestId = if_not_exists(digestId, :d), #items = if_not_exists(#items, :items), ' +
          'providerMessageId = if_not_exists(providerMessageId, :null), lastError = if_not_exists(lastError, :null), nextAttemptAt = :null, ' +
          'sentAt = :null, sendStartedAt = if_not_exists(sendStartedAt, :null), resent = if_not_exists(resent, :false) ADD attempts :one',
        ConditionExpression:
          'attribute_not_exists(pk) OR (#s = :retry AND nextAttemptAt <= :now) OR (#s = :claimed AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#s': 'status', '#items': 'items' },
        ExpressionAttributeValues: {
          ':entity': 'send',
          ':a': init.alertId,
          ':r': init.recipient,
          ':k': init.kind,
          ':m': init.messageId,
          ':claimed': 'claimed',
          ':t': token,
          ':lease': leaseUntil,
          ':gpk': deliveryKeys.sendsByStatus('claimed'),
          ':gsk': `${leaseUntil}#${init.alertId}#${init.recipient}`,
          ':d': init.digestId ?? null,
          ':items': init.items ?? null,
          ':null': null,
          ':false': false,
          ':retry': 'retry',
          ':now': now.toISOString(),
          ':one': 1,
        },
      });
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      const record = await this.getSend(init);
      if (!record) throw err;
      const outcome =
        record.status === 'sent'
          ? 'sent'
          : record.status === 'failed'
            ? 'failed'
            : record.status === 'retry'
              ? 'waiting'
              : 'busy';
      return { outcome, record };
    }
    const record = await this.getSend(init);
    if (!record || record.claimToken !== token)
      throw new StoreError(`The send record ${init.alertId} → ${init.recipient} changed while it was being claimed.`);
    return { outcome: 'claimed', record };
  }

  markSending(key: SendKey, claimToken: string, at: Date): Promise<boolean> {
    return this.transition(key, claimToken, 'claimed', { sendStartedAt: at.toISOString() }, null);
  }

  markSent(key: SendKey, claimToken: string, providerMessageId: string, at: Date, resent = false): Promise<boolean> {
    return this.transition(
      key,
      claimToken,
      'sent',
      { providerMessageId, sentAt: at.toISOString(), leaseUntil: null, resent },
      at.toISOString(),
      true,
    );
  }

  markFailed(key: SendKey, claimToken: string, reason: string): Promise<boolean> {
    return this.transition(
      key,
      claimToken,
      'failed',
      { lastError: reason, leaseUntil: null },
      new Date().toISOString(),
      true,
    );
  }

  markRetry(key: SendKey, claimToken: string, reason: string, nextAttemptAt: Date): Promise<boolean> {
    return this.transition(
      key,
      claimToken,
      'retry',
      { lastError: reason, nextAttemptAt: nextAttemptAt.toISOString(), leaseUntil: null, sendStartedAt: null },
      nextAttemptAt.toISOString(),
      true,
    );
  }

  async getSend(key: SendKey): Promise<SendRecord | null> {
    const item = await this.store.get(deliveryKeys.send(key.alertId, key.recipient));
    return item ? sendFromItem<SendRecord>(item) : null;
  }

  async reserve(key: SendKey, digestId: string, messageId: string): Promise<boolean> {
    try {
      await this.store.update({
        Key: deliveryKeys.send(key.alertId, key.recipient),
        UpdateExpression:
          'SET entity = :e, alertId = :a, recipient = :r, kind = :k, #s = :s, messageId = :m, digestId = :d, attempts = :zero, resent = :false, gsi1pk = :gpk, gsi1sk = :gsk',
        ConditionExpression: 'attribute_not_exists(pk) OR digestId = :d',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':e': 'send',
          ':a': key.alertId,
          ':r': key.recipient,
          ':k': 'digest',
          ':s': 'reserved',
          ':m': messageId,
          ':d': digestId,
          ':zero': 0,
          ':false': false,
          ':gpk': deliveryKeys.sendsByStatus('reserved'),
          ':gsk': `${digestId}#${key.alertId}#${key.recipient}`,
        },
      });
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  async settleReserved(key: SendKey, digestId: string, providerMessageId: string, at: Date): Promise<void> {
    try {
      await this.store.update({
        Key: deliveryKeys.send(key.alertId, key.recipient),
        UpdateExpression: 'SET #s = :sent, providerMessageId = :p, sentAt = :at, gsi1pk = :gpk, gsi1sk = :gsk',
        ConditionExpression: 'digestId = :d AND #s = :reserved',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':sent': 'sent',
          ':p': providerMessageId,
          ':at': at.toISOString(),
          ':d': digestId,
          ':reserved': 'reserved',
          ':gpk': deliveryKeys.sendsByStatus('sent'),
          ':gsk': `${at.toISOString()}#${key.alertId}#${key.recipient}`,
        },
      });
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
  }

  async listStale(now: Date, limit = 500): Promise<SendRecord[]> {
    const items = await this.store.queryAll(
      {
        IndexName: INDEXES.byGroup,
        KeyConditionExpression: '#pk = :pk AND #sk < :now',
        ExpressionAttributeNames: { '#pk': INDEX_KEYS.gsi1.pk, '#sk': INDEX_KEYS.gsi1.sk },
        ExpressionAttributeValues: { ':pk': deliveryKeys.sendsByStatus('claimed'), ':now': now.toISOString() },
      },
      limit,
    );
    return items.map((i) => sendFromItem<SendRecord>(i));
  }

  async listByStatus(status: SendStatus, limit = 1000): Promise<SendRecord[]> {
    const items = await this.store.queryAll(
      {
        IndexName: INDEXES.byGroup,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': INDEX_KEYS.gsi1.pk },
        ExpressionAttributeValues: { ':pk': deliveryKeys.sendsByStatus(status) },
      },
      limit,
    );
    return items.map((i) => sendFromItem<SendRecord>(i));
  }

  async listAlertsCreated(since: string, until: string): Promise<Alert[]> {
    const out: Alert[] = [];
    for (const status of STATUSES) {
      const items = await this.store.queryAll({
        IndexName: INDEXES.byGroup,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :since AND :until',
        ExpressionAttributeNames: { '#pk': INDEX_KEYS.gsi1.pk, '#sk': INDEX_KEYS.gsi1.sk },
        ExpressionAttributeValues: { ':pk': deliveryKeys.alertsByStatus(status), ':since': since, ':until': until },
      });
      out.push(...items.map(alertFromItem));
    }
    return out;
  }

  async listSubscriberStates(): Promise<{ email: string; unsubscribedAt: string | null }[]> {
    const items = await this.store.queryAll({
      IndexName: INDEXES.byGroup,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': INDEX_KEYS.gsi1.pk },
      ExpressionAttributeValues: { ':pk': deliveryKeys.subscribers() },
    });
    return items.map((i) => ({
      email: i.email as string,
      unsubscribedAt: (i.unsubscribedAt as string | null) ?? null,
    }));
  }

  async unsubscribe(email: string, at: Date = new Date()): Promise<void> {
    const address = email.trim().toLowerCase();
    await this.store.update({
      Key: deliveryKeys.subscriber(address),
      UpdateExpression:
        'SET entity = :e, email = :m, unsubscribedAt = if_not_exists(unsubscribedAt, :at), gsi1pk = :g, gsi1sk = :m',
      ExpressionAttributeValues: {
        ':e': 'subscriber',
        ':m': address,
        ':at': at.toISOString(),
        ':g': deliveryKeys.subscribers(),
      },
    });
  }

  /** Moves a record the caller still holds (its claim token) to `status`; false when the claim was lost. */
  private async transition(
    key: SendKey,
    claimToken: string,
    status: SendStatus,
    fields: Record<string, unknown>,
    sortAt: string | null,
    releaseClaim = false,
  ): Promise<boolean> {
    const names: Record<string, string> = { '#s': 'status' };
    const values: Record<string, unknown> = { ':t': claimToken, ':s': status };
    const sets = ['#s = :s'];
    Object.entries(fields).forEach(([k, v], i) => {
      names[`#f${i}`] = k;
      values[`:f${i}`] = v;
      sets.push(`#f${i} = :f${i}`);
    });
    if (sortAt !== null) {
      values[':gpk'] = deliveryKeys.sendsByStatus(status);
      values[':gsk'] = `${sortAt}#${key.alertId}#${key.recipient}`;
      sets.push('gsi1pk = :gpk', 'gsi1sk = :gsk');
    }
    if (releaseClaim) sets.push('claimToken = :none');
    if (releaseClaim) values[':none'] = null;
    try {
      await this.store.update({
        Key: deliveryKeys.send(key.alertId, key.recipient),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: 'claimToken = :t',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      });
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }
}
