/**
 * One test per SES outcome, through the SES stand-in (ses-stand-in.ts: an HTTP-level fake of the
 * SES v2 API, not the service) with the real SDK client and the DynamoDB outbox: accepted,
 * throttled, rejected, and the bounce and complaint events SES publishes later (fed to the feedback
 * Lambda handler as SNS delivers them). Each checks the row's state, the suppression, and the alarm
 * metric as the EMF lines CloudWatch would read.
 */
import { simpleParser } from 'mailparser';
import type { DynamoDbStore } from '../../../lambdas/adapters/dynamodb/dynamodb-store';
import { EmfMetrics } from '../../../lambdas/adapters/log/emf-metrics';
import { SesMailer } from '../../../lambdas/adapters/mail/ses-mailer';
import { feedbackFromSnsEvent } from '../../../lambdas/adapters/mail/ses-feedback-event';
import { formatSubscriber } from '../../../lambdas/cli/subscribers-command';
import { DELIVERIES_FAILED } from '../../../lambdas/core/deliver-alerts';
import type { DeliverInput } from '../../../lambdas/core/delivery-context';
import { DELIVERY_COMPLAINTS, recordDeliveryFeedback } from '../../../lambdas/core/record-feedback';
import { resendFailed } from '../../../lambdas/core/resend-failed';
import { runDelivery } from '../../../lambdas/core/run-delivery';
import { effectiveSubscribers, withStates } from '../../../lambdas/core/subscribers';
import type { Clock } from '../../../lambdas/core/ports';
import { subscribersRoute } from '../../../lambdas/http/routes/subscribers';
import { deliveryDeps, only, recordRealAlerts, rowOf, seed, type Recorded } from './seeded-alerts';
import { feedbackEvent, startSesStandIn, type FeedbackKind, type SesStandIn } from './ses-stand-in';

const TO = 'campaign@example.org';
let ses: SesStandIn;
let recorded: Recorded;

beforeAll(async () => {
  ses = await startSesStandIn();
  // One alert, so one row per run: each outcome is read off that row.
  const all = await recordRealAlerts();
  recorded = only(all, ['new-correspondence']);
  recorded = { alerts: recorded.alerts.slice(0, 1), changes: recorded.changes };
}, 120_000);

afterAll(async () => {
  await ses.close();
});

beforeEach(() => {
  ses.calls.length = 0;
  ses.answers.length = 0;
});

/** A clock the test moves: retries wait for their backoff in table time, not in test time. */
function movableClock(): Clock & { advance(ms: number): void } {
  let t = Date.now();
  return { now: () => new Date(t), sleep: async () => undefined, advance: (ms) => void (t += ms) };
}

/** EMF lines as the Lambda writes them to stdout; `count` reads one metric's total back. */
function emfLines() {
  const lines: string[] = [];
  const metrics = new EmfMetrics((l) => lines.push(l));
  const count = (name: string) =>
    lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      // Every counter rides on the one Problems metric, named by its `problem` property.
      .reduce((n, l) => n + (l.problem === name ? Number(l.Problems) : 0), 0);
  return { lines, metrics, count };
}

async function scenario() {
  const store = await seed(recorded, 'ses-outcome');
  const clock = movableClock();
  const emf = emfLines();
  const mailer = SesMailer.connect(
    {
      endpoint: ses.url,
      region: 'eu-west-2',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    },
    'procwatch-feedback',
  );
  const deps = deliveryDeps(store, mailer, { clock, metrics: emf.metrics });
  const input: DeliverInput = {
    from: 'procurement-watch <alerts@procwatch.invalid>',
    to: [TO],
    inlineTries: 1,
    maxAttempts: 2,
    unsubscribe: { baseUrl: 'https://w.example.org/unsubscribe', secret: 'ses-outcome-secret-0123456789' },
  };
  const alertId = recorded.alerts[0].alertId;
  const row = (generation = 0) => rowOf(store, alertId, TO, { generation });
  const feedback = (kind: FeedbackKind, call = ses.calls.at(-1)!) =>
    recordDeliveryFeedback(deps, feedbackFromSnsEvent(feedbackEvent(call, kind, clock.now())));
  return { store, clock, emf, deps, input, alertId, row, feedback };
}

