/**
 * Webhooks beside email, end to end: real alerts from the recorded replay, delivery rows in
 * DynamoDB Local, the undici webhook sender POSTing to a real node:http receiver that verifies the
 * signature and dedupes by delivery id, and email to a real SMTP server at the same time.
 */
import { SmtpMailer } from '../../../lambdas/adapters/mail/smtp-mailer';
import { HttpsWebhookSender } from '../../../lambdas/adapters/webhook/https-webhook-sender';
import type { DeliverInput } from '../../../lambdas/core/delivery-context';
import { runDelivery } from '../../../lambdas/core/run-delivery';
import type { Subscriber } from '../../../lambdas/core/subscribers';
import { DELIVERY_ID_HEADER, SIGNATURE_HEADER, verifyWebhook } from '../../../lambdas/core/webhook-signature';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver';
import { deliveryDeps, only, recordRealAlerts, rowOf, seed, type Recorded } from './seeded-alerts';

const SECRET = 'webhook-test-signing-secret-0123456789';
const EMAIL = 'campaign@example.org';
let recorded: Recorded;
let one: Recorded;
let sink: SmtpSink;
let receiver: WebhookReceiver;
const sender = new HttpsWebhookSender({ userAgent: 'procwatch-test', timeoutMs: 3000 });

function input(subscribers: Subscriber[], extra: Partial<DeliverInput> = {}): DeliverInput {
  return { from: 'alerts@procwatch.invalid', to: [], subscribers, backoffMs: 1, ...extra };
}

const hooked = (url: string, format: 'generic' | 'slack' | 'teams' = 'generic'): Subscriber => ({
  email: EMAIL,
  frequency: 'immediate',
  webhooks: [{ id: 'team', url, format, secret: SECRET }],
});

beforeAll(async () => {
  recorded = await recordRealAlerts();
  one = { ...only(recorded, ['new-correspondence']) };
  one = { alerts: one.alerts.slice(0, 1), changes: one.changes.filter((c) => c.changeId === one.alerts[0].changeId) };
  sink = await startSmtpSink();
  receiver = await startWebhookReceiver(SECRET);
}, 120_000);

afterAll(async () => {
  await sender.close();
  await sink.close();
  await receiver.close();
});

beforeEach(() => {
  sink.received.length = 0;
  receiver.posts.length = 0;
  receiver.accepted.length = 0;
  receiver.replies.length = 0;
  receiver.seen.clear();
  receiver.now = () => new Date();
});

const smtp = () => new SmtpMailer({ host: '127.0.0.1', port: sink.port, ignoreTLS: true, timeoutMs: 5000 });

