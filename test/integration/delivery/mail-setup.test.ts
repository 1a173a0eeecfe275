/**
 * Mailer selection and secrets: the SMTP password comes from the environment or Secrets Manager
 * (a local stand-in for its API), authenticates against a real smtp-server, and never reaches a
 * log line; the Lambda refuses to run with the development unsubscribe secret.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { JsonLogger } from '../../../lambdas/adapters/log/json-logger';
import { openMailSetup } from '../../../lambdas/adapters/mail/mail-setup';
import { SmtpMailer } from '../../../lambdas/adapters/mail/smtp-mailer';
import { parseConfig } from '../../../lambdas/config';
import { ConfigError } from '../../../lambdas/core/errors';
import { verifyUnsubscribeToken } from '../../../lambdas/core/unsubscribe-token';
import { createUnsubscribeToken } from '../../../lambdas/core/unsubscribe-token';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

const PASSWORD = 'smtp-pass-7f3a9c-do-not-log';
let sink: SmtpSink;
let secrets: Server;
let secretsUrl: string;
const targets: string[] = [];

function config(mailer: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return parseConfig({
    contact: 'test@example.org',
    sources: [{ id: 'bscc-correspondence', kind: 'govuk-search', organisations: ['biometrics-and-surveillance-camera-commissioner'], documentTypes: ['correspondence'] }],
    alerts: { from: 'procurement-watch <alerts@procwatch.invalid>', to: ['team@example.org'] },
    mailer,
    ...extra,
  });
}

const message = { from: 'alerts@procwatch.invalid', to: ['team@example.org'], subject: 'Hello', text: 'Body', messageId: '<m1@procurement-watch>' };

beforeAll(async () => {
  sink = await startSmtpSink({ auth: { user: 'alerts', pass: PASSWORD } });
  secrets = createServer((req, res) => {
    targets.push(String(req.headers['x-amz-target']));
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ Name: 'procwatch/smtp', SecretString: JSON.stringify({ password: PASSWORD }) }));
    });
  });
  await new Promise<void>((resolve) => secrets.listen(0, '127.0.0.1', () => resolve()));
  secretsUrl = `http://127.0.0.1:${(secrets.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await sink.close();
  await new Promise<void>((resolve) => secrets.close(() => resolve()));
});

it('reads the SMTP password from the environment, authenticates, and masks it in every log line', async () => {
  const c = config({ kind: 'smtp', smtp: { host: '127.0.0.1', port: sink.port, user: 'alerts', secretEnv: 'TEST_SMTP_PASSWORD' } });
  const mail = await openMailSetup(c, { env: { TEST_SMTP_PASSWORD: PASSWORD, PROCWATCH_UNSUBSCRIBE_SECRET: 'unsubscribe-secret-123456' } });
  expect(mail.mailer).toBeInstanceOf(SmtpMailer);
  await expect(mail.mailer.send(message)).resolves.toEqual({ messageId: expect.stringMatching(/^Q\d+$/) });
  expect(sink.received).toHaveLength(1);
  expect(mail.devSecret).toBe(false);
  expect(mail.secrets).toEqual(expect.arrayContaining([PASSWORD, 'unsubscribe-secret-123456']));
  const lines: string[] = [];
  const logger = new JsonLogger((l) => lines.push(l), {}, mail.secrets);
  logger.warn(`transport said ${PASSWORD}`, { detail: `pw=${PASSWORD}`, smtpPassword: PASSWORD });
  expect(lines.join('\n')).not.toContain(PASSWORD);
  expect(lines.join('\n')).toContain('***');
  (mail.mailer as SmtpMailer).close();
});

it('reads the password from Secrets Manager (a local stand-in for its API)', async () => {
  const c = config({ kind: 'smtp', smtp: { host: '127.0.0.1', port: sink.port, user: 'alerts', secretId: 'procwatch/smtp' } });
  const client = new SecretsManagerClient({ endpoint: secretsUrl, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const mail = await openMailSetup(c, { env: {}, clients: { secretsManager: client } });
  expect(targets).toContain('secretsmanager.GetSecretValue');
  expect(mail.secrets).toContain(PASSWORD);
  expect(mail.devSecret).toBe(true);
  // The development unsubscribe secret still signs valid links locally…
  const token = createUnsubscribeToken('a@example.org', mail.unsubscribe.secret);
  expect(verifyUnsubscribeToken(token, mail.unsubscribe.secret)).toEqual({ email: 'a@example.org' });
  // …but never in AWS.
  await expect(openMailSetup(c, { env: {}, aws: true, clients: { secretsManager: client } })).rejects.toBeInstanceOf(ConfigError);
});

it('points unsubscribe links at the deployed API and picks SES or the outbox by mailer.kind', async () => {
  const ses = await openMailSetup(config({ kind: 'ses', ses: { region: 'eu-west-2' } }), { env: { PROCWATCH_UNSUBSCRIBE_SECRET: 'x-secret-123456', PROCWATCH_PUBLIC_URL: 'https://api.example.org/' }, aws: true });
  expect(ses.mailer.name).toBe('ses');
  expect(ses.unsubscribe.baseUrl).toBe('https://api.example.org/unsubscribe');
  const outbox = await openMailSetup(config({ kind: 'outbox', dir: '/tmp/procwatch-test-outbox' }), { env: {} });
  expect(outbox.mailer.name).toBe('outbox');
  expect(() => config({ kind: 'pigeon' })).toThrow(ConfigError);
});