async function suppressionOf(store: DynamoDbStore, email: string) {
  const deps = deliveryDeps(store, { name: 'unused', send: async () => ({ messageId: '' }) });
  return (await deps.subscriberStore.listSubscriberStates()).find((s) => s.email === email) ?? null;
}

it('accepted: the row is sent with SES’s message id, tagged for feedback; no suppression, no alarm', async () => {
  const s = await scenario();
  const report = await runDelivery(s.deps, s.input);
  expect(report.messages).toBe(1);
  expect(ses.calls).toHaveLength(1);
  expect(ses.calls[0].body.ConfigurationSetName).toBe('procwatch-feedback');
  expect(ses.calls[0].body.EmailTags?.map((t) => t.Name)).toEqual(['procwatch-delivery']);
  expect((await simpleParser(ses.calls[0].raw!)).to).toBeTruthy();
  expect(await s.row()).toMatchObject({ status: 'sent', providerMessageId: 'ses-1', attempts: 1, lastError: null });
  expect(await suppressionOf(s.store, TO)).toBeNull();
  expect(s.emf.count(DELIVERIES_FAILED)).toBe(0);
});

it('throttled: the row waits out a backoff, then fails with SES’s reason once the tries are spent', async () => {
  const s = await scenario();
  ses.answers.push({ status: 429, type: 'TooManyRequestsException' });
  const first = await runDelivery(s.deps, s.input);
  expect(first).toMatchObject({ messages: 0, retrying: 1 });
  const waiting = (await s.row())!;
  expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
  expect(waiting.lastError).toMatch(/TooManyRequestsException/);
  expect(Date.parse(waiting.dueAt)).toBeGreaterThan(s.clock.now().getTime());
  // Not due yet: a run now does not touch it.
  expect(await runDelivery(s.deps, s.input)).toMatchObject({ messages: 0, retrying: 0 });
  expect(ses.calls).toHaveLength(1);
  expect(s.emf.count(DELIVERIES_FAILED)).toBe(0);
  s.clock.advance(61_000);
  ses.answers.push({ status: 429, type: 'TooManyRequestsException' });
  const second = await runDelivery(s.deps, s.input);
  expect(second.failed).toHaveLength(1);
  const failed = (await s.row())!;
  expect(failed).toMatchObject({ status: 'failed', attempts: 2 });
  expect(failed.lastError).toMatch(/TooManyRequestsException.*gave up after 2 tries/);
  expect(s.emf.count(DELIVERIES_FAILED)).toBe(1);
  // Throttling says nothing about the address.
  expect(await suppressionOf(s.store, TO)).toBeNull();
});

it('rejected: the row fails at once with SES’s reason, alarms, and `resend` sends it again once', async () => {
  const s = await scenario();
  ses.answers.push({ status: 400, type: 'MessageRejected' });
  const report = await runDelivery(s.deps, s.input);
  expect(report.failed).toHaveLength(1);
  expect(ses.calls).toHaveLength(1);
  const failed = (await s.row())!;
  expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
  expect(failed.lastError).toMatch(/Amazon SES did not accept the email: MessageRejected/);
  expect(s.emf.count(DELIVERIES_FAILED)).toBe(1);
  expect(await suppressionOf(s.store, TO)).toBeNull();
  expect((await s.deps.outbox.listFailed()).map((d) => d.subjectId)).toEqual([s.alertId]);

  // Fixed (say, the identity verified): resend by change id, once.
  const { resent } = await resendFailed(s.deps, { changeId: s.alertId });
  expect(resent).toHaveLength(1);
  expect((await resendFailed(s.deps, { allFailed: true })).resent).toHaveLength(0);
  const again = await runDelivery(s.deps, s.input);
  expect(again.messages).toBe(1);
  expect(await s.row(1)).toMatchObject({ status: 'sent', providerMessageId: 'ses-2' });
  expect(await s.row(0)).toMatchObject({ status: 'failed', supersededBy: 1 });
  expect(await s.deps.outbox.listFailed()).toEqual([]);
  expect((await simpleParser(ses.calls[1].raw!)).messageId).toMatch(/\.g1@procurement-watch>$/);
});

