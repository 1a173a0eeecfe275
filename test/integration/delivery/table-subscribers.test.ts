/**
 * The deployed sender's people come from the table: a person `procwatch subscribers add` stored is
 * mailed with their stored rules though the config names no one; a webhook-only stand-in (what the
 * deployed config carries for a subscriber's webhooks) gets its webhook row and never an email; a
 * person removed is mailed nothing more. Real alerts, DynamoDB Local, real SMTP.
 */
import { DynamoSubscribers } from '../../../lambdas/adapters/dynamodb/subscriber-store';
import { SmtpMailer } from '../../../lambdas/adapters/mail/smtp-mailer';
import { runDelivery } from '../../../lambdas/core/run-delivery';
import { webhookOnlyAddress, webhookRecipient, type Subscriber } from '../../../lambdas/core/subscribers';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { deliveryDeps, only, recordRealAlerts, rowOf, seed, type Recorded } from './seeded-alerts';

let recorded: Recorded;
let sink: SmtpSink;
let mailer: SmtpMailer;

beforeAll(async () => {
  recorded = await recordRealAlerts();
  sink = await startSmtpSink();
  mailer = new SmtpMailer({ host: '127.0.0.1', port: sink.port, ignoreTLS: true });
}, 120_000);

afterAll(async () => {
  mailer.close();
  await sink.close();
});

const stand = webhookOnlyAddress('desk');
const input = (subscribers: Subscriber[] = []) => ({
  from: 'procurement-watch <alerts@procwatch.invalid>',
  to: [],
  subscribers,
  sourceNames: [{ id: 'bscc-correspondence', name: 'BSCC correspondence on GOV.UK' }],
});

it("mails the table's people by their stored rules, and a webhook stand-in only by webhook", async () => {
  const letters = only(recorded, ['new-correspondence']);
  const store = await seed(letters, 'table-subscribers');
  const people = new DynamoSubscribers(store);
  await people.addSubscriber({ email: 'all@example.org', frequency: 'immediate' });
  await people.addSubscriber({ email: 'lorem-only@example.org', frequency: 'immediate', keywords: ['lorem-ipsum'] });
  const hooks = [{ id: 'desk', url: 'https://hooks.example.net/x', format: 'slack' as const, secret: null }];
  const report = await runDelivery(
    deliveryDeps(store, mailer),
    input([{ email: stand, frequency: 'immediate', webhooks: hooks }]),
  );

  const alertId = letters.alerts[0].alertId;
  expect(report.expanded).toBe(letters.alerts.length);
  expect(sink.received.filter((r) => r.envelopeTo[0] === 'all@example.org')).toHaveLength(letters.alerts.length);
  // The stored keyword rule holds: a term no letter matches means no row at all.
  expect(await rowOf(store, alertId, 'lorem-only@example.org')).toBeNull();
  expect(await rowOf(store, alertId, stand)).toBeNull();
  expect(sink.received.some((r) => r.envelopeTo.includes(stand))).toBe(false);
  expect(await rowOf(store, alertId, webhookRecipient('desk'), { channel: 'webhook' })).not.toBeNull();
});

it('a person removed from the table is mailed nothing more', async () => {
  const letters = only(recorded, ['new-correspondence']);
  const store = await seed(letters, 'table-subscribers-removed');
  const people = new DynamoSubscribers(store);
  await people.addSubscriber({ email: 'gone@example.org', frequency: 'immediate' });
  expect(await people.removeSubscriber('Gone <GONE@example.org>')).toBe(true);
  expect(await people.removeSubscriber('gone@example.org')).toBe(false);
  const report = await runDelivery(deliveryDeps(store, mailer), input());
  expect(report.expanded).toBe(letters.alerts.length);
  expect(await rowOf(store, letters.alerts[0].alertId, 'gone@example.org')).toBeNull();
  expect(sink.received.some((r) => r.envelopeTo.includes('gone@example.org'))).toBe(false);
});
