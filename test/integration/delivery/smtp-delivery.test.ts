/**
 * Alerts delivered over real SMTP (smtp-server on loopback), every message read back with
 * mailparser; delivery rows in DynamoDB Local; retries on 451, no retry on 550.
 */
import { DynamoOutbox } from '../../../lambdas/adapters/dynamodb/outbox';
import type { DynamoDbStore } from '../../../lambdas/adapters/dynamodb/dynamodb-store';
import { SmtpMailer } from '../../../lambdas/adapters/mail/smtp-mailer';
import type { DeliverInput } from '../../../lambdas/core/delivery-context';
import { runDelivery } from '../../../lambdas/core/run-delivery';
import { verifyUnsubscribeToken } from '../../../lambdas/core/unsubscribe-token';
import { T1_ALERTS } from '../../support/harness';
import { deliveryDeps, hostileCopy, recordRealAlerts, rowOf, seed, type Recorded } from './seeded-alerts';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';

const SECRET = 'smtp-test-unsubscribe-secret-0123456789';
const FROM = 'procurement-watch <alerts@procwatch.invalid>';
let recorded: Recorded;
let sink: SmtpSink;

function input(extra: Partial<DeliverInput> = {}): DeliverInput {
  return {
    from: FROM,
    to: [],
    unsubscribe: { baseUrl: 'https://watch.example.org/unsubscribe', secret: SECRET },
    backoffMs: 1,
    ...extra,
  };
}

const deps = (store: DynamoDbStore, mailer: SmtpMailer) => deliveryDeps(store, mailer);

const changeIdOf = (text: string | undefined) => /Change id: (\S+)/.exec(text ?? '')![1];

beforeAll(async () => {
  recorded = await recordRealAlerts();
  sink = await startSmtpSink();
}, 120_000);

afterAll(async () => {
  await sink.close();
});

beforeEach(() => {
  sink.received.length = 0;
  sink.replies.length = 0;
  sink.refuse.clear();
});

