/**
 * The outbox's rows as values: how a row is keyed and identified to the provider, which digest an
 * alert joins, and what a fresh row holds. Pure, so the DynamoDB adapter and the use-cases agree.
 */
import { stableId } from './ids';
import type { Delivery, DeliveryKey } from './model';
import { addressOf, DEFAULT_DIGEST_HOUR, londonTime, type Subscriber } from './subscribers';

/** How long a claim is honoured: well above the mailers' own timeouts (30 s), so a live sender never loses it. */
export const DEFAULT_LEASE_MS = 5 * 60_000;

/** One stable Message-ID per row: a re-send after a crash is recognisably the same email (SMTP, outbox). */
export function messageIdFor(k: Pick<DeliveryKey, 'subjectId' | 'recipient' | 'generation'>): string {
  const again = k.generation > 0 ? `.g${k.generation}` : '';
  return `<${k.subjectId}.${stableId(k.recipient).slice(0, 12)}${again}@procurement-watch>`;
}

export function digestIdFor(day: string, recipient: string): string {
  return `digest-${day}-${stableId(recipient).slice(0, 10)}`;
}

/** The day of a digest id (`digest-2026-01-31-…`). */
export function digestDay(subjectId: string): string {
  return subjectId.slice('digest-'.length, 'digest-'.length + 10);
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The instant London's clock reads `hour`:00 on `day` (GMT or BST). */
export function londonInstant(day: string, hour: number): Date {
  const utc = Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
  for (const offset of [0, 3_600_000]) {
    const t = new Date(utc - offset);
    const seen = londonTime(t);
    if (seen.day === day && seen.hour === hour) return t;
  }
  return new Date(utc); // the hour the spring change skips
}

/**
 * The digest an alert raised at `createdAt` joins: the first one due at or after it (the
 * subscriber's hour, London time), or `later` days after that when that one is already on its way.
 */
export function digestSlot(sub: Subscriber, createdAt: string, later = 0): { subjectId: string; dueAt: string } {
  const hour = sub.digestHour ?? DEFAULT_DIGEST_HOUR;
  const raised = londonTime(new Date(createdAt));
  const day = addDays(raised.day, (raised.hour < hour ? 0 : 1) + later);
  return { subjectId: digestIdFor(day, sub.email), dueAt: londonInstant(day, hour).toISOString() };
}

/** The provider tag that carries a row's key, so a bounce reported hours later finds its row. */
export const DELIVERY_TAG = 'procwatch-delivery';

/** SES tag values allow letters, digits, `_` and `-`: base64url of "subject, generation" fits. */
export function deliveryTags(k: DeliveryKey): Record<string, string> {
  return { [DELIVERY_TAG]: Buffer.from(`${k.subjectId}\n${k.generation}`).toString('base64url') };
}

export function keyFromTag(value: string | undefined, recipient: string): DeliveryKey | null {
  if (!value || !/^[A-Za-z0-9_-]{1,256}$/.test(value)) return null;
  const [subjectId, generation, ...rest] = Buffer.from(value, 'base64url').toString().split('\n');
  if (rest.length || !subjectId || !/^\d{1,3}$/.test(generation ?? '')) return null;
  return { subjectId, recipient: addressOf(recipient), channel: 'email', generation: Number(generation) };
}

/** A fresh row, due at `dueAt`, nothing tried yet. */
export function newDelivery(key: DeliveryKey, kind: Delivery['kind'], alertIds: string[], dueAt: string): Delivery {
  return {
    ...key,
    kind,
    alertIds,
    status: 'pending',
    dueAt,
    leaseUntil: null,
    claimToken: null,
    attempts: 0,
    lastError: null,
    providerMessageId: null,
    sentAt: null,
    failedAt: null,
    bouncedAt: null,
    complainedAt: null,
    supersededBy: null,
  };
}
