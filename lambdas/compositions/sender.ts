/**
 * The send-alerts Lambda's runtime: the table's outbox and subscribers, SES for mail, the webhook
 * sender, and the secrets the logger redacts. No fetcher and no PDF reader (the checker's), and no
 * SMTP transport: a deployed sender only ever sends through SES.
 */
import { DynamoOutbox } from '../adapters/dynamodb/outbox';
import { DynamoSubscribers } from '../adapters/dynamodb/subscriber-store';
import { EmfMetrics } from '../adapters/log/emf-metrics';
import { JsonLogger } from '../adapters/log/json-logger';
import { deliverInput, openMailContext } from '../adapters/mail/mail-links';
import { sesMailerFor } from '../adapters/mail/ses-mailer-for';
import { HttpsWebhookSender } from '../adapters/webhook/https-webhook-sender';
import type { Config } from '../config';
import type { DeliverDeps, DeliverInput } from '../core/delivery-context';
import { ConfigError } from '../core/errors';
import { systemClock, type SourceStateStore } from '../core/ports';
import { connectStore } from './store-connection';

export interface Sender {
  deps: DeliverDeps & { logger: JsonLogger };
  input: DeliverInput;
  /** Source state, read by the stale-group check that runs after each delivery. */
  states: SourceStateStore;
  close(): Promise<void>;
}

export interface SenderOptions {
  /** DynamoDB Local's endpoint, or null for AWS (where a development unsubscribe key is refused). */
  endpoint: string | null;
  env: NodeJS.ProcessEnv;
}

export async function openSender(config: Config, options: SenderOptions): Promise<Sender> {
  if (config.mailer.kind !== 'ses')
    throw new ConfigError([
      `The send-alerts Lambda sends through SES; the config says mailer.kind "${config.mailer.kind}".`,
    ]);
  const mail = await openMailContext(config, { aws: options.endpoint === null, env: options.env });
  const store = await connectStore(config, options.endpoint);
  const webhooks = new HttpsWebhookSender({ userAgent: config.userAgent });
  return {
    deps: {
      store,
      outbox: new DynamoOutbox(store),
      subscriberStore: new DynamoSubscribers(store),
      mailer: sesMailerFor(config, options.env),
      webhooks,
      logger: new JsonLogger(undefined, { fn: 'send-alerts' }, mail.secrets),
      metrics: new EmfMetrics(),
      clock: systemClock,
    },
    input: deliverInput(config, mail),
    states: store,
    close: () => webhooks.close(),
  };
}
