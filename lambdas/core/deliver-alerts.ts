/**
 * sendPendingAlerts: every pending alert (and every alert whose claim a crashed sender left behind)
 * goes to each immediate subscriber that wants it, exactly once per (alert, recipient):
 *
 *   alert pending → claimed ─┬─ per recipient: send record claimed (conditional write, with a lease)
 *                            │     → markSending → provider → markSent(provider id) | retry | failed
 *                            └─ every recipient settled → alert sent | failed; otherwise back to pending
 *
 * A crash anywhere leaves a claim whose lease runs out; the next run (the sweeper) claims it again
 * and sends with the same Message-ID. Only "provider accepted, then crash before markSent" can
 * deliver twice; docs/email.md explains that window and how the design narrows it.
 */
import { describeFailure, DeliveryError } from './errors';
import { stableId } from './ids';
import { MemoryDeliveryStore } from './memory-delivery-store';
import type { Alert, Change } from './model';
import type { Clock, DeliveryStore, Logger, Mailer, OutgoingMessage, SendKey, Store } from './ports';
import { systemClock } from './ports';
import { renderAlert, safeHeader } from './render-alert';
import { addressOf, effectiveSubscribers, matchedKeywords, wants, type Subscriber } from './subscribers';
import { createUnsubscribeToken } from './unsubscribe-token';

/** The points a crash-injection test may stop the sender at (see test/integration/delivery). */
export type DeliveryStep = 'alert-claimed' | 'claimed' | 'sending' | 'accepted' | 'marked';

export interface DeliverDeps {
  store: Store;
  mailer: Mailer;
  logger: Logger;
  clock?: Clock;
  /** Persistent send records; without one, records live in memory for this run only. */
  deliveries?: DeliveryStore;
  /** Called at each step; throwing here stops the sender as a crash would (tests only). */
  onStep?: (step: DeliveryStep, key: SendKey) => void;
}

export interface UnsubscribeLinks {
  /** The one-click endpoint; the token is appended as `?token=`. */
  baseUrl: string;
  secret: string;
  mailto?: string;
}

export interface DeliverInput {
  from: string;
  /** Legacy recipients: everyone, immediately, everything. */
  to: string[];
  subscribers?: Subscriber[];
  unsubscribe?: UnsubscribeLinks;
  /** Claims per (alert, recipient) before a transient failure becomes `failed`. */
  maxAttempts?: number;
  /** Tries inside one run, with exponential backoff, before the record waits for the next run. */
  inlineTries?: number;
  backoffMs?: number;
  /** How long a claim is honoured; must exceed the mailer's own timeout. */
  leaseMs?: number;
}

export interface DeliveryReport {
  /** Alerts that reached at least one recipient in this run. */
  sent: Alert[];
  failed: { alert: Alert; reason: string; recipient?: string }[];
  /** Emails handed to the provider in this run (immediate and digests). */
  messages: number;
  /** Sends that repeated one a crashed sender may already have handed over (same Message-ID). */
  resent: number;
  /** (alert, recipient) pairs left for a later run after transient failures. */
  retrying: number;
  /** Daily digests sent, and digests skipped because they would have been empty. */
  digests: number;
  emptyDigests: number;
}

export const DEFAULT_LEASE_MS = 5 * 60_000;

export type SendOutcome = 'sent' | 'already' | 'failed' | 'retry' | 'busy';

export interface DeliveryContext {
  deps: DeliverDeps;
  input: DeliverInput;
  clock: Clock;
  deliveries: DeliveryStore;
  report: DeliveryReport;
}

export function deliveryContext(deps: DeliverDeps, input: DeliverInput): DeliveryContext {
  const deliveries = deps.deliveries ?? new MemoryDeliveryStore();
  return {
    deps,
    input,
    clock: deps.clock ?? systemClock,
    deliveries,
    report: { sent: [], failed: [], messages: 0, resent: 0, retrying: 0, digests: 0, emptyDigests: 0 },
  };
}

/** One stable Message-ID per (alert or digest, recipient): a resend is recognisably the same email. */
export function messageIdFor(alertId: string, recipient: string): string {
  return `<${alertId}.${stableId(recipient).slice(0, 12)}@procurement-watch>`;
}

