/**
 * The SES path against an HTTP-level fake of the SES v2 API (ses-stand-in.ts): the real SDK client
 * (pointed at it with `endpoint`) sends the raw MIME, which parses back with mailparser; SES's
 * throttling is transient and a rejection permanent.
 */
import { simpleParser } from 'mailparser';
import { DynamoDeliveryStore } from '../../../lambdas/adapters/dynamodb/delivery-store';
import { silentLogger } from '../../../lambdas/adapters/log/json-logger';
import { SesMailer } from '../../../lambdas/adapters/mail/ses-mailer';
import { sendPendingAlerts } from '../../../lambdas/core/deliver-alerts';
import { DeliveryError } from '../../../lambdas/core/errors';
import { instantClock } from '../../support/harness';
import { recordRealAlerts, seed, type Recorded } from './seeded-alerts';
import { startSesStandIn, type SesStandIn } from './ses-stand-in';

let ses: SesStandIn;
let recorded: Recorded;

beforeAll(async () => {
  ses = await startSesStandIn();
  recorded = await recordRealAlerts();
}, 120_000);

afterAll(async () => {
  await ses.close();
});

function mailer(): SesMailer {
  return SesMailer.connect({
    endpoint: ses.url,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

it('sends raw MIME through SendEmail; the message parses back and the SES id is recorded', async () => {
  const store = await seed(recorded, 'ses');
  ses.calls.length = 0;
  const report = await sendPendingAlerts(
    { store, mailer: mailer(), logger: silentLogger, clock: instantClock, deliveries: new DynamoDeliveryStore(store) },
    {
      from: 'procurement-watch <alerts@procwatch.invalid>',
      to: ['team@example.org'],
      unsubscribe: { baseUrl: 'https://w.example.org/u', secret: 'ses-test-secret-123456' },
    },
  );
  expect(report.messages).toBe(recorded.alerts.length);
  expect(ses.calls).toHaveLength(recorded.alerts.length);
  expect(ses.calls.every((c) => c.path === '/v2/email/outbound-emails')).toBe(true);
  expect(ses.calls[0].body.Destination?.ToAddresses).toEqual(['team@example.org']);
  const mail = await simpleParser(ses.calls[0].raw!);
  expect(mail.messageId).toMatch(/@procurement-watch>$/);
  expect(mail.subject).toBeTruthy();
  expect(mail.text).toContain('Change id: ');
  expect(mail.html).toContain('<!doctype html>');
  expect(mail.headerLines.map((h) => h.key)).toEqual(
    expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post', 'date', 'from', 'to']),
  );
  const sent = await new DynamoDeliveryStore(store).listByStatus('sent');
  expect(sent.map((r) => r.providerMessageId).sort()).toEqual(ses.calls.map((_, i) => `ses-${i + 1}`).sort());
});

it('turns throttling into a transient DeliveryError and a rejection into a permanent one', async () => {
  const m = mailer();
  const message = {
    from: 'a@procwatch.invalid',
    to: ['b@example.org'],
    subject: 's',
    text: 't',
    messageId: '<x@procurement-watch>',
  };
  ses.answers.push({ status: 429, type: 'TooManyRequestsException' });
  const throttled = await m.send(message).catch((e: unknown) => e);
  expect(throttled).toBeInstanceOf(DeliveryError);
  expect((throttled as DeliveryError).permanent).toBe(false);
  ses.answers.push({ status: 400, type: 'MessageRejected' });
  const rejected = await m.send(message).catch((e: unknown) => e);
  expect((rejected as DeliveryError).permanent).toBe(true);
  expect((rejected as DeliveryError).message).toMatch(/MessageRejected/);
});
