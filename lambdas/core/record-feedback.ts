/**
 * recordDeliveryFeedback: what the provider reported after it accepted a message. A permanent
 * bounce fails the row after all (listed for `procwatch resend --failed`, counted for the alarm);
 * a complaint is noted on the row; either suppresses the address, so nothing more goes there until
 * a person clears it. A transient bounce is only noted: the mailbox may take mail tomorrow.
 * Feedback arrives at least once (SNS), so every step is idempotent.
 */
import { DELIVERIES_FAILED } from './deliver-alerts';
import type { DeliveryFeedback, Logger, Metrics, Outbox, SubscriberStore } from './ports';
import { noMetrics } from './ports';

/** A complaint: the person called an alert spam. Counted beside the failures, and alarmed too. */
export const DELIVERY_COMPLAINTS = 'DeliveryComplaints';

export interface FeedbackDeps {
  outbox: Outbox;
  subscriberStore: SubscriberStore;
  logger: Logger;
  metrics?: Metrics;
}

export interface FeedbackReport {
  /** Rows whose state this feedback changed (unknown rows and repeats are not counted). */
  recorded: number;
  suppressed: string[];
  failed: number;
  complaints: number;
}

export async function recordDeliveryFeedback(
  deps: FeedbackDeps,
  feedback: DeliveryFeedback[],
): Promise<FeedbackReport> {
  const metrics = deps.metrics ?? noMetrics;
  const report: FeedbackReport = { recorded: 0, suppressed: [], failed: 0, complaints: 0 };
  for (const f of feedback) {
    const changed = await deps.outbox.recordFeedback(f);
    if (!f.key) deps.logger.warn('feedback for a message without a delivery tag', { kind: f.kind });
    if (changed) report.recorded++;
    if (f.permanent) {
      await deps.subscriberStore.suppress(f.recipient, f.reason, new Date(f.at));
      if (!report.suppressed.includes(f.recipient)) report.suppressed.push(f.recipient);
    }
    // Counted once per row: SNS may deliver the same event twice, and the row says whether it was new.
    if (changed && f.kind === 'bounce' && f.permanent) {
      metrics.count(DELIVERIES_FAILED);
      report.failed++;
    }
    if (changed && f.kind === 'complaint') {
      metrics.count(DELIVERY_COMPLAINTS);
      report.complaints++;
    }
    deps.logger.warn('delivery feedback', { kind: f.kind, permanent: f.permanent, reason: f.reason, changed });
  }
  return report;
}
