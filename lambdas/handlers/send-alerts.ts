/** Lambda: deliver pending alerts (and due digests, and sweep stuck claims) through SES. Same use-case as `procwatch send`. */
import { sendPendingAlerts } from '../core/deliver-alerts';
import { handlerRuntime } from './handler-runtime';

export async function handler() {
  const { config, runtime } = handlerRuntime();
  const rt = await runtime;
  const report = await sendPendingAlerts(rt, { from: config.alerts.from, to: config.alerts.to });
  rt.logger.info('alerts delivered', { sent: report.sent.length, failed: report.failed.length });
  return { sent: report.sent.length, failed: report.failed.length };
}