it('bounce event: a permanent bounce fails the sent row, suppresses the address, alarms once', async () => {
  const s = await scenario();
  await runDelivery(s.deps, s.input);
  expect(await s.row()).toMatchObject({ status: 'sent' });
  // A transient bounce (mailbox full) is noted, nothing more.
  expect(await s.feedback('transient-bounce')).toMatchObject({ suppressed: [], failed: 0 });
  expect(await s.row()).toMatchObject({ status: 'sent', bouncedAt: null });
  expect(await suppressionOf(s.store, TO)).toBeNull();

  const report = await s.feedback('permanent-bounce');
  expect(report).toMatchObject({ recorded: 1, suppressed: [TO], failed: 1 });
  const bounced = (await s.row())!;
  expect(bounced).toMatchObject({ status: 'failed', providerMessageId: 'ses-1' });
  expect(bounced.bouncedAt).not.toBeNull();
  expect(bounced.lastError).toBe('SES bounce (Permanent/General): smtp; 550 5.1.1 user unknown');
  const state = (await suppressionOf(s.store, TO))!;
  expect(state.suppressedReason).toBe(bounced.lastError);
  expect(s.emf.count(DELIVERIES_FAILED)).toBe(1);
  // SNS delivers at least once: the same event again changes nothing and alarms no more.
  expect(await s.feedback('permanent-bounce', ses.calls[0])).toMatchObject({ recorded: 0, failed: 0 });
  expect(s.emf.count(DELIVERIES_FAILED)).toBe(1);

  // Shown where people look: `procwatch subscribers` and GET /subscribers.
  const people = withStates(effectiveSubscribers(undefined, [TO]), [state]);
  expect(formatSubscriber(people[0])).toContain('SUPPRESSED');
  expect(formatSubscriber(people[0])).toContain('550 5.1.1 user unknown');
  const route = subscribersRoute({ subscribers: { to: [TO] }, store: s.deps.subscriberStore });
  const res = await route.methods.GET!(undefined as never, { authenticated: true } as never);
  expect(JSON.parse(res.body).subscribers[0]).toMatchObject({ email: TO, suppressedReason: state.suppressedReason });

  // A re-send to a suppressed address is not handed to SES.
  expect((await resendFailed(s.deps, { allFailed: true })).resent).toHaveLength(1);
  const after = await runDelivery(s.deps, s.input);
  expect(after).toMatchObject({ messages: 0, skipped: 1 });
  expect(ses.calls).toHaveLength(1);
  expect((await s.row(1))!.lastError).toMatch(/suppressed/);
});

it('complaint event: the row stays sent and says so, the address is suppressed, the alarm counts it', async () => {
  const s = await scenario();
  await runDelivery(s.deps, s.input);
  const report = await s.feedback('complaint');
  expect(report).toMatchObject({ recorded: 1, suppressed: [TO], failed: 0, complaints: 1 });
  const row = (await s.row())!;
  expect(row).toMatchObject({ status: 'sent', bouncedAt: null });
  expect(row.complainedAt).not.toBeNull();
  expect(row.lastError).toBe('SES complaint (abuse)');
  expect((await suppressionOf(s.store, TO))!.suppressedReason).toBe('SES complaint (abuse)');
  expect(s.emf.count(DELIVERY_COMPLAINTS)).toBe(1);
  expect(s.emf.count(DELIVERIES_FAILED)).toBe(0);
  expect(await s.feedback('complaint')).toMatchObject({ recorded: 0, complaints: 0 });
  expect(s.emf.count(DELIVERY_COMPLAINTS)).toBe(1);
});