/** RFC 8058 one-click headers and the link shown in the body. */
export function unsubscribeFor(
  links: UnsubscribeLinks | undefined,
  recipient: string,
  at: Date,
): { url?: string; headers: Record<string, string> } {
  if (!links) return { headers: {} };
  const url = `${links.baseUrl}${links.baseUrl.includes('?') ? '&' : '?'}token=${createUnsubscribeToken(recipient, links.secret, at)}`;
  const list = [`<${url}>`, ...(links.mailto ? [`<mailto:${links.mailto}?subject=unsubscribe>`] : [])].join(', ');
  return { url, headers: { 'List-Unsubscribe': list, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } };
}

/** Subscribers from config and `alerts.to`, minus everyone who unsubscribed (the stored flag wins). */
export async function activeSubscribers(ctx: DeliveryContext): Promise<Subscriber[]> {
  const states = await ctx.deliveries.listSubscriberStates();
  const gone = new Map(states.filter((s) => s.unsubscribedAt).map((s) => [addressOf(s.email), s.unsubscribedAt]));
  return effectiveSubscribers(ctx.input.subscribers, ctx.input.to).map((s) => ({
    ...s,
    unsubscribedAt: gone.get(s.email) ?? s.unsubscribedAt ?? null,
  }));
}

/**
 * Claims one (alert|digest, recipient) record and sends it. Errors of the mailer are outcomes;
 * errors of the store and crashes injected by `onStep` propagate (the lease makes them safe).
 */
export async function deliverOnce(
  ctx: DeliveryContext,
  key: SendKey,
  kind: 'immediate' | 'digest',
  build: (messageId: string) => OutgoingMessage,
  extra: { items?: string[] } = {},
): Promise<SendOutcome> {
  const { deliveries, clock, input } = ctx;
  const leaseMs = input.leaseMs ?? DEFAULT_LEASE_MS;
  const claim = await deliveries.claim(
    { ...key, kind, messageId: messageIdFor(key.alertId, key.recipient), items: extra.items ?? null },
    clock.now(),
    leaseMs,
  );
  if (claim.outcome !== 'claimed')
    return claim.outcome === 'sent' ? 'already' : claim.outcome === 'waiting' ? 'retry' : claim.outcome;
  const { record } = claim;
  const token = record.claimToken!;
  // A previous holder reached markSending: the provider may already have this email.
  const uncertain = record.sendStartedAt !== null;
  ctx.deps.onStep?.('claimed', key);
  const message = build(record.messageId);
  const tries = Math.max(1, input.inlineTries ?? 3);
  for (let attempt = 1; ; attempt++) {
    await deliveries.markSending(key, token, clock.now());
    ctx.deps.onStep?.('sending', key);
    let providerId: string;
    try {
      providerId = (await ctx.deps.mailer.send(message)).messageId;
    } catch (err) {
      const reason = describeFailure(err);
      const permanent = err instanceof DeliveryError && err.permanent;
      ctx.deps.logger.warn('email not delivered', {
        alert: key.alertId,
        mailer: ctx.deps.mailer.name,
        reason,
        permanent,
        attempt,
      });
      if (!permanent && attempt < tries) {
        await clock.sleep((input.backoffMs ?? 1000) * 2 ** (attempt - 1));
        continue;
      }
      if (permanent || record.attempts >= (input.maxAttempts ?? 5)) {
        await deliveries.markFailed(
          key,
          token,
          permanent ? reason : `${reason} (gave up after ${record.attempts} runs)`,
        );
        ctx.report.failed.push({ alert: { alertId: key.alertId } as Alert, reason, recipient: key.recipient });
        return 'failed';
      }
      const next = new Date(clock.now().getTime() + (input.backoffMs ?? 1000) * 2 ** (attempt + record.attempts));
      await deliveries.markRetry(key, token, reason, next);
      ctx.report.retrying++;
      return 'retry';
    }
    ctx.deps.onStep?.('accepted', key);
    const marked = await deliveries.markSent(key, token, providerId, clock.now(), uncertain);
    if (!marked) ctx.deps.logger.warn('send claim lost before it was marked sent', { alert: key.alertId });
    ctx.deps.onStep?.('marked', key);
    ctx.report.messages++;
    if (uncertain) ctx.report.resent++;
    return 'sent';
  }
}

