/**
 * Who is told what, and when. A subscriber's rules are ANDed; an empty list means "any". The old
 * `alerts.to` list keeps working: each address becomes an immediate subscriber to everything.
 */
import type { Alert, Change } from './model';
import type { SubscriberState } from './ports';

export type Frequency = 'immediate' | 'daily';

/** What a webhook's body looks like: our signed JSON, a Slack incoming webhook, a Teams workflow. */
export type WebhookFormat = 'generic' | 'slack' | 'teams';

/** One of a subscriber's webhooks, its signing secret already read (by reference, never from the file). */
export interface Webhook {
  /** Unique across the config: the delivery rows' recipient is `webhook:<id>`. */
  id: string;
  url: string;
  format: WebhookFormat;
  /** HMAC-SHA256 key of the signature headers; null: sent unsigned (Slack and Teams URLs are the secret). */
  secret?: string | null;
}

/** The recipient of a webhook's delivery rows. */
export function webhookRecipient(id: string): string {
  return `webhook:${id}`;
}

export interface Subscriber {
  email: string;
  name?: string;
  /** Source ids; empty or absent: every source. */
  sources?: string[];
  /** Alert types (`new-correspondence`, `document-changed`…); empty or absent: every type. */
  types?: string[];
  /** Watched terms; when set, only alerts whose change matched one of them (case-insensitive). */
  keywords?: string[];
  frequency: Frequency;
  /** Hour of the daily digest, Europe/London (0-23). Default 8. */
  digestHour?: number;
  /** Set by one-click unsubscribe; a stored flag wins over the configuration. */
  unsubscribedAt?: string | null;
  /** Set after a permanent bounce or a complaint, with the provider's reason: nothing more is sent. */
  suppressedAt?: string | null;
  suppressedReason?: string | null;
  /** Alerts are also POSTed here, each as soon as it is raised (a daily subscriber's too). */
  webhooks?: Webhook[];
}

export const DEFAULT_DIGEST_HOUR = 8;

/** What the table stores of a person added with `procwatch subscribers add|import`: rules, no channels but email. */
export type SubscriberRules = Pick<Subscriber, 'name' | 'sources' | 'types' | 'keywords' | 'frequency' | 'digestHour'>;

/**
 * The deployed config names no person: a subscriber's webhooks ship under a stand-in address at this
 * reserved domain (RFC 2606), `<first webhook id>@webhooks.invalid`, which is never mailed.
 */
export const WEBHOOK_ONLY_DOMAIN = 'webhooks.invalid';

export function webhookOnlyAddress(hookId: string): string {
  return `${hookId}@${WEBHOOK_ONLY_DOMAIN}`;
}

/** False for a webhook-only stand-in: its alerts go to its webhooks alone. */
export function hasMailbox(s: Pick<Subscriber, 'email'>): boolean {
  return !s.email.toLowerCase().endsWith(`@${WEBHOOK_ONLY_DOMAIN}`);
}

/** The bare address of `Name <addr@x>` or `addr@x`, lower-cased: the key of a subscriber. */
export function addressOf(email: string): string {
  const m = /<([^<>]+)>/.exec(email);
  return (m ? m[1] : email).trim().toLowerCase();
}

/** Config subscribers plus the legacy `alerts.to` (everyone, immediate, everything), one entry per address. */
export function effectiveSubscribers(configured: Subscriber[] | undefined, legacyTo: string[] = []): Subscriber[] {
  const out = new Map<string, Subscriber>();
  for (const to of legacyTo) out.set(addressOf(to), { email: addressOf(to), frequency: 'immediate' });
  // An explicit entry refines a legacy address rather than doubling it; its webhooks stay (the table stores none).
  for (const s of configured ?? []) {
    const key = addressOf(s.email);
    const hooks = s.webhooks ?? out.get(key)?.webhooks;
    out.set(key, { ...s, email: key, ...(hooks ? { webhooks: hooks } : {}) });
  }
  return [...out.values()];
}

/**
 * Everyone who receives alerts: `alerts.to`, the config's subscribers (a local setup: the deployed
 * config carries no address), then the people the table lists, whose stored rules win, each with
 * the table's flags. The one list the sender, `procwatch subscribers` and `GET /subscribers` use.
 */
export function listedSubscribers(
  configured: Subscriber[] | undefined,
  legacyTo: string[],
  states: SubscriberState[],
): Subscriber[] {
  const stored = states.flatMap((s) => (s.rules ? [{ ...s.rules, email: s.email }] : []));
  return withStates(effectiveSubscribers([...(configured ?? []), ...stored], legacyTo), states);
}

/** The keywords of `subscriber` that this change matched (all the change's hits when the subscriber lists none). */
export function matchedKeywords(subscriber: Subscriber, change: Pick<Change, 'keywords'>): string[] {
  const hits = [...new Set(change.keywords.map((k) => k.term))];
  if (!subscriber.keywords?.length) return hits;
  const wanted = subscriber.keywords.map((k) => k.toLowerCase());
  return hits.filter((h) => wanted.some((w) => h.toLowerCase().includes(w) || w.includes(h.toLowerCase())));
}

export function wants(
  subscriber: Subscriber,
  alert: Pick<Alert, 'sourceId' | 'type'>,
  change: Pick<Change, 'keywords'>,
): boolean {
  if (subscriber.unsubscribedAt || subscriber.suppressedAt) return false;
  if (subscriber.sources?.length && !subscriber.sources.includes(alert.sourceId)) return false;
  if (subscriber.types?.length && !subscriber.types.includes(alert.type)) return false;
  if (subscriber.keywords?.length && matchedKeywords(subscriber, change).length === 0) return false;
  return true;
}

/** The hour (0-23) and calendar day of `at` in Europe/London, whatever the machine's zone and DST. */
export function londonTime(at: Date): { day: string; hour: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return { day: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
}

/** The config's subscribers with what the table remembers of each (unsubscribed, suppressed): the stored flags win. */
export function withStates(subscribers: Subscriber[], states: SubscriberState[]): Subscriber[] {
  const byEmail = new Map(states.map((s) => [addressOf(s.email), s]));
  return subscribers.map((s) => {
    const st = byEmail.get(s.email);
    return {
      ...s,
      unsubscribedAt: st?.unsubscribedAt ?? s.unsubscribedAt ?? null,
      suppressedAt: st?.suppressedAt ?? null,
      suppressedReason: st?.suppressedReason ?? null,
    };
  });
}
