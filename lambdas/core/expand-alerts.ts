/**
 * expandAlerts: each alert not yet expanded becomes its delivery rows, once. One transaction per
 * alert writes the rows (deterministic keys, conditional writes) and clears the alert's one
 * "unexpanded" index entry together, so two senders, or a retry after a crash, expand it once.
 * Who gets a row is decided here, with the subscribers of this moment: an immediate subscriber
 * gets a row of its own, due now; a daily one gets the alert added to the first digest due after
 * it was raised, or a later one when that digest is already on its way. So an alert is in exactly
 * one email per person. Each of a subscriber's webhooks gets a row of its own too, due now (a
 * webhook is told as soon as the alert is raised, whatever the subscriber's email frequency).
 */
import { ProcwatchError } from './errors';
import { digestSlot } from './delivery-rows';
import type { DeliverDeps, DeliveryReport } from './delivery-context';
import type { Alert } from './model';
import type { ExpansionTarget } from './ports';
import { systemClock } from './ports';
import { hasMailbox, wants, webhookRecipient, type Subscriber } from './subscribers';

/** A digest that keeps being sent before the alert can join it is a bug, not a reason to loop. */
const MAX_LATER_DIGESTS = 7;

export async function expandAlerts(
  deps: DeliverDeps,
  people: () => Promise<Subscriber[]>,
  report: DeliveryReport,
): Promise<void> {
  const clock = deps.clock ?? systemClock;
  for (const alert of await deps.outbox.listUnexpanded()) {
    const change = await deps.store.getChange(alert.changeId);
    if (!change) deps.logger.warn('alert without its change: expanded to no one', { alert: alert.alertId });
    const wanted = change ? (await people()).filter((s) => wants(s, alert, change)) : [];
    const later = new Map<string, number>();
    for (let round = 0; ; round++) {
      const targets = wanted.flatMap((s) => [
        ...(hasMailbox(s) ? [targetFor(s, alert, later.get(s.email) ?? 0)] : []),
        ...hooksOf(s),
      ]);
      const result = await deps.outbox.expand(alert, targets, clock.now());
      if (result.outcome !== 'closed') {
        if (result.outcome === 'expanded') report.expanded++;
        deps.onStep?.('expanded', alert.alertId);
        break;
      }
      if (round >= MAX_LATER_DIGESTS)
        throw new ProcwatchError(
          'delivery',
          `Alert ${alert.alertId} could not join a digest: ${result.digests.join(', ')} kept being sent first.`,
        );
      for (const t of targets)
        if (t.digest && result.digests.includes(t.digest.subjectId))
          later.set(t.recipient, (later.get(t.recipient) ?? 0) + 1);
    }
  }
}

function targetFor(s: Subscriber, alert: Alert, later: number): ExpansionTarget {
  const base = { recipient: s.email, channel: 'email' as const };
  return s.frequency === 'daily' ? { ...base, digest: digestSlot(s, alert.createdAt, later) } : base;
}

function hooksOf(s: Subscriber): ExpansionTarget[] {
  return (s.webhooks ?? []).map((h) => ({ recipient: webhookRecipient(h.id), channel: 'webhook' as const }));
}
