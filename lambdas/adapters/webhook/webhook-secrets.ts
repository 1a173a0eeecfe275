/**
 * The signing secrets of the configured webhooks, read once (cold start, CLI run) through the same
 * references as every other secret (an environment variable, Secrets Manager, SSM SecureString).
 * A generic webhook whose secret is not set is a configuration error: it would go out unsigned.
 */
import type { Config } from '../../config';
import { ConfigError } from '../../core/errors';
import type { Webhook } from '../../core/subscribers';
import { resolveSecret, type SecretClients } from '../mail/secret-source';

/** Webhook id → its signing secret (absent for an unsigned Slack or Teams hook). */
export type WebhookSecrets = Record<string, string>;

export async function readWebhookSecrets(
  config: Config,
  env: NodeJS.ProcessEnv,
  clients?: SecretClients,
): Promise<WebhookSecrets> {
  const out: WebhookSecrets = {};
  const problems: string[] = [];
  for (const hook of (config.subscribers ?? []).flatMap((s) => s.webhooks ?? [])) {
    if (!hook.secretEnv && !hook.secretId && !hook.parameter) continue;
    const value = await resolveSecret(hook, env, `signing secret of webhook "${hook.id}"`, clients);
    if (value) out[hook.id] = value;
    else
      problems.push(
        `The signing secret of webhook "${hook.id}" is not set (${hook.secretEnv ?? hook.parameter ?? hook.secretId}).`,
      );
  }
  if (problems.length) throw new ConfigError(problems);
  return out;
}

/** A configured webhook as the delivery use-case sees it: its secret read, its reference dropped. */
export function webhookFor(
  hook: { id: string; url: string; format: Webhook['format'] },
  secrets: WebhookSecrets,
): Webhook {
  return { id: hook.id, url: hook.url, format: hook.format, secret: secrets[hook.id] ?? null };
}
