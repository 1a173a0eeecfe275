/**
 * Builds the email side of a runtime from the config: the mailer (`mailer.kind`: outbox | smtp | ses),
 * the unsubscribe link signer, and the secret values the logger must redact. Shared by the CLI,
 * the demo and the send-alerts Lambda.
 */
import { resolve } from 'node:path';
import type { Config, SesConfig, SmtpConfig, UnsubscribeConfig } from '../../config';
import type { DeliverInput, UnsubscribeLinks } from '../../core/delivery-context';
import { ConfigError } from '../../core/errors';
import type { Mailer } from '../../core/ports';
import { localSecret } from '../fs/local-secret';
import { LOCAL_SERVE_URL } from '../http-server/node-http-server';
import { OutboxMailer } from './outbox-mailer';
import { resolveSecret, type SecretClients, type SecretRef } from './secret-source';
import { SesMailer } from './ses-mailer';
import { SmtpMailer } from './smtp-mailer';
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

export interface MailSetupOptions {
  root?: string;
  env?: NodeJS.ProcessEnv;
  /** Running in AWS: a development default is refused. */
  aws?: boolean;
  clients?: SecretClients;
  /** Overrides the configured mailer (tests, the demo). */
  mailer?: Mailer;
}

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

export async function openMailSetup(config: Config, options: MailSetupOptions = {}): Promise<MailSetup> {
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
    mailer: options.mailer ?? (await mailerFor(config, options, env, secrets)),
    unsubscribe,
    secrets,
    localSecretFile,
    publicUrl,
  };
}

async function mailerFor(
  config: Config,
  options: MailSetupOptions,
  env: NodeJS.ProcessEnv,
  secrets: string[],
): Promise<Mailer> {
  switch (config.mailer.kind) {
    case 'smtp': {
      const smtp = config.mailer.smtp as SmtpConfig | undefined;
      if (!smtp) throw new ConfigError(['mailer.kind is "smtp" but mailer.smtp (host, port…) is missing.']);
      const password = smtp.user
        ? await resolveSecret(
            {
              secretEnv: smtp.secretEnv ?? DEFAULT_SMTP_PASSWORD_ENV,
              secretId: smtp.secretId,
              parameter: smtp.parameter,
            },
            env,
            'SMTP password',
            options.clients,
          )
        : null;
      if (smtp.user && !password)
        throw new ConfigError([
          'mailer.smtp.user is set but no password was found: ' +
            `set ${smtp.secretEnv ?? DEFAULT_SMTP_PASSWORD_ENV} or mailer.smtp.secretId / parameter.`,
        ]);
      if (password) secrets.push(password);
      return new SmtpMailer({ ...smtp, password: password ?? undefined });
    }
    case 'ses': {
      const ses = (config.mailer.ses as SesConfig | undefined) ?? {};
      return SesMailer.connect(
        { region: ses.region ?? config.store.region, ...(ses.endpoint ? { endpoint: ses.endpoint } : {}) },
        env[SES_CONFIGURATION_SET_ENV] || ses.configurationSet,
      );
    }
    default:
      return new OutboxMailer(resolve(options.root ?? process.cwd(), String(config.mailer.dir ?? '.procwatch/outbox')));
  }
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
export function deliverInput(config: Config, mail: MailSetup, extra: Partial<DeliverInput> = {}): DeliverInput {
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
