/**
 * The SES path against a local HTTP endpoint standing in for the SES v2 API: the real SDK client
 * (pointed at it with `endpoint`) sends the raw MIME, which parses back with mailparser; SES's
 * throttling is transient and a rejection permanent.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { DynamoDeliveryStore } from '../../../lambdas/adapters/dynamodb/delivery-store';
import { silentLogger } from '../../../lambdas/adapters/log/json-logger';
import { SesMailer } from '../../../lambdas/adapters/mail/ses-mailer';
import { sendPendingAlerts } from '../../../lambdas/core/deliver-alerts';
import { DeliveryError } from '../../../lambdas/core/errors';
import { instantClock } from '../../support/harness';
import { recordRealAlerts, seed, type Recorded } from './seeded-alerts';

interface Call {
  path: string;
  body: { FromEmailAddress?: string; Destination?: { ToAddresses?: string[] }; Content?: { Raw?: { Data?: string } } };
}

let server: Server;
let url: string;
const calls: Call[] = [];
const answers: { status: number; type?: string }[] = [];
let recorded: Recorded;

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString()));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    calls.push({ path: req.url ?? '', body: JSON.parse(await read(req)) });
    const answer = answers.shift() ?? { status: 200 };
    if (answer.status !== 200) {
      res.writeHead(answer.status, {
        'content-type': 'application/json',
        'x-amzn-errortype': answer.type ?? 'InternalFailure',
      });
      res.end(JSON.stringify({ message: `${answer.type} from the stand-in` }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ MessageId: `ses-${calls.length}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  recorded = await recordRealAlerts();
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function mailer(): SesMailer {
  return SesMailer.connect({
    endpoint: url,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

it('sends raw MIME through SendEmail; the message parses back and the SES id is recorded', async () => {
  const store = await seed(recorded, 'ses');
  calls.length = 0;
  const report = await sendPendingAlerts(
    { store, mailer: mailer(), logger: silentLogger, clock: instantClock, deliveries: new DynamoDeliveryStore(store) },
    {
      from: 'procurement-watch <alerts@procwatch.invalid>',
      to: ['team@example.org'],
      unsubscribe: { baseUrl: 'https://w.example.org/u', secret: 'ses-test-secret-123456' },
    },
  );
  expect(report.messages).toBe(recorded.alerts.length);
  expect(calls).toHaveLength(recorded.alerts.length);
  expect(calls.every((c) => c.path === '/v2/email/outbound-emails')).toBe(true);
  const first = calls[0].body;
  expect(first.Destination?.ToAddresses).toEqual(['team@example.org']);
  const mail = await simpleParser(Buffer.from(first.Content!.Raw!.Data!, 'base64'));
  expect(mail.messageId).toMatch(/@procurement-watch>$/);
  expect(mail.subject).toBeTruthy();
  expect(mail.text).toContain('Change id: ');
  expect(mail.html).toContain('<!doctype html>');
  expect(mail.headerLines.map((h) => h.key)).toEqual(
    expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post', 'date', 'from', 'to']),
  );
  const sent = await new DynamoDeliveryStore(store).listByStatus('sent');
  expect(sent.map((r) => r.providerMessageId).sort()).toEqual(calls.map((_, i) => `ses-${i + 1}`).sort());
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
  answers.push({ status: 429, type: 'TooManyRequestsException' });
  const throttled = await m.send(message).catch((e: unknown) => e);
  expect(throttled).toBeInstanceOf(DeliveryError);
  expect((throttled as DeliveryError).permanent).toBe(false);
  answers.push({ status: 400, type: 'MessageRejected' });
  const rejected = await m.send(message).catch((e: unknown) => e);
  expect((rejected as DeliveryError).permanent).toBe(true);
  expect((rejected as DeliveryError).message).toMatch(/MessageRejected/);
});
