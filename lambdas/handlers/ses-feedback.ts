/**
 * Lambda: the SES configuration set's bounces and complaints, delivered by SNS. Each one is
 * recorded on its delivery row and suppresses its address (core/record-feedback); a permanent
 * failure is counted as an EMF metric for the alarm.
 */
import { EmfMetrics } from '../adapters/log/emf-metrics';
import { feedbackFromSnsEvent, type SnsEvent } from '../adapters/mail/ses-feedback-event';
import { recordDeliveryFeedback } from '../core/record-feedback';
import { handlerRuntime } from './handler-runtime';

const metrics = new EmfMetrics();

export async function handler(event: SnsEvent) {
  const rt = await handlerRuntime({ metrics }).runtime;
  // Passed explicitly: a runtime cached by another handler in the same process keeps its own.
  const report = await recordDeliveryFeedback({ ...rt, metrics }, feedbackFromSnsEvent(event));
  rt.logger.info('delivery feedback recorded', { ...report, suppressed: report.suppressed.length });
  return report;
}
