/** The delivery row's item shape (keys and partitions in items.ts): what the outbox reads and writes. */
import type { Delivery, DeliveryKey } from '../../core/model';
import { deliveryKeys } from './items';
import type { Item } from './dynamodb-table';
import { StoredItem } from './stored-item';

/** The index sort key of a row: a time first (due, lease end, failure), then the row's own key. */
export function workSortKey(at: string, k: DeliveryKey): string {
  const { pk, sk } = deliveryKeys.row(k);
  return `${at}#${pk}#${sk}`;
}

const DELIVERY_FIELDS = [
  'subjectId',
  'recipient',
  'channel',
  'generation',
  'kind',
  'status',
  'dueAt',
  'leaseUntil',
  'claimToken',
  'attempts',
  'lastError',
  'providerMessageId',
  'sentAt',
  'failedAt',
  'bouncedAt',
  'complainedAt',
  'supersededBy',
] as const;

/**
 * A new pending row: its alert ids as a string set (a digest's grows with ADD), and no attribute
 * for what has not happened yet, so conditions can say `attribute_not_exists(bouncedAt)`.
 */
export function deliveryItem(d: Delivery): Item {
  return {
    ...deliveryKeys.row(d),
    entity: 'delivery',
    ...Object.fromEntries(DELIVERY_FIELDS.flatMap((f) => (d[f] === null ? [] : [[f, d[f]]]))),
    alertIds: new Set(d.alertIds),
    gsi1pk: deliveryKeys.work(),
    gsi1sk: workSortKey(d.dueAt, d),
  };
}

export function deliveryFromItem(item: Item): Delivery {
  const r = new StoredItem(item);
  return {
    subjectId: r.string('subjectId'),
    recipient: r.string('recipient'),
    channel: r.oneOf('channel', ['email', 'webhook']),
    generation: r.number('generation'),
    kind: r.oneOf('kind', ['alert', 'digest']),
    // A string set comes back as a Set, in no order: sorted, so one row reads back one way.
    alertIds: (r.nullableStrings('alertIds') ?? []).sort(),
    status: r.oneOf('status', ['pending', 'sending', 'sent', 'failed']),
    dueAt: r.string('dueAt'),
    leaseUntil: r.nullableString('leaseUntil'),
    claimToken: r.nullableString('claimToken'),
    attempts: r.nullableNumber('attempts') ?? 0,
    lastError: r.nullableString('lastError'),
    providerMessageId: r.nullableString('providerMessageId'),
    sentAt: r.nullableString('sentAt'),
    failedAt: r.nullableString('failedAt'),
    bouncedAt: r.nullableString('bouncedAt'),
    complainedAt: r.nullableString('complainedAt'),
    supersededBy: r.nullableNumber('supersededBy'),
  };
}
