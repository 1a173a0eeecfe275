/**
 * Daily digests over real SMTP and DynamoDB Local: an item already sent immediately to a person is
 * not repeated in their digest, a digest goes out once per day, and an empty digest is not sent.
 */
import { DynamoDeliveryStore } from '../../../lambdas/adapters/dynamodb/delivery-store';
import { silentLogger } from '../../../lambdas/adapters/log/json-logger';
import { SmtpMailer } from '../../../lambdas/adapters/mail/smtp-mailer';
import { runDelivery } from '../../../lambdas/core/run-delivery';
import type { Subscriber } from '../../../lambdas/core/subscribers';
import { T1_ALERTS } from '../../support/harness';
import { recordRealAlerts, seed, type Recorded } from './seeded-alerts';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';

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

const changeIds = (text: string | undefined) => [...(text ?? '').matchAll(/Change id: (\S+)/g)].map((m) => m[1]);

it('a digest skips what was sent immediately, is sent once a day, and is not sent when empty', async () => {
  const store = await seed(recorded, 'digest');
  const deliveries = new DynamoDeliveryStore(store);
  // London 07:30 on the day after the alerts: before an 08:00 digest hour.
  const created = Math.max(...recorded.alerts.map((a) => Date.parse(a.createdAt)));
  const nextDay = new Date(created + 24 * 3600_000).toISOString().slice(0, 10);
  let t = Date.parse(`${nextDay}T07:30:00Z`);
  const clock = { now: () => new Date(t), sleep: async () => undefined };
  const deps = { store, mailer, logger: silentLogger, clock, deliveries };
  const input = (subscribers: Subscriber[]) => ({
    from: 'procurement-watch <alerts@procwatch.invalid>',
    to: [],
    subscribers,
  });
  const email = 'switcher@example.org';

  // While immediate, the person subscribed to letters only: they get the new letters at once.
  const letters = T1_ALERTS.filter((t) => t === 'new-correspondence').length;
  const first = await runDelivery(deps, input([{ email, frequency: 'immediate', types: ['new-correspondence'] }]));
  expect(first.messages).toBe(letters);
  const immediate = sink.received.flatMap((r) => changeIds(r.mail.text));
  expect(immediate).toHaveLength(letters);

  // They switch to a daily digest of everything at 08:00 London (GMT in winter, BST in summer).
  const daily: Subscriber[] = [{ email, frequency: 'daily', digestHour: 8 }];
  const early = await runDelivery(deps, input(daily));
  expect(early.digests).toBe(0);

  t += 3 * 3600_000; // 10:30 UTC: past 08:00 London in any season
  const due = await runDelivery(deps, input(daily));
  expect(due.digests).toBe(1);
  const digest = sink.received[sink.received.length - 1].mail;
  const rest = recorded.alerts.length - letters;
  expect(digest.subject).toMatch(new RegExp(`^procurement-watch daily digest: ${rest} alerts, `));
  const carried = changeIds(digest.text);
  expect(carried).toHaveLength(rest);
  expect(carried.filter((id) => immediate.includes(id))).toEqual([]);
  // Grouped by source, newest first within a thread.
  expect(digest.html).toMatch(/<h2[^>]*>Source: bscc-correspondence<\/h2>/);
  const detected = carried.map((id) => recorded.changes.find((c) => c.changeId === id)!.detectedAt);
  expect([...detected].sort().reverse()).toEqual(detected);
  expect(digest.headerLines.some((h) => h.key === 'list-unsubscribe-post')).toBe(false);

  // Later the same day: no second digest.
  t += 3600_000;
  const again = await runDelivery(deps, input(daily));
  expect(again.digests + again.messages).toBe(0);

  // The next day nothing new happened: the digest would be empty, so none is sent.
  t += 24 * 3600_000;
  const before = sink.received.length;
  const empty = await runDelivery(deps, input(daily));
  expect(empty.emptyDigests).toBe(1);
  expect(empty.messages).toBe(0);
  expect(sink.received).toHaveLength(before);
});
