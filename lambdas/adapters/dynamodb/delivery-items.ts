/** The delivery row's item shape (keys and partitions in items.ts): what the outbox reads and writes. */
import type { Delivery, DeliveryKey } from '../../core/model';
import { deliveryKeys, pick } from './items';

type Item = Record<string, unknown>;

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
  const d = pick<Delivery>(item, [...DELIVERY_FIELDS]);
  const ids = item.alertIds;
  return {
    ...d,
    attempts: (d.attempts as number | null) ?? 0,
    alertIds: [...(ids instanceof Set ? ids : Array.isArray(ids) ? ids : [])].map(String).sort(),
  };
}
