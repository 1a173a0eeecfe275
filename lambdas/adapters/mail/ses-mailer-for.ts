/** The SES mailer the config and the stack describe; a file of its own so the sender imports it without SMTP. */
import type { Config } from '../../config';
import { SES_CONFIGURATION_SET_ENV } from './mail-links';
import { SesMailer } from './ses-mailer';

/** The configured SES mailer: the send-alerts Lambda's only kind. */
export function sesMailerFor(config: Config, env: NodeJS.ProcessEnv): SesMailer {
  const ses = config.mailer.ses ?? {};
  return SesMailer.connect(
    { region: ses.region ?? config.store.region, ...(ses.endpoint ? { endpoint: ses.endpoint } : {}) },
    env[SES_CONFIGURATION_SET_ENV] || ses.configurationSet,
  );
}
