/**
 * Lambda: expand new alerts into delivery rows and send every row that is due (retries, digests and
 * rows a crashed run left claimed included), through SES. Same use-case as `procwatch send`.
 * Secrets are read once per cold start and handed to the logger's redaction list; permanent
 * failures are counted as EMF metrics for the alarm.
 */
import { openSender } from '../compositions/sender';
import { runDelivery } from '../core/run-delivery';
import { coldStart, lambdaConfig, lambdaPlace } from './handler-runtime';

export async function handler() {
  const { deps, input } = await coldStart('send-alerts', () =>
    openSender(lambdaConfig(), { endpoint: lambdaPlace().endpoint, env: process.env }),
  );
  const report = await runDelivery(deps, input);
  const summary = {
    messages: report.messages,
    alerts: report.sent.length,
    failed: report.failed.length,
    retrying: report.retrying,
    resent: report.resent,
    digests: report.digests,
    expanded: report.expanded,
  };
  deps.logger.info('alerts delivered', summary);
  return summary;
}
