/**
 * What the table remembers of each subscriber (one `SUBSCRIBER#<email>` item): a one-click
 * unsubscribe, and a suppression after a permanent bounce or a complaint. Both only ever get set,
 * never cleared by a run, and win over the config's rules.
 */
import type { SubscriberState, SubscriberStore } from '../../core/ports';
import type { DynamoTable } from './dynamodb-table';
import { addressOf } from '../../core/subscribers';
import { deliveryKeys, INDEXES, INDEX_KEYS } from './items';

export class DynamoSubscribers implements SubscriberStore {
  constructor(private readonly table: DynamoTable) {}

  async listSubscriberStates(): Promise<SubscriberState[]> {
    const items = await this.table.queryAll({
      IndexName: INDEXES.byGroup,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': INDEX_KEYS.gsi1.pk },
      ExpressionAttributeValues: { ':pk': deliveryKeys.subscribers() },
    });
    return items.map((i) => ({
      email: i.email as string,
      unsubscribedAt: (i.unsubscribedAt as string | undefined) ?? null,
      suppressedAt: (i.suppressedAt as string | undefined) ?? null,
      suppressedReason: (i.suppressedReason as string | undefined) ?? null,
    }));
  }

  unsubscribe(email: string, at: Date = new Date()): Promise<void> {
    return this.flag(email, 'unsubscribedAt = if_not_exists(unsubscribedAt, :at)', { ':at': at.toISOString() });
  }

  suppress(email: string, reason: string, at: Date): Promise<void> {
    const set =
      'suppressedAt = if_not_exists(suppressedAt, :at), suppressedReason = if_not_exists(suppressedReason, :r)';
    return this.flag(email, set, { ':at': at.toISOString(), ':r': reason });
  }

  private async flag(email: string, set: string, values: Record<string, string>): Promise<void> {
    const address = addressOf(email);
    await this.table.update({
      Key: deliveryKeys.subscriber(address),
      UpdateExpression: `SET entity = :e, email = :m, ${set}, gsi1pk = :g, gsi1sk = :m`,
      ExpressionAttributeValues: { ...values, ':e': 'subscriber', ':m': address, ':g': deliveryKeys.subscribers() },
    });
  }
}
