/**
 * Where credentials come from: an environment variable, an AWS Secrets Manager secret or an SSM
 * SecureString, named in the config — never the value itself. In AWS the stack passes only a
 * secret's ARN in an environment variable (`secretArnEnv`), so the value is never part of the
 * function's configuration. A JSON secret may hold the value
 * under `password`, `secret` or `value`. Callers add every value returned here to the logger's
 * redaction list.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { ConfigError } from '../../core/errors';

export interface SecretRef {
  /** A variable holding the value itself (local runs, or set by hand). */
  secretEnv?: string;
  /** A variable holding a Secrets Manager secret's ARN (set by the stack); wins over `secretId`. */
  secretArnEnv?: string;
  secretId?: string;
  parameter?: string;
}

export interface SecretClients {
  secretsManager?: SecretsManagerClient;
  ssm?: SSMClient;
}

function unwrap(value: string): string {
  try {
    const parsed = JSON.parse(value) as Record<string, unknown>;
    for (const k of ['password', 'secret', 'value']) if (typeof parsed?.[k] === 'string') return parsed[k];
  } catch {
    // A plain string secret.
  }
  return value;
}

/** The secret's value, or null when the reference names nothing that is set. */
export async function resolveSecret(
  ref: SecretRef,
  env: NodeJS.ProcessEnv,
  what: string,
  clients: SecretClients = {},
): Promise<string | null> {
  if (ref.secretEnv && env[ref.secretEnv]) return env[ref.secretEnv]!;
  const secretId = (ref.secretArnEnv && env[ref.secretArnEnv]) || ref.secretId;
  try {
    if (secretId) {
      const client = clients.secretsManager ?? new SecretsManagerClient({});
      const res = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
      if (res.SecretString) return unwrap(res.SecretString);
    }
    if (ref.parameter) {
      const client = clients.ssm ?? new SSMClient({});
      const res = await client.send(new GetParameterCommand({ Name: ref.parameter, WithDecryption: true }));
      if (res.Parameter?.Value) return unwrap(res.Parameter.Value);
    }
  } catch (err) {
    // Name the secret, never its value; the SDK's message carries no value either.
    throw new ConfigError([
      `Could not read the ${what} from ${secretId ? `Secrets Manager (${secretId})` : `SSM (${ref.parameter})`}: ${(err as Error).name}`,
    ]);
  }
  return null;
}
