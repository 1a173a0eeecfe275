/**
 * Lambda: expand new alerts into delivery rows and send every row that is due (retries, digests and
 * rows a crashed run left claimed included), through SES (mailer.kind in the deployed config).
 * Same use-case as `procwatch send`. Secrets are read once per cold start and handed to the
 * logger's redaction list; permanent failures are counted as EMF metrics for the alarm. Every run
 * (every 5 minutes) also looks for schedule groups gone stale: the one function that runs often
 * enough to notice that the checker stopped.
 */
import { openSender } from '../compositions/sender';
import { runDelivery } from '../core/run-delivery';
import { systemClock } from '../core/ports';
import { findStaleGroups } from '../core/stale-groups';
import { scheduleOf } from '../config-catalog';
import { coldStart, lambdaConfig, lambdaPlace } from './handler-runtime';

export async function handler() {
  const { deps, input, states, groups } = await coldStart('send-alerts', async () => {
    const config = lambdaConfig();
    const sender = await openSender(config, { endpoint: lambdaPlace().endpoint, env: process.env });
    return { ...sender, groups: { sources: config.sources, schedules: scheduleOf(config) } };
  });
  const report = await runDelivery(deps, input);
  const stale = await findStaleGroups(
    { store: states, clock: deps.clock ?? systemClock, metrics: deps.metrics },
    groups,
  );
  if (stale.length) deps.logger.warn('schedule groups stale', { stale });
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
