/**
 * The email side of a runtime that does not depend on the mailer: the unsubscribe link signer, the
 * webhooks' signing secrets, and the secret values the logger must redact. The send-alerts Lambda
 * adds its SES mailer to it; mail-setup.ts adds whichever mailer the config names (CLI, demo), so
 * the Lambda's bundle never carries the SMTP transport.
 */
import { resolve } from 'node:path';
import type { Config, UnsubscribeConfig } from '../../config';
import type { DeliverInput, UnsubscribeLinks } from '../../core/delivery-context';
import { ConfigError } from '../../core/errors';
import type { Mailer } from '../../core/ports';
import { localSecret } from '../fs/local-secret';
import { LOCAL_SERVE_URL } from '../http-server/node-http-server';
import { resolveSecret, type SecretClients, type SecretRef } from './secret-source';
import { readWebhookSecrets, webhookFor, type WebhookSecrets } from '../webhook/webhook-secrets';

export interface MailSetup {
  mailer: Mailer;
  unsubscribe: UnsubscribeLinks;
  /** Secret values in use: give them to JsonLogger so they never reach a log line. */
  secrets: string[];
  /** Where a local run's generated unsubscribe key is kept; null when it came from the config or AWS. */
  localSecretFile: string | null;
  /** The web page's public address (PROCWATCH_PUBLIC_URL, set by the stack): alerts link their change there. */
  publicUrl: string | null;
  /** The webhooks' signing secrets, by webhook id (also in `secrets`, for redaction). */
  webhookSecrets: WebhookSecrets;
}

export interface MailContextOptions {
  root?: string;
  env?: NodeJS.ProcessEnv;
  /** Running in AWS: a development default is refused. */
  aws?: boolean;
  clients?: SecretClients;
}

export type MailContext = Omit<MailSetup, 'mailer'>;

/** Local runs: the unsubscribe page `procwatch serve` answers on its default address. */
export const DEFAULT_UNSUBSCRIBE_URL = `${LOCAL_SERVE_URL}/unsubscribe`;
/** Set by the stack: the SES configuration set whose event destination reports bounces and complaints. */
export const SES_CONFIGURATION_SET_ENV = 'PROCWATCH_SES_CONFIGURATION_SET';
export const DEFAULT_SECRET_ENV = 'PROCWATCH_UNSUBSCRIBE_SECRET';
/** A Secrets Manager ARN holding the unsubscribe key (set by hand; the stack uses the parameter below). */
export const UNSUBSCRIBE_SECRET_ARN_ENV = 'PROCWATCH_UNSUBSCRIBE_SECRET_ARN';
/** Set by the stack: the name of the SSM SecureString holding the unsubscribe key, read at cold start. */
export const UNSUBSCRIBE_PARAMETER_ENV = 'PROCWATCH_UNSUBSCRIBE_PARAMETER';
export const DEFAULT_SMTP_PASSWORD_ENV = 'PROCWATCH_SMTP_PASSWORD';

export async function openMailContext(config: Config, options: MailContextOptions = {}): Promise<MailContext> {
  const env = options.env ?? process.env;
  const secrets: string[] = [];
  const u = config.unsubscribe;
  let secret = await resolveSecret(unsubscribeSecretRef(u), env, 'unsubscribe secret', options.clients);
  let localSecretFile: string | null = null;
  if (!secret) {
    if (options.aws)
      throw new ConfigError([
        `No unsubscribe secret: set ${u?.secretEnv ?? DEFAULT_SECRET_ENV}, ${UNSUBSCRIBE_SECRET_ARN_ENV} ` +
          'or unsubscribe.secretId / unsubscribe.parameter (the a generated local key is for local runs only).',
      ]);
    localSecretFile = localUnsubscribeSecretFile(config, options.root);
    secret = localSecret(localSecretFile);
  } else secrets.push(secret);
  // In AWS the stack passes the API's public URL; its /unsubscribe route verifies the token.
  const publicUrl = env.PROCWATCH_PUBLIC_URL ? env.PROCWATCH_PUBLIC_URL.replace(/\/+$/, '') : null;
  const unsubscribe: UnsubscribeLinks = {
    baseUrl: u?.baseUrl ?? (publicUrl ? `${publicUrl}/unsubscribe` : DEFAULT_UNSUBSCRIBE_URL),
    secret,
    mailto: u?.mailto,
  };
  const webhookSecrets = await readWebhookSecrets(config, env, options.clients);
  secrets.push(...Object.values(webhookSecrets));
  return {
    webhookSecrets,
    unsubscribe,
    secrets,
    localSecretFile,
    publicUrl,
  };
}

/** A local run's unsubscribe key: beside the local store, the same file for `run`, `send` and `serve`. */
export function localUnsubscribeSecretFile(config: Config, root = process.cwd()): string {
  return resolve(root, config.store.dataDir, 'unsubscribe-secret');
}

/**
 * Where the unsubscribe key comes from; the sender (signs) and the query API (verifies) share it so they
 * read the same key.
 */
export function unsubscribeSecretRef(u: UnsubscribeConfig | undefined): SecretRef {
  return {
    secretEnv: u?.secretEnv ?? DEFAULT_SECRET_ENV,
    secretArnEnv: UNSUBSCRIBE_SECRET_ARN_ENV,
    secretId: u?.secretId,
    parameter: u?.parameter,
    parameterEnv: UNSUBSCRIBE_PARAMETER_ENV,
  };
}

/** The delivery use-case's input from the config and the mail setup. */
export function deliverInput(config: Config, mail: MailContext, extra: Partial<DeliverInput> = {}): DeliverInput {
  return {
    from: config.alerts.from,
    to: config.alerts.to,
    subscribers: config.subscribers?.map(({ $comment: _comment, webhooks, ...s }) => ({
      ...s,
      frequency: s.frequency ?? 'immediate',
      ...(webhooks?.length ? { webhooks: webhooks.map((w) => webhookFor(w, mail.webhookSecrets)) } : {}),
    })),
    unsubscribe: mail.unsubscribe,
    sourceNames: config.sources.map((s) => ({ id: s.id, name: s.name })),
    publicUrl: mail.publicUrl ?? undefined,
    ...extra,
  };
}
