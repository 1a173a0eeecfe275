/**
 * Mailer selection and secrets: the SMTP password comes from the environment or Secrets Manager
 * (a local stand-in for its API), authenticates against a real smtp-server, and never reaches a
 * log line; the unsubscribe key comes from the environment or, as the stack passes it, from the
 * secret whose ARN is in PROCWATCH_UNSUBSCRIBE_SECRET_ARN; the Lambda refuses to run with the
 * development unsubscribe secret.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { JsonLogger } from '../../../lambdas/adapters/log/json-logger';
import { openMailSetup } from '../../../lambdas/adapters/mail/mail-setup';
import { SmtpMailer } from '../../../lambdas/adapters/mail/smtp-mailer';
import { parseConfig } from '../../../lambdas/config';
import { ConfigError } from '../../../lambdas/core/errors';
import { verifyUnsubscribeToken } from '../../../lambdas/core/unsubscribe-token';
import { createUnsubscribeToken } from '../../../lambdas/core/unsubscribe-token';
import { startSecretsManagerStandIn, type SecretsManagerStandIn } from './secrets-manager-stand-in';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';

const PASSWORD = 'smtp-pass-7f3a9c-do-not-log';
const UNSUBSCRIBE_ARN = 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:SigningSecretsUnsubscribe-AbCdEf';
const UNSUBSCRIBE_VALUE = 'generated-unsubscribe-key-from-secrets-manager-48ch';
let sink: SmtpSink;
let secrets: SecretsManagerStandIn;

function config(mailer: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return parseConfig({
    contact: 'test@example.org',
    sources: [
      {
        id: 'bscc-correspondence',
        kind: 'govuk-search',
        organisations: ['biometrics-and-surveillance-camera-commissioner'],
        documentTypes: ['correspondence'],
      },
    ],
    alerts: { from: 'procurement-watch <alerts@procwatch.invalid>', to: ['team@example.org'] },
    mailer,
    ...extra,
  });
}

const message = {
  from: 'alerts@procwatch.invalid',
  to: ['team@example.org'],
  subject: 'Hello',
  text: 'Body',
  messageId: '<m1@procurement-watch>',
};

beforeAll(async () => {
  sink = await startSmtpSink({ auth: { user: 'alerts', pass: PASSWORD } });
  secrets = await startSecretsManagerStandIn({
    'procwatch/smtp': JSON.stringify({ password: PASSWORD }),
    [UNSUBSCRIBE_ARN]: UNSUBSCRIBE_VALUE,
  });
});

afterAll(async () => {
  await sink.close();
  await secrets.close();
});

const secretsClient = () =>
  new SecretsManagerClient({
    endpoint: secrets.url,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

it('reads the SMTP password from the environment, authenticates, and masks it in every log line', async () => {
  const c = config({
    kind: 'smtp',
    smtp: { host: '127.0.0.1', port: sink.port, user: 'alerts', secretEnv: 'TEST_SMTP_PASSWORD' },
  });
  const mail = await openMailSetup(c, {
    env: { TEST_SMTP_PASSWORD: PASSWORD, PROCWATCH_UNSUBSCRIBE_SECRET: 'unsubscribe-secret-123456' },
  });
  expect(mail.mailer).toBeInstanceOf(SmtpMailer);
  await expect(mail.mailer.send(message)).resolves.toEqual({ messageId: expect.stringMatching(/^Q\d+$/) });
  expect(sink.received).toHaveLength(1);
  expect(mail.localSecretFile).toBeNull();
  expect(mail.secrets).toEqual(expect.arrayContaining([PASSWORD, 'unsubscribe-secret-123456']));
  const lines: string[] = [];
  const logger = new JsonLogger((l) => lines.push(l), {}, mail.secrets);
  logger.warn(`transport said ${PASSWORD}`, { detail: `pw=${PASSWORD}`, smtpPassword: PASSWORD });
  expect(lines.join('\n')).not.toContain(PASSWORD);
  expect(lines.join('\n')).toContain('***');
  (mail.mailer as SmtpMailer).close();
});

it('reads the password from Secrets Manager (a local stand-in for its API)', async () => {
  const c = config({
    kind: 'smtp',
    smtp: { host: '127.0.0.1', port: sink.port, user: 'alerts', secretId: 'procwatch/smtp' },
  });
  const client = secretsClient();
  const root = mkdtempSync(join(tmpdir(), 'procwatch-secret-'));
  const mail = await openMailSetup(c, { env: {}, root, clients: { secretsManager: client } });
  expect(secrets.targets).toContain('secretsmanager.GetSecretValue');
  expect(mail.secrets).toContain(PASSWORD);
  // No unsubscribe key configured: a random one is generated on first use and kept beside the local
  // store, readable by its owner only; the next run (and `procwatch serve`) reads the same one.
  expect(mail.localSecretFile).toBe(join(root, '.procwatch', 'unsubscribe-secret'));
  expect(statSync(mail.localSecretFile!).mode & 0o777).toBe(0o600);
  expect(mail.unsubscribe.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const again = await openMailSetup(c, { env: {}, root, clients: { secretsManager: client } });
  expect(again.unsubscribe.secret).toBe(mail.unsubscribe.secret);
  const other = await openMailSetup(c, {
    env: {},
    root: mkdtempSync(join(tmpdir(), 'procwatch-secret-')),
    clients: { secretsManager: client },
  });
  expect(other.unsubscribe.secret).not.toBe(mail.unsubscribe.secret);
  // The local key signs valid links locally…
  const token = createUnsubscribeToken('a@example.org', mail.unsubscribe.secret);
  expect(verifyUnsubscribeToken(token, mail.unsubscribe.secret)).toEqual({ email: 'a@example.org' });
  // …but never in AWS.
  await expect(openMailSetup(c, { env: {}, aws: true, clients: { secretsManager: client } })).rejects.toBeInstanceOf(
    ConfigError,
  );
});

it('points unsubscribe links at the deployed API and picks SES or the outbox by mailer.kind', async () => {
  const ses = await openMailSetup(config({ kind: 'ses', ses: { region: 'eu-west-2' } }), {
    env: { PROCWATCH_UNSUBSCRIBE_SECRET: 'x-secret-123456', PROCWATCH_PUBLIC_URL: 'https://api.example.org/' },
    aws: true,
  });
  expect(ses.mailer.name).toBe('ses');
  expect(ses.unsubscribe.baseUrl).toBe('https://api.example.org/unsubscribe');
  const outbox = await openMailSetup(config({ kind: 'outbox', dir: '/tmp/procwatch-test-outbox' }), { env: {} });
  expect(outbox.mailer.name).toBe('outbox');
  expect(() => config({ kind: 'pigeon' })).toThrow(ConfigError);
});

describe('the unsubscribe key named by ARN (what the stack passes: no value in the function configuration)', () => {
  const c = () => config({ kind: 'outbox', dir: '/tmp/procwatch-test-outbox' });

  it('reads the value from Secrets Manager, signs with it in AWS, and masks it in logs', async () => {
    const before = secrets.requested.length;
    const mail = await openMailSetup(c(), {
      env: { PROCWATCH_UNSUBSCRIBE_SECRET_ARN: UNSUBSCRIBE_ARN },
      aws: true,
      clients: { secretsManager: secretsClient() },
    });
    expect(secrets.requested.slice(before)).toEqual([UNSUBSCRIBE_ARN]);
    expect(mail.localSecretFile).toBeNull();
    expect(mail.unsubscribe.secret).toBe(UNSUBSCRIBE_VALUE);
    expect(mail.secrets).toContain(UNSUBSCRIBE_VALUE);
    const token = createUnsubscribeToken('a@example.org', mail.unsubscribe.secret);
    expect(verifyUnsubscribeToken(token, UNSUBSCRIBE_VALUE)).toEqual({ email: 'a@example.org' });
  });

  it('lets a value set by hand win without asking Secrets Manager', async () => {
    const before = secrets.requested.length;
    const mail = await openMailSetup(c(), {
      env: {
        PROCWATCH_UNSUBSCRIBE_SECRET: 'hand-set-key-0123456789',
        PROCWATCH_UNSUBSCRIBE_SECRET_ARN: UNSUBSCRIBE_ARN,
      },
      aws: true,
      clients: { secretsManager: secretsClient() },
    });
    expect(mail.unsubscribe.secret).toBe('hand-set-key-0123456789');
    expect(secrets.requested.length).toBe(before);
  });

  it('fails the cold start with one sentence naming the ARN when the secret cannot be read', async () => {
    const missing = `${UNSUBSCRIBE_ARN}-gone`;
    const failure = openMailSetup(c(), {
      env: { PROCWATCH_UNSUBSCRIBE_SECRET_ARN: missing },
      aws: true,
      clients: { secretsManager: secretsClient() },
    });
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(
      `Could not read the unsubscribe secret from Secrets Manager (${missing}): ResourceNotFoundException`,
    );
  });
});
