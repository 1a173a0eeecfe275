/**
 * Lambda: expand new alerts into delivery rows and send every row that is due (retries, digests and
 * rows a crashed run left claimed included), through SES (mailer.kind in the deployed config).
 * Same use-case as `procwatch send`. Secrets are read once per cold start and handed to the
 * logger's redaction list; permanent failures are counted as EMF metrics for the alarm. Every run
 * (every 5 minutes) also looks for schedule groups gone stale: the one function that runs often
 * enough to notice that the checker stopped.
 */
import { EmfMetrics } from '../adapters/log/emf-metrics';
import { JsonLogger } from '../adapters/log/json-logger';
import { deliverInput, openMailSetup } from '../adapters/mail/mail-setup';
import { runDelivery } from '../core/run-delivery';
import { findStaleGroups } from '../core/stale-groups';
import { scheduleOf } from '../config-catalog';
import { handlerRuntime, lambdaConfig } from './handler-runtime';

let ready: ReturnType<typeof init> | null = null;

async function init() {
  const config = lambdaConfig();
  const mail = await openMailSetup(config, { aws: !process.env.PROCWATCH_DYNAMO_ENDPOINT });
  const logger = new JsonLogger(undefined, { fn: 'send-alerts' }, mail.secrets);
  const metrics = new EmfMetrics();
  const rt = await handlerRuntime({ logger, mailer: mail.mailer, metrics }).runtime;
  // Passed explicitly: a runtime cached by another handler in the same process keeps its own.
  return {
    deps: { ...rt, mailer: mail.mailer, logger, metrics },
    input: deliverInput(config, mail),
    groups: { sources: config.sources, schedules: scheduleOf(config) },
  };
}

export async function handler() {
  // A failed cold start (a secret not readable yet) is retried on the next invocation, not cached.
  ready ??= init().catch((err: unknown) => {
    ready = null;
    throw err;
  });
  const { deps, input, groups } = await ready;
  const report = await runDelivery(deps, input);
  const stale = await findStaleGroups(deps, groups);
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