describe('webhook delivery', () => {
  it('POSTs every alert once, signed over timestamp.body; a tampered body or an old timestamp fails', async () => {
    const store = await seed(recorded, 'webhook');
    const mailer = smtp();
    const report = await runDelivery(deliveryDeps(store, mailer, { webhooks: sender }), input([hooked(receiver.url)]));
    expect(report.webhooks).toBe(recorded.alerts.length);
    expect(report.messages).toBe(recorded.alerts.length);
    expect(receiver.posts.map((p) => p.status)).toEqual(recorded.alerts.map(() => 200));
    expect(receiver.accepted).toHaveLength(recorded.alerts.length);
    const ids = receiver.accepted.map((p) => JSON.parse(p.body).alert.id).sort();
    expect(ids).toEqual(recorded.alerts.map((a) => a.alertId).sort());
    const post = receiver.accepted[0];
    const header = String(post.headers[SIGNATURE_HEADER.toLowerCase()]);
    expect(header).toMatch(/^t=\d{10},v1=[0-9a-f]{64}$/);
    expect(JSON.parse(post.body).deliveryId).toBe(post.headers[DELIVERY_ID_HEADER.toLowerCase()]);
    expect(verifyWebhook(SECRET, header, post.body, new Date()).valid).toBe(true);
    expect(verifyWebhook(SECRET, header, post.body.replace('"alert"', '"Alert"'), new Date())).toEqual({
      valid: false,
      reason: 'signature does not match',
    });
    expect(verifyWebhook('another-secret', header, post.body, new Date()).valid).toBe(false);
    const late = new Date(Date.now() + 10 * 60_000);
    expect(verifyWebhook(SECRET, header, post.body, late)).toEqual({
      valid: false,
      reason: 'timestamp outside tolerance',
    });
    // The receiver itself refuses a tampered copy sent to it.
    const tampered = await fetch(receiver.url, {
      method: 'POST',
      headers: { [SIGNATURE_HEADER]: header, [DELIVERY_ID_HEADER]: 'forged' },
      body: post.body.replace('"alert"', '"Alert"'),
    });
    expect(tampered.status).toBe(401);
    // Rows say sent; a second run posts nothing.
    const row = await rowOf(store, recorded.alerts[0].alertId, 'webhook:team', { channel: 'webhook' });
    expect(row).toEqual(expect.objectContaining({ status: 'sent', providerMessageId: 'http-200', attempts: 1 }));
    const before = receiver.posts.length;
    const again = await runDelivery(deliveryDeps(store, mailer, { webhooks: sender }), input([hooked(receiver.url)]));
    expect(again.webhooks + again.messages).toBe(0);
    expect(receiver.posts).toHaveLength(before);
    mailer.close();
  });

  it('retries a 500 and then delivers: exactly one accepted delivery', async () => {
    const store = await seed(one, 'webhook-retry');
    receiver.replies.push(500);
    const report = await runDelivery(deliveryDeps(store, smtp(), { webhooks: sender }), input([hooked(receiver.url)]));
    expect(receiver.posts.map((p) => p.status)).toEqual([500, 200]);
    expect(receiver.accepted).toHaveLength(1);
    expect(report.webhooks).toBe(1);
    // Both tries carried the same delivery id.
    const ids = new Set(receiver.posts.map((p) => p.headers[DELIVERY_ID_HEADER.toLowerCase()]));
    expect(ids.size).toBe(1);
  });

  it('a 503 on every inline try leaves the row pending for the outbox backoff; 404 fails it for good', async () => {
    const store = await seed(one, 'webhook-backoff');
    receiver.replies.push(503, 503, 503);
    const report = await runDelivery(deliveryDeps(store, smtp(), { webhooks: sender }), input([hooked(receiver.url)]));
    expect(report.retrying).toBe(1);
    const row = await rowOf(store, one.alerts[0].alertId, 'webhook:team', { channel: 'webhook' });
    expect(row).toEqual(expect.objectContaining({ status: 'pending', lastError: expect.stringMatching(/503/) }));
    expect(Date.parse(row!.dueAt)).toBeGreaterThan(Date.now() + 30_000);

    const store2 = await seed(one, 'webhook-404');
    receiver.replies.push(404);
    const failed = await runDelivery(deliveryDeps(store2, smtp(), { webhooks: sender }), input([hooked(receiver.url)]));
    expect(receiver.posts.slice(-1).map((p) => p.status)).toEqual([404]);
    expect(failed.failed).toEqual([expect.objectContaining({ recipient: 'webhook:team' })]);
    expect(failed.failed[0].reason).toMatch(/answered 404/);
  });

  it('a crash after the POST, before the row is settled: one re-POST with the same id, deduped', async () => {
    const store = await seed(one, 'webhook-crash');
    let crashed = 0;
    let later = 0; // the clock jumps past the lease instead of waiting for it
    const deps = deliveryDeps(store, smtp(), {
      webhooks: sender,
      clock: { now: () => new Date(Date.now() + later), sleep: async () => undefined },
      onStep: (step) => {
        if (step === 'accepted' && receiver.posts.length === 1 && !crashed++) throw new Error('crash');
      },
    });
    // Only the webhook: an email row would be accepted first.
    const sub: Subscriber = { ...hooked(receiver.url), types: [one.alerts[0].type] };
    await expect(runDelivery(deps, input([sub]))).rejects.toThrow('crash');
    expect(receiver.posts).toHaveLength(1);
    later = 6 * 60_000; // the default 5-minute lease has run out
    receiver.now = () => new Date(Date.now() + later);
    const report = await runDelivery({ ...deps, onStep: undefined }, input([sub]));
    expect(report.resent).toBeGreaterThanOrEqual(1);
    const ids = receiver.posts.map((p) => p.headers[DELIVERY_ID_HEADER.toLowerCase()]);
    expect(new Set(ids).size).toBe(1);
    // Documented window: one re-POST per crash between accepted and settled, same id; accepted once.
    expect(receiver.posts).toHaveLength(2);
    expect(crashed).toBe(1);
    expect(receiver.accepted).toHaveLength(1);
    const row = await rowOf(store, one.alerts[0].alertId, 'webhook:team', { channel: 'webhook' });
    expect(row?.status).toBe('sent');
  });

  it('a dead endpoint fails the webhook channel only: the email still goes out', async () => {
    const store = await seed(one, 'webhook-dead');
    const dead = 'http://127.0.0.1:1/hook'; // nothing listens on port 1
    const mailer = smtp();
    const deps = deliveryDeps(store, mailer, { webhooks: sender });
    const report = await runDelivery(deps, input([hooked(dead)], { maxAttempts: 1 }));
    expect(report.messages).toBe(1);
    expect(sink.received.map((r) => r.envelopeTo[0])).toEqual([EMAIL]);
    expect(report.failed).toEqual([expect.objectContaining({ recipient: 'webhook:team' })]);
    expect(report.failed[0].reason).toMatch(/connection refused/);
    const email = await rowOf(store, one.alerts[0].alertId, EMAIL);
    expect(email?.status).toBe('sent');
    mailer.close();
  });

  it('refuses a webhook on a private address before connecting', async () => {
    const store = await seed(one, 'webhook-private');
    const report = await runDelivery(
      deliveryDeps(store, smtp(), { webhooks: sender }),
      input([hooked('https://169.254.169.254/latest/meta-data')]),
    );
    expect(report.failed[0].reason).toMatch(/private or local address/);
    const row = await rowOf(store, one.alerts[0].alertId, 'webhook:team', { channel: 'webhook' });
    expect(row).toEqual(expect.objectContaining({ status: 'failed', attempts: 1 }));
  });
});
