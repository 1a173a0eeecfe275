/**
 * What the table holds of each subscriber (one `SUBSCRIBER#<email>` item): the person's rules when
 * `procwatch subscribers add|import` put them there (so no address ships in a Lambda bundle), a
 * one-click unsubscribe, and a suppression after a permanent bounce or a complaint. The flags only
 * ever get set by a run, never cleared; `remove` deletes the whole item, address and all.
 */
import type { SubscriberState, SubscriberStore } from '../../core/ports';
import type { DynamoTable } from './dynamodb-table';
import { addressOf, type Subscriber, type SubscriberRules } from '../../core/subscribers';
import { deliveryKeys, INDEXES, INDEX_KEYS } from './items';
import { StoredItem } from './stored-item';

const RULE_KEYS = ['name', 'sources', 'types', 'keywords', 'digestHour'] as const;

function rulesOf(r: StoredItem): SubscriberRules | null {
  // `frequency` is written by add and import alone: a flag-only item (an unsubscribe) has none.
  if (!r.has('frequency')) return null;
  const name = r.nullableString('name');
  const digestHour = r.nullableNumber('digestHour');
  const lists = (['sources', 'types', 'keywords'] as const).flatMap((key) => {
    const list = r.nullableStrings(key);
    return list ? [[key, list] as const] : [];
  });
  return {
    frequency: r.oneOf('frequency', ['immediate', 'daily']),
    ...(name !== null && { name }),
    ...Object.fromEntries(lists),
    ...(digestHour !== null && { digestHour }),
  };
}

export class DynamoSubscribers implements SubscriberStore {
  constructor(private readonly table: DynamoTable) {}

  async listSubscriberStates(): Promise<SubscriberState[]> {
    const items = await this.table.queryAll({
      IndexName: INDEXES.byGroup,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': INDEX_KEYS.gsi1.pk },
      ExpressionAttributeValues: { ':pk': deliveryKeys.subscribers() },
    });
    return items.map((i) => {
      const r = new StoredItem(i);
      const rules = rulesOf(r);
      return {
        email: r.string('email'),
        ...(rules ? { rules } : {}),
        unsubscribedAt: r.nullableString('unsubscribedAt'),
        suppressedAt: r.nullableString('suppressedAt'),
        suppressedReason: r.nullableString('suppressedReason'),
      };
    });
  }

  /** Adds a person, or replaces their rules; an unsubscribe or suppression already stored stays. */
  async addSubscriber(subscriber: Subscriber, at: Date = new Date()): Promise<void> {
    const set = ['frequency = :f', 'addedAt = if_not_exists(addedAt, :at)'];
    const remove: string[] = [];
    const values: Record<string, unknown> = { ':f': subscriber.frequency, ':at': at.toISOString() };
    for (const key of RULE_KEYS) {
      const value = subscriber[key];
      // An empty list means "any", as absent does: stored as absent, so one shape reads back.
      if (value === undefined || (Array.isArray(value) && value.length === 0)) remove.push(`#${key}`);
      else {
        // Through a name placeholder: `name` is one of DynamoDB's reserved words.
        set.push(`#${key} = :${key}`);
        values[`:${key}`] = value;
      }
    }
    const names = Object.fromEntries(RULE_KEYS.map((k) => [`#${k}`, k]));
    await this.flag(subscriber.email, set.join(', '), values, { names, remove });
  }

  /** Erases the person's item (rules, flags and address); false when the table held none. */
  async removeSubscriber(email: string): Promise<boolean> {
    const key = deliveryKeys.subscriber(addressOf(email));
    if (!(await this.table.get(key))) return false;
    await this.table.delete(key);
    return true;
  }

  unsubscribe(email: string, at: Date = new Date()): Promise<void> {
    return this.flag(email, 'unsubscribedAt = if_not_exists(unsubscribedAt, :at)', { ':at': at.toISOString() });
  }

  suppress(email: string, reason: string, at: Date): Promise<void> {
    const set =
      'suppressedAt = if_not_exists(suppressedAt, :at), suppressedReason = if_not_exists(suppressedReason, :r)';
    return this.flag(email, set, { ':at': at.toISOString(), ':r': reason });
  }

  private async flag(
    email: string,
    set: string,
    values: Record<string, unknown>,
    extra: { names?: Record<string, string>; remove?: string[] } = {},
  ): Promise<void> {
    const address = addressOf(email);
    const remove = extra.remove?.length ? ` REMOVE ${extra.remove.join(', ')}` : '';
    await this.table.update({
      Key: deliveryKeys.subscriber(address),
      UpdateExpression: `SET entity = :e, email = :m, ${set}, gsi1pk = :g, gsi1sk = :m${remove}`,
      ...(extra.names ? { ExpressionAttributeNames: extra.names } : {}),
      ExpressionAttributeValues: { ...values, ':e': 'subscriber', ':m': address, ':g': deliveryKeys.subscribers() },
    });
  }
}