async function deliverAlert(
  ctx: DeliveryContext,
  alert: Alert,
  change: Change,
  subscribers: Subscriber[],
): Promise<SendOutcome[]> {
  const outcomes: SendOutcome[] = [];
  for (const sub of subscribers) {
    if (sub.frequency !== 'immediate' || !wants(sub, alert, change)) continue;
    const unsub = unsubscribeFor(ctx.input.unsubscribe, sub.email, ctx.clock.now());
    const outcome = await deliverOnce(
      ctx,
      { alertId: alert.alertId, recipient: sub.email },
      'immediate',
      (messageId) => {
        const rendered = renderAlert(alert, change, {
          highlight: matchedKeywords(sub, change),
          unsubscribeUrl: unsub.url,
        });
        return {
          from: ctx.input.from,
          to: [sub.email],
          subject: safeHeader(rendered.subject),
          text: rendered.text,
          html: rendered.html,
          headers: { ...unsub.headers, ...rendered.headers },
          messageId,
        };
      },
    );
    outcomes.push(outcome);
  }
  return outcomes;
}

export async function sendPendingAlerts(
  deps: DeliverDeps,
  input: DeliverInput,
  shared?: DeliveryContext,
): Promise<DeliveryReport> {
  const ctx = shared ?? deliveryContext(deps, input);
  const { store } = deps;
  const leaseMs = input.leaseMs ?? DEFAULT_LEASE_MS;
  const subscribers = await activeSubscribers(ctx);
  const staleBefore = new Date(ctx.clock.now().getTime() - leaseMs).toISOString();
  // The sweeper: alerts a crashed sender claimed and never settled.
  const stuck = (await store.listAlerts('claimed')).filter((a) => !a.claimedAt || a.claimedAt < staleBefore);
  const work = [...(await store.listAlerts('pending')), ...stuck].sort((a, b) =>
    a.createdAt.localeCompare(b.createdAt),
  );
  for (const alert of work) {
    const claimedAt = ctx.clock.now().toISOString();
    // Claim first: of two senders running at once, only one works on each alert.
    if (!(await store.updateAlert(alert.alertId, alert.status, { status: 'claimed', claimedAt }))) continue;
    deps.onStep?.('alert-claimed', { alertId: alert.alertId, recipient: '*' });
    const change = await store.getChange(alert.changeId);
    if (!change) {
      await store.updateAlert(alert.alertId, 'claimed', {
        status: 'failed',
        lastError: 'The change this alert describes is missing.',
        claimedAt: null,
      });
      continue;
    }
    const failedBefore = ctx.report.failed.length;
    const outcomes = await deliverAlert(ctx, alert, change, subscribers);
    for (const f of ctx.report.failed.slice(failedBefore)) f.alert = alert;
    const settled = outcomes.every((o) => o === 'sent' || o === 'already' || o === 'failed');
    const allFailed = outcomes.length > 0 && outcomes.every((o) => o === 'failed');
    const lastError =
      ctx.report.failed
        .slice(failedBefore)
        .map((f) => `${f.recipient}: ${f.reason}`)
        .join('; ') || null;
    const attempts = alert.attempts + 1;
    if (settled) {
      await store.updateAlert(alert.alertId, 'claimed', {
        status: allFailed ? 'failed' : 'sent',
        attempts,
        lastError,
        claimedAt: null,
        messageId: messageIdFor(alert.alertId, '*'),
      });
    } else {
      await store.updateAlert(alert.alertId, 'claimed', {
        status: 'pending',
        attempts,
        lastError: lastError ?? 'waiting for a retry or another sender',
        claimedAt: null,
      });
    }
    if (outcomes.includes('sent')) ctx.report.sent.push({ ...alert, status: 'sent' });
  }
  return ctx.report;
}
