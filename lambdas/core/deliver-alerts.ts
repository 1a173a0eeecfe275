/**
 * sendPendingAlerts: every pending alert, rendered and handed to the mailer once, then marked
 * `sent` with the provider's message id, or `failed` with the reason. The message id is derived
 * from the alert, so a resend after a crash is recognisable (and, in the outbox, overwrites).
 */
import { describeFailure, DeliveryError } from './errors';
import type { Alert } from './model';
import type { Logger, Mailer, Store } from './ports';
import { renderAlert } from './render-alert';

export interface DeliverDeps {
  store: Store;
  mailer: Mailer;
  logger: Logger;
}

export interface DeliverInput {
  from: string;
  to: string[];
  maxAttempts?: number;
}

export interface DeliveryReport {
  sent: Alert[];
  failed: { alert: Alert; reason: string }[];
}

export async function sendPendingAlerts(deps: DeliverDeps, input: DeliverInput): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: [], failed: [] };
  const pending = await deps.store.listAlerts('pending');
  for (const alert of pending.sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    // Claim first: of two senders running at once, only one sends each alert.
    const claimedAt = new Date().toISOString();
    if (!(await deps.store.updateAlert(alert.alertId, 'pending', { status: 'claimed', claimedAt }))) continue;
    const change = await deps.store.getChange(alert.changeId);
    if (!change) continue;
    const rendered = renderAlert(alert, change);
    const messageId = `<${alert.alertId}@procurement-watch>`;
    try {
      const res = await deps.mailer.send({ to: input.to, from: input.from, subject: rendered.subject, text: rendered.text, html: rendered.html, messageId });
      await deps.store.updateAlert(alert.alertId, 'claimed', { status: 'sent', messageId: res.messageId, attempts: alert.attempts + 1, lastError: null });
      report.sent.push({ ...alert, status: 'sent' });
    } catch (err) {
      const reason = describeFailure(err);
      const permanent = err instanceof DeliveryError && err.permanent;
      const attempts = alert.attempts + 1;
      const giveUp = permanent || attempts >= (input.maxAttempts ?? 5);
      await deps.store.updateAlert(alert.alertId, 'claimed', { status: giveUp ? 'failed' : 'pending', attempts, lastError: reason, claimedAt: null });
      deps.logger.warn('alert not delivered', { alert: alert.alertId, reason, permanent });
      report.failed.push({ alert, reason });
    }
  }
  return report;
}
