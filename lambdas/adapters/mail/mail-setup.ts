/**
 * Builds the email side of a runtime from the config: mail-links.ts's unsubscribe signer and secrets,
 * plus the mailer `mailer.kind` names (outbox | smtp | ses). Shared by the CLI and the demo.
 */
import { resolve } from 'node:path';
import type { Config } from '../../config';
import { ConfigError } from '../../core/errors';
import type { Mailer } from '../../core/ports';
import { DEFAULT_SMTP_PASSWORD_ENV, openMailContext, type MailContextOptions, type MailSetup } from './mail-links';
import { OutboxMailer } from './outbox-mailer';
import { resolveSecret } from './secret-source';
import { sesMailerFor } from './ses-mailer-for';
import { SmtpMailer } from './smtp-mailer';

export * from './mail-links';

export interface MailSetupOptions extends MailContextOptions {
  /** Overrides the configured mailer (tests, the demo). */
  mailer?: Mailer;
}

export async function openMailSetup(config: Config, options: MailSetupOptions = {}): Promise<MailSetup> {
  const env = options.env ?? process.env;
  const context = await openMailContext(config, options);
  return { ...context, mailer: options.mailer ?? (await mailerFor(config, options, env, context.secrets)) };
}

async function mailerFor(
  config: Config,
  options: MailSetupOptions,
  env: NodeJS.ProcessEnv,
  secrets: string[],
): Promise<Mailer> {
  switch (config.mailer.kind) {
    case 'smtp': {
      const smtp = config.mailer.smtp;
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
    case 'ses':
      return sesMailerFor(config, env);
    default:
      return new OutboxMailer(resolve(options.root ?? process.cwd(), config.mailer.dir));
  }
}
