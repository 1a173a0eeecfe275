/**
 * Where credentials come from: an environment variable, an AWS Secrets Manager secret or an SSM
 * SecureString, named in the config — never the value itself. In AWS the stack passes only the
 * name of its signing key's SSM parameter (`parameterEnv`), so the value is never part of the
 * function's configuration; CloudFormation cannot create a SecureString, so the first function to
 * start creates that one parameter with a random key (only if absent: every other reader gets it).
 * A JSON secret may hold the value under `password`, `secret` or `value`. Callers add every value
 * returned here to the logger's redaction list.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { randomBytes } from 'node:crypto';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { ConfigError } from '../../core/errors';

export interface SecretRef {
  /** A variable holding the value itself (local runs, or set by hand). */
  secretEnv?: string;
  /** A variable holding a Secrets Manager secret's ARN (set by the stack); wins over `secretId`. */
  secretArnEnv?: string;
  secretId?: string;
  parameter?: string;
  /** A variable holding the name of a SecureString parameter the stack owns (created here when missing). */
  parameterEnv?: string;
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
  const owned = ref.parameterEnv ? env[ref.parameterEnv] : undefined;
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
    if (owned) return await ownedKey(clients.ssm ?? new SSMClient({}), owned);
  } catch (err) {
    // Name the secret, never its value; the SDK's message carries no value either.
    const where = secretId ? `Secrets Manager (${secretId})` : `SSM (${ref.parameter ?? owned})`;
    throw new ConfigError([`Could not read the ${what} from ${where}: ${(err as Error).name}`]);
  }
  return null;
}

/**
 * The stack's own key: read it, or create it once. `Overwrite: false` makes creation first-writer-wins,
 * so two functions starting together end up with the same key.
 */
async function ownedKey(client: SSMClient, name: string): Promise<string> {
  const read = async () =>
    (await client.send(new GetParameterCommand({ Name: name, WithDecryption: true }))).Parameter?.Value;
  try {
    const value = await read();
    if (value) return value;
  } catch (err) {
    if ((err as Error).name !== 'ParameterNotFound') throw err;
  }
  const value = randomBytes(36).toString('base64url');
  try {
    await client.send(
      new PutParameterCommand({ Name: name, Value: value, Type: 'SecureString', Overwrite: false, Tier: 'Standard' }),
    );
    return value;
  } catch (err) {
    if ((err as Error).name !== 'ParameterAlreadyExists') throw err;
    const winner = await read();
    if (!winner) throw err;
    return winner;
  }
}
