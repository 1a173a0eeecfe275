/**
 * sendDueDigests: once a daily subscriber's hour has passed (Europe/London), one email with every
 * alert of theirs that no earlier email (immediate or digest) carried. Items are reserved for the
 * digest (conditional writes) before it is claimed and sent, so an item is never in two emails to
 * the same person; a digest with nothing in it is not sent. Digests a crash left claimed, or that
 * wait for a retry, are resent with the items first chosen.
 */
import { stableId } from './ids';
import type { Alert, Change } from './model';
import { renderDigest, type DigestItem } from './render-digest';
import { safeHeader } from './render-alert';
import { matchedKeywords, digestDue, wants, type Subscriber } from './subscribers';
import {
  activeSubscribers,
  deliverOnce,
  deliveryContext,
  unsubscribeFor,
  type DeliverDeps,
  type DeliverInput,
  type DeliveryContext,
  type DeliveryReport,
} from './deliver-alerts';

/** How far back a digest looks for items not yet sent: a sender down for days still catches up. */
export const DIGEST_LOOKBACK_MS = 7 * 24 * 3600_000;

export function digestIdFor(day: string, recipient: string): string {
  return `digest-${day}-${stableId(recipient).slice(0, 10)}`;
}

async function sendDigest(
  ctx: DeliveryContext,
  sub: Subscriber,
  digestId: string,
  day: string,
  itemIds: string[],
): Promise<void> {
  const items: DigestItem[] = [];
  for (const id of itemIds) {
    const alert = await ctx.deps.store.getAlert(id);
    const change = alert ? await ctx.deps.store.getChange(alert.changeId) : null;
    if (alert && change) items.push({ alert, change, highlight: matchedKeywords(sub, change) });
  }
  if (!items.length) return;
  const unsub = unsubscribeFor(ctx.input.unsubscribe, sub.email, ctx.clock.now());
  const outcome = await deliverOnce(
    ctx,
    { alertId: digestId, recipient: sub.email },
    'digest',
    (messageId) => {
      const r = renderDigest(items, day, unsub.url);
      return {
        from: ctx.input.from,
        to: [sub.email],
        subject: safeHeader(r.subject),
        text: r.text,
        html: r.html,
        headers: unsub.headers,
        messageId,
      };
    },
    { items: itemIds },
  );
  if (outcome === 'sent' || outcome === 'already') {
    const record = await ctx.deliveries.getSend({ alertId: digestId, recipient: sub.email });
    for (const id of itemIds)
      await ctx.deliveries.settleReserved(
        { alertId: id, recipient: sub.email },
        digestId,
        record?.providerMessageId ?? '',
        ctx.clock.now(),
      );
    if (outcome === 'sent') ctx.report.digests++;
  }
}

export async function sendDueDigests(
  deps: DeliverDeps,
  input: DeliverInput,
  shared?: DeliveryContext,
): Promise<DeliveryReport> {
  const ctx = shared ?? deliveryContext(deps, input);
  const now = ctx.clock.now();
  const subscribers = await activeSubscribers(ctx);
  const byEmail = new Map(subscribers.map((s) => [s.email, s]));

  // The sweeper's share: digests left claimed by a crash, or waiting for a retry, on any day.
  const leftovers = [...(await ctx.deliveries.listStale(now)), ...(await ctx.deliveries.listByStatus('retry'))].filter(
    (r) => r.kind === 'digest' && r.items?.length,
  );
  for (const r of leftovers) {
    const sub = byEmail.get(r.recipient);
    if (sub && !sub.unsubscribedAt)
      await sendDigest(ctx, sub, r.alertId, r.alertId.slice('digest-'.length, 'digest-'.length + 10), r.items!);
  }

  let window: Alert[] | null = null;
  const changes = new Map<string, Change | null>();
  for (const sub of subscribers) {
    const day = digestDue(sub, now);
    if (!day) continue;
    const digestId = digestIdFor(day, sub.email);
    const existing = await ctx.deliveries.getSend({ alertId: digestId, recipient: sub.email });
    if (existing) {
      if (existing.status !== 'sent' && existing.status !== 'failed' && existing.items?.length)
        await sendDigest(ctx, sub, digestId, day, existing.items);
      continue;
    }
    window ??= await ctx.deliveries.listAlertsCreated(
      new Date(now.getTime() - DIGEST_LOOKBACK_MS).toISOString(),
      now.toISOString(),
    );
    const chosen: string[] = [];
    for (const alert of window) {
      if (!changes.has(alert.changeId)) changes.set(alert.changeId, await ctx.deps.store.getChange(alert.changeId));
      const change = changes.get(alert.changeId);
      if (!change || !wants(sub, alert, change)) continue;
      const prior = await ctx.deliveries.getSend({ alertId: alert.alertId, recipient: sub.email });
      // Already in an email to this person (sent immediately, or in an earlier digest): never again.
      if (prior && prior.digestId !== digestId) continue;
      if (await ctx.deliveries.reserve({ alertId: alert.alertId, recipient: sub.email }, digestId, digestId))
        chosen.push(alert.alertId);
    }
    if (!chosen.length) {
      ctx.report.emptyDigests++;
      continue;
    }
    await sendDigest(ctx, sub, digestId, day, chosen.sort());
  }
  return ctx.report;
}
