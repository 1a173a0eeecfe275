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
import { composeWebhook } from './compose-webhook';
import type { DeliverDeps, DeliverInput, DeliveryReport } from './delivery-context';
import { DEFAULT_LEASE_MS } from './delivery-rows';
import { describeFailure, DeliveryError } from './errors';
import type { Alert, Delivery } from './model';
import type { Settlement } from './ports';
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
    const composed = await composeRow(deps, input, row, await people());
    if ('skip' in composed) {
      await settle(deps, row, { status: 'failed', reason: composed.skip, at: clock.now(), listed: false });
      report.skipped++;
      continue;
    }
    // The previous holder died with the lease: it may have handed this email (or POST) over already.
    if (due.status === 'sending') report.resent++;
    await sendRow(deps, input, row, composed, report);
  }
}

/** What a row's channel hands over: an email to the mailer, or a POST to the webhook sender. */
type Handover = { send: () => Promise<string>; via: string; alerts: Alert[] };

async function composeRow(
  deps: DeliverDeps,
  input: DeliverInput,
  row: Delivery,
  people: Subscriber[],
): Promise<Handover | { skip: string }> {
  if (row.channel === 'webhook') {
    const hook = await composeWebhook(deps, input, row, people);
    if ('skip' in hook) return hook;
    const sender = deps.webhooks;
    const send = async () => {
      if (!sender) throw new DeliveryError('No webhook sender is configured in this runtime.', true);
      return `http-${(await sender.post(hook.request)).status}`;
    };
    return { send, via: sender?.name ?? 'webhook', alerts: hook.alerts };
  }
  const mail = await composeDelivery(
    deps,
    input,
    row,
    people.find((p) => p.email === row.recipient),
  );
  if ('skip' in mail) return mail;
  return { send: async () => (await deps.mailer.send(mail.message)).messageId, via: deps.mailer.name, ...mail };
}

/**
 * Hands one claimed row to the provider (a few tries with backoff) and settles it. Each row is
 * one channel of one recipient, so a dead webhook fails its own rows and nothing else.
 */
async function sendRow(
  deps: DeliverDeps,
  input: DeliverInput,
  row: Delivery,
  handover: Handover,
  report: DeliveryReport,
): Promise<void> {
  const { alerts } = handover;
  const clock = deps.clock ?? systemClock;
  const tries = Math.max(1, input.inlineTries ?? 3);
  const backoff = input.backoffMs ?? 1000;
  for (let attempt = 1; ; attempt++) {
    let providerMessageId: string;
    try {
      providerMessageId = await handover.send();
    } catch (err) {
      const reason = describeFailure(err);
      const permanent = err instanceof DeliveryError && err.permanent;
      const what = row.channel === 'webhook' ? 'webhook' : 'email';
      deps.logger.warn(`${what} not delivered`, { row: row.subjectId, via: handover.via, reason, permanent });
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
    if (row.channel === 'webhook') {
      report.webhooks++;
      return;
    }
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
