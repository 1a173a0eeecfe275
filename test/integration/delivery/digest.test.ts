/**
 * Daily digests over real SMTP and DynamoDB Local. An alert joins the digest of the first digest
 * hour after it was raised (London time), once per person: never one that person already had
 * immediately, never two digests; a digest already on its way sends a late alert to the next one;
 * a day with nothing to say sends nothing.
 */
import { SmtpMailer } from '../../../lambdas/adapters/mail/smtp-mailer';
import { digestSlot } from '../../../lambdas/core/delivery-rows';
import { runDelivery } from '../../../lambdas/core/run-delivery';
import { londonTime, type Subscriber } from '../../../lambdas/core/subscribers';
import { deliveryDeps, only, recordRealAlerts, seed, type Recorded } from './seeded-alerts';
import { T1_ALERTS } from '../../support/harness';
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
const to = (email: string) => sink.received.filter((r) => r.envelopeTo[0] === email).map((r) => r.mail);

it('a digest carries each alert once per person, at its hour; a late alert waits for the next one', async () => {
  const letters = only(recorded, ['new-correspondence']);
  const others = only(recorded, ['baseline', 'document-changed', 'document-withdrawn']);
  const store = await seed(letters, 'digest');
  const raised = recorded.alerts[0].createdAt;
  const daily: Subscriber = { email: 'daily@example.org', frequency: 'daily', digestHour: 8 };
  const hour = Date.parse(digestSlot(daily, raised).dueAt);
  expect(londonTime(new Date(hour)).hour).toBe(8);
  let t = Date.parse(raised) + 60_000;
  const deps = deliveryDeps(store, mailer, { clock: { now: () => new Date(t), sleep: async () => undefined } });
  const input = (subscribers: Subscriber[]) => ({
    from: 'procurement-watch <alerts@procwatch.invalid>',
    to: [],
    subscribers,
    sourceNames: [{ id: 'bscc-correspondence', name: 'BSCC correspondence on GOV.UK' }],
  });
  const switcher = 'switcher@example.org';

  // The switcher takes letters immediately: the new letters go out at once; the daily reader waits.
  const newLetters = T1_ALERTS.filter((type) => type === 'new-correspondence').length;
  const first = await runDelivery(
    deps,
    input([{ email: switcher, frequency: 'immediate', types: ['new-correspondence'] }, daily]),
  );
  expect(first.messages).toBe(newLetters);
  const immediate = to(switcher).flatMap((m) => changeIds(m.text));
  expect(immediate).toHaveLength(newLetters);

  // Then switches to a daily digest of everything: the alerts raised from now on join their digest.
  const both: Subscriber[] = [{ email: switcher, frequency: 'daily', digestHour: 8 }, daily];
  await seed(others, 'digest', store);
  const early = await runDelivery(deps, input(both));
  expect(early.expanded).toBe(others.alerts.length);
  expect(early.digests + early.messages).toBe(0);

  t = hour + 60_000;
  const due = await runDelivery(deps, input(both));
  expect(due.digests).toBe(2);
  const [digest] = to(switcher);
  expect(to(switcher)).toHaveLength(newLetters + 1);
  const switched = to(switcher)[newLetters];
  expect(switched.subject).toMatch(
    new RegExp(`^procurement-watch daily digest: ${recorded.alerts.length - newLetters} alerts, `),
  );
  expect(changeIds(switched.text).filter((id) => immediate.includes(id))).toEqual([]);
  expect(changeIds(to(daily.email)[0].text).sort()).toEqual(recorded.alerts.map((a) => a.changeId).sort());
  // Grouped by source (by its name), newest first within a thread.
  expect(switched.html).toMatch(/<h2[^>]*>Source: BSCC correspondence on GOV.UK<\/h2>/);
  expect(switched.html).not.toMatch(/bscc-correspondence<\/h2>|Thread: bscc--/);
  const carried = changeIds(switched.text);
  const detected = carried.map((id) => recorded.changes.find((c) => c.changeId === id)!.detectedAt);
  expect([...detected].sort().reverse()).toEqual(detected);
  expect(digest.headerLines.some((h) => h.key === 'list-unsubscribe-post')).toBe(false);

  // An alert raised before the hour but expanded after its digest went out waits for the next day's.
  const late = { ...recorded.alerts[1], alertId: 'late-alert', changeId: 'late-alert' };
  const lateChange = {
    ...recorded.changes.find((c) => c.changeId === recorded.alerts[1].changeId)!,
    changeId: 'late-alert',
  };
  await seed({ alerts: [late], changes: [lateChange] }, 'digest', store);
  t += 3_600_000;
  const again = await runDelivery(deps, input(both));
  expect(again.expanded).toBe(1);
  expect(again.digests + again.messages).toBe(0);

  t += 24 * 3_600_000;
  const next = await runDelivery(deps, input(both));
  expect(next.digests).toBe(2);
  expect(
    to(switcher)
      .slice(-1)
      .flatMap((m) => changeIds(m.text)),
  ).toEqual(['late-alert']);

  // A day with nothing new: no digest row exists, so nothing is sent.
  t += 24 * 3_600_000;
  const before = sink.received.length;
  const empty = await runDelivery(deps, input(both));
  expect(empty.messages).toBe(0);
  expect(sink.received).toHaveLength(before);
});
