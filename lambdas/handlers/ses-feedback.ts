/**
 * Lambda: the SES configuration set's bounces and complaints, delivered by SNS. Each one is
 * recorded on its delivery row and suppresses its address (core/record-feedback); a permanent
 * failure is counted as an EMF metric for the alarm.
 */
import { feedbackFromSnsEvent, type SnsEvent } from '../adapters/mail/ses-feedback-event';
import { openFeedback } from '../compositions/feedback';
import { recordDeliveryFeedback } from '../core/record-feedback';
import { coldStart, lambdaConfig, lambdaPlace } from './handler-runtime';

export async function handler(event: SnsEvent) {
  const { deps } = await coldStart('ses-feedback', () => openFeedback(lambdaConfig(), lambdaPlace().endpoint));
  const report = await recordDeliveryFeedback(deps, feedbackFromSnsEvent(event));
  deps.logger.info('delivery feedback recorded', { ...report, suppressed: report.suppressed.length });
  return report;
}
