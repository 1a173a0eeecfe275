/**
 * sendDueDeliveries: every row that is due — new, a retry whose backoff ended, a digest whose hour
 * came, or one whose sender died holding it (its lease ran out: the sweeper's share) — is claimed
 * with a conditional write, composed, handed to the provider and settled:
 *
 *   pending ─claim (lease)─▶ sending ─provider accepted─▶ sent
 *                                    ├─ permanent error, or too many tries ─▶ failed (the provider's reason)
 *                                    └─ temporary error ─▶ pending, due after a backoff
 *
 * A crash anywhere leaves a claim whose lease runs out; a later run claims it again and sends it
 * with the same Message-ID. Only "provider accepted, then crash before the row says sent" can
 * deliver twice; docs/email.md explains that window.
 */
import { composeDelivery } from './compose-delivery';
import type { DeliverDeps, DeliverInput, DeliveryReport } from './delivery-context';
import { DEFAULT_LEASE_MS } from './delivery-rows';
import { describeFailure, DeliveryError } from './errors';
import type { Alert, Delivery } from './model';
import type { OutgoingMessage, Settlement } from './ports';
import { noMetrics, systemClock } from './ports';
import type { Subscriber } from './subscribers';

/** The alarm's metric: a row failed for good (the provider refused it, gave up on it, or it bounced). */
export const DELIVERIES_FAILED = 'DeliveriesFailed';

const MAX_RETRY_DELAY_MS = 3_600_000;

export async function sendDueDeliveries(
  deps: DeliverDeps,
  input: DeliverInput,
  people: () => Promise<Subscriber[]>,
  report: DeliveryReport,
): Promise<void> {
  const clock = deps.clock ?? systemClock;
  for (const due of await deps.outbox.listDue(clock.now())) {
    const row = await deps.outbox.claim(due, clock.now(), input.leaseMs ?? DEFAULT_LEASE_MS);
    if (!row) continue; // another sender has it, or it was settled since the list was read
    deps.onStep?.('claimed', row.subjectId);
    const person = (await people()).find((p) => p.email === row.recipient);
    const composed = await composeDelivery(deps, input, row, person);
    if ('skip' in composed) {
      await settle(deps, row, { status: 'failed', reason: composed.skip, at: clock.now(), listed: false });
      report.skipped++;
      continue;
    }
    // The previous holder died with the lease: it may have handed this email over already.
    if (due.status === 'sending') report.resent++;
    await sendRow(deps, input, row, composed.message, composed.alerts, report);
  }
}

/** Hands one claimed row to the provider (a few tries with backoff) and settles it. */
async function sendRow(
  deps: DeliverDeps,
  input: DeliverInput,
  row: Delivery,
  message: OutgoingMessage,
  alerts: Alert[],
  report: DeliveryReport,
): Promise<void> {
  const clock = deps.clock ?? systemClock;
  const tries = Math.max(1, input.inlineTries ?? 3);
  const backoff = input.backoffMs ?? 1000;
  for (let attempt = 1; ; attempt++) {
    let providerMessageId: string;
    try {
      providerMessageId = (await deps.mailer.send(message)).messageId;
    } catch (err) {
      const reason = describeFailure(err);
      const permanent = err instanceof DeliveryError && err.permanent;
      deps.logger.warn('email not delivered', { row: row.subjectId, mailer: deps.mailer.name, reason, permanent });
      if (!permanent && attempt < tries) {
        await clock.sleep(backoff * 2 ** (attempt - 1));
        continue;
      }
      const spent = row.attempts >= (input.maxAttempts ?? 5);
      if (permanent || spent) {
        const why = permanent ? reason : `${reason} (gave up after ${row.attempts} tries)`;
        await settle(deps, row, { status: 'failed', reason: why, at: clock.now(), listed: true });
        (deps.metrics ?? noMetrics).count(DELIVERIES_FAILED);
        report.failed.push({
          subjectId: row.subjectId,
          recipient: row.recipient,
          reason: why,
          alert: soleAlert(row, alerts),
        });
        return;
      }
      const delay = Math.min(MAX_RETRY_DELAY_MS, 60_000 * 2 ** (row.attempts - 1));
      await settle(deps, row, { status: 'pending', dueAt: new Date(clock.now().getTime() + delay), reason });
      report.retrying++;
      return;
    }
    deps.onStep?.('accepted', row.subjectId);
    await settle(deps, row, { status: 'sent', providerMessageId, at: clock.now() });
    deps.onStep?.('settled', row.subjectId);
    report.messages++;
    if (row.kind === 'digest') report.digests++;
    for (const a of row.kind === 'alert' ? alerts : [])
      if (!report.sent.some((s) => s.alertId === a.alertId)) report.sent.push(a);
    return;
  }
}

async function settle(deps: DeliverDeps, row: Delivery, outcome: Settlement): Promise<void> {
  if (!(await deps.outbox.settle(row, row.claimToken!, outcome)))
    deps.logger.warn('a delivery claim was lost before it was settled', { row: row.subjectId, to: outcome.status });
}

function soleAlert(row: Delivery, alerts: Alert[]): Alert | null {
  return row.kind === 'alert' ? (alerts[0] ?? null) : null;
}