describe('SMTP delivery', () => {
  it('sends each alert once to each subscriber, with headers, both parts, the diff markup and an unsubscribe link', async () => {
    const store = await seed(recorded);
    const mailer = new SmtpMailer({ host: '127.0.0.1', port: sink.port, ignoreTLS: true, timeoutMs: 5000 });
    const subscribers = [
      { email: 'campaign@example.org', frequency: 'immediate' as const },
      { email: 'letters-only@example.org', frequency: 'immediate' as const, types: ['new-correspondence'] },
    ];
    const report = await runDelivery(deps(store, mailer), input({ subscribers }));
    const letters = recorded.alerts.filter((a) => a.type === 'new-correspondence').length;
    expect(letters).toBe(T1_ALERTS.filter((t) => t === 'new-correspondence').length);
    expect(report.messages).toBe(recorded.alerts.length + letters);
    expect(sink.received).toHaveLength(recorded.alerts.length + letters);
    expect(
      sink.received.filter((r) => r.envelopeTo[0] === 'letters-only@example.org').map((r) => r.mail.subject),
    ).toEqual(
      // Every new letter names Hikvision: high priority, marked in the subject.
      Array.from({ length: letters }, () => expect.stringMatching(/^\[High priority\] New letter: /)),
    );
    for (const { mail, envelopeTo } of sink.received) {
      expect(mail.from?.value).toEqual([{ name: 'procurement-watch', address: 'alerts@procwatch.invalid' }]);
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe(envelopeTo[0]);
      expect(mail.subject!.length).toBeLessThanOrEqual(80);
      expect(mail.date).toBeInstanceOf(Date);
      expect(mail.messageId).toMatch(/^<[\w-]+\.[\w-]{12}@procurement-watch>$/);
      expect(mail.text).toContain('Change id: ');
      expect(mail.html).toContain('<!doctype html>');
      expect(mail.html).not.toMatch(/<script|<img|<style|src=/i);
      const listUnsub = mail.headerLines.find((h) => h.key === 'list-unsubscribe')!.line.replace(/\r?\n\s+/g, ' ');
      expect(listUnsub).toMatch(/^List-Unsubscribe:\s+<https:\/\/watch\.example\.org\/unsubscribe\?token=[^>]+>$/);
      const token = /token=([^>&]+)/.exec(listUnsub)![1];
      expect(verifyUnsubscribeToken(decodeURIComponent(token), SECRET)).toEqual({ email: envelopeTo[0] });
      expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe(
        'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
      );
      expect(mail.html).toContain('>Unsubscribe</a>');
    }
    // The changed letter carries its word-level diff as insertions and deletions, in both parts.
    const changed = sink.received.find((r) => r.mail.subject?.startsWith('Changed: '))!.mail;
    expect(changed.html).toMatch(/<ins style="[^"]*background:#d4edda[^"]*">[^<]+<\/ins>/);
    expect(changed.html).toMatch(/<del style="[^"]*text-decoration:line-through[^"]*">[^<]+<\/del>/);
    expect(changed.text).toMatch(/\{\+.+\+\}/);
    expect(changed.text).toMatch(/\[-.+-\]/);
    // Every row is sent with the provider's queue id; a second run sends nothing.
    const rows = await Promise.all(sink.received.map((r) => rowOf(store, changeIdOf(r.mail.text), r.envelopeTo[0])));
    expect(rows.map((r) => r?.status)).toEqual(sink.received.map(() => 'sent'));
    expect(rows.every((r) => /^Q\d+$/.test(r?.providerMessageId ?? ''))).toBe(true);
    expect(await new DynamoOutbox(store).listDue(new Date(Date.now() + 86_400_000))).toEqual([]);
    const again = await runDelivery(deps(store, mailer), input({ subscribers }));
    expect(again.messages).toBe(0);
    expect(sink.received).toHaveLength(recorded.alerts.length + letters);
    mailer.close();
  });

  it('escapes a page whose title holds <script>, in the subject, the HTML and the text', async () => {
    const base = recorded.alerts.find((a) => a.type === 'document-changed')!;
    const store = await seed(
      hostileCopy(
        recorded.changes.find((c) => c.changeId === base.changeId)!,
        base,
      ),
    );
    const mailer = new SmtpMailer({ host: '127.0.0.1', port: sink.port, ignoreTLS: true });
    await runDelivery(deps(store, mailer), input({ to: ['reader@example.org'] }));
    expect(sink.received).toHaveLength(1);
    const { mail } = sink.received[0];
    expect(mail.subject).toContain('<script>alert("pwned")</script>');
    // Markup from the page arrives as text only: no tag, no handler, no javascript: link.
    expect(mail.html).not.toMatch(/<(script|img|b)[\s>]|href="javascript:/i);
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
    expect(mail.html).toContain('&lt;b onclick=&quot;x()&quot;&gt;bold&lt;/b&gt;');
    expect(mail.text).toContain('<script>alert("pwned")</script>');
    mailer.close();
  });

  it('retries a 451 and then sends; a 550 fails with the reason and is not retried', async () => {
    const one = recorded.alerts.find((a) => a.type === 'new-correspondence')!;
    const only: Recorded = { alerts: [one], changes: recorded.changes.filter((c) => c.changeId === one.changeId) };
    const store = await seed(only);
    const mailer = new SmtpMailer({ host: '127.0.0.1', port: sink.port, ignoreTLS: true });
    sink.replies.push(451);
    const report = await runDelivery(deps(store, mailer), input({ to: ['retry@example.org'] }));
    expect(sink.dataCommands).toBeGreaterThanOrEqual(2);
    expect(report.messages).toBe(1);
    expect(sink.received).toHaveLength(1);
    const ok = await rowOf(store, one.alertId, 'retry@example.org');
    expect(ok).toEqual(expect.objectContaining({ status: 'sent', attempts: 1 }));

    const store2 = await seed(only);
    sink.refuse.add('nobody@example.org');
    const before = sink.dataCommands;
    const failed = await runDelivery(deps(store2, mailer), input({ to: ['nobody@example.org'] }));
    expect(failed.messages).toBe(0);
    expect(failed.failed).toHaveLength(1);
    expect(failed.failed[0].reason).toMatch(/refused the email with 550.*No such user/);
    const record = await rowOf(store2, one.alertId, 'nobody@example.org');
    expect(record).toEqual(expect.objectContaining({ status: 'failed', attempts: 1 }));
    expect(record!.lastError).toMatch(/550/);
    // Listed for `procwatch resend`, with the provider's reason.
    expect((await new DynamoOutbox(store2).listFailed()).map((r) => r.lastError)).toEqual([record!.lastError]);
    // Not retried: a later run leaves it alone.
    const later = await runDelivery(deps(store2, mailer), input({ to: ['nobody@example.org'] }));
    expect(later.messages + later.failed.length).toBe(0);
    expect(sink.dataCommands).toBe(before);
    mailer.close();
  });
});
