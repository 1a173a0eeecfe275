/**
 * Crash injection: the sender is stopped (an exception thrown from its step hook, as a killed
 * process would stop) at a seeded random step — after the alert claim, after the send claim,
 * after markSending, after the SMTP server accepted, after the mark — then time passes beyond the
 * lease and the sender (with its sweeper) runs again, possibly crashing again. Afterwards every
 * (alert, recipient) pair has reached its recipient as exactly one email (one Message-ID), none
 * lost; physical re-sends can only come from the "accepted, not yet marked" window.
 */
import { DynamoDeliveryStore } from '../../../lambdas/adapters/dynamodb/delivery-store';
import { silentLogger } from '../../../lambdas/adapters/log/json-logger';
import { SmtpMailer } from '../../../lambdas/adapters/mail/smtp-mailer';
import { DEFAULT_LEASE_MS, type DeliveryStep } from '../../../lambdas/core/deliver-alerts';
import { runDelivery } from '../../../lambdas/core/run-delivery';
import type { Subscriber } from '../../../lambdas/core/subscribers';
import { recordRealAlerts, seed, type Recorded } from './seeded-alerts';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { seededRandom } from '../../support/seeded-random';
import { emailFigures } from '../reliability/observe';
import { ReliabilityLog } from '../reliability/reliability-report';

const RUNS = 20;
const STEPS: DeliveryStep[] = ['alert-claimed', 'claimed', 'sending', 'accepted', 'marked'];

class Crash extends Error {}
const log = new ReliabilityLog('35-sender-crash-injection');

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
  log.flush();
});

it(`delivers every alert to every recipient exactly once across ${RUNS} seeded runs with crashes at every step`, async () => {
  const totals = {
    runs: 0,
    crashes: {} as Record<string, number>,
    expected: 0,
    delivered: 0,
    emails: 0,
    lost: 0,
    duplicated: 0,
    resentSameMessageId: 0,
    rounds: 0,
  };
  const figures = {
    pairsExpected: 0,
    emailsReceived: 0,
    pairsMissing: 0,
    duplicatesByChange: 0,
    duplicatesByMessageId: 0,
  };
  let offContract = 0;
  const letters = recorded.alerts.filter((a) => a.type === 'new-correspondence').map((a) => a.changeId);
  for (let run = 1; run <= RUNS; run++) {
    const random = seededRandom(run * 7919);
    const store = await seed(recorded, 'crash');
    const deliveries = new DynamoDeliveryStore(store);
    // Just after the recorded alerts were created, so they fall in the digest's window.
    let t = Math.max(...recorded.alerts.map((a) => Date.parse(a.createdAt))) + 60_000;
    const clock = { now: () => new Date(t), sleep: async (ms: number) => void (t += ms) };
    const subscribers: Subscriber[] = [
      { email: `all-${run}@example.org`, frequency: 'immediate' },
      { email: `letters-${run}@example.org`, frequency: 'immediate', types: ['new-correspondence'] },
      { email: `daily-${run}@example.org`, frequency: 'daily', digestHour: 0 },
    ];
    let crashesLeft = 1 + Math.floor(random() * 4);
    for (let round = 0; round < 20; round++) {
      totals.rounds++;
      const target =
        crashesLeft > 0
          ? { step: STEPS[Math.floor(random() * STEPS.length)], nth: 1 + Math.floor(random() * 4) }
          : null;
      let seen = 0;
      let crashed = false;
      try {
        await runDelivery(
          {
            store,
            mailer,
            logger: silentLogger,
            clock,
            deliveries,
            onStep: (step) => {
              if (target && step === target.step && ++seen === target.nth) throw new Crash(step);
            },
          },
          { from: 'procurement-watch <alerts@procwatch.invalid>', to: [], subscribers, backoffMs: 1 },
        );
      } catch (err) {
        if (!(err instanceof Crash)) throw err;
        crashed = true;
        crashesLeft--;
        totals.crashes[err.message] = (totals.crashes[err.message] ?? 0) + 1;
      }
      // The dead sender's claims must expire before anyone may take them over.
      t += DEFAULT_LEASE_MS + 1000;
      const open =
        [...(await store.listAlerts('pending')), ...(await store.listAlerts('claimed'))].length +
        (await deliveries.listByStatus('claimed')).length;
      if (!crashed && open === 0 && crashesLeft <= 0) break;
    }
    // What each recipient received: (recipient, change id) → Message-IDs, one entry per physical delivery.
    const got = new Map<string, string[]>();
    for (const r of sink.received.filter((x) => x.envelopeTo[0].endsWith(`-${run}@example.org`))) {
      for (const m of (r.mail.text ?? '').matchAll(/Change id: (\S+)/g)) {
        const k = `${r.envelopeTo[0]} ${m[1]}`;
        got.set(k, [...(got.get(k) ?? []), r.mail.messageId!]);
      }
    }
    // Physical re-sends: the same email (same Message-ID) accepted by the server more than once.
    const perMessage = new Map<string, number>();
    for (const r of sink.received.filter((x) => x.envelopeTo[0].endsWith(`-${run}@example.org`)))
      perMessage.set(
        `${r.envelopeTo[0]} ${r.mail.messageId}`,
        (perMessage.get(`${r.envelopeTo[0]} ${r.mail.messageId}`) ?? 0) + 1,
      );
    for (const n of perMessage.values()) totals.resentSameMessageId += n - 1;
    totals.emails += perMessage.size;
    const expected = [
      ...recorded.alerts.map((a) => `all-${run}@example.org ${a.changeId}`),
      ...letters.map((id) => `letters-${run}@example.org ${id}`),
      ...recorded.alerts.map((a) => `daily-${run}@example.org ${a.changeId}`),
    ];
    totals.runs++;
    totals.expected += expected.length;
    let runLost = 0;
    let runDuplicated = 0;
    for (const k of expected) {
      const ids = got.get(k) ?? [];
      if (ids.length === 0) runLost++;
      if (new Set(ids).size > 1) runDuplicated++;
      totals.delivered += ids.length ? 1 : 0;
    }
    totals.lost += runLost;
    totals.duplicated += runDuplicated;
    const extra = [...got.keys()].filter((k) => !expected.includes(k)).length;
    const mine = sink.received.filter((x) => x.envelopeTo[0].endsWith(`-${run}@example.org`));
    const counted = emailFigures(mine, expected);
    for (const k of Object.keys(figures) as (keyof typeof figures)[]) figures[k] += counted[k];
    offContract += Number(runLost > 0 || runDuplicated > 0 || extra > 0);
  }
  process.stdout.write(`crash injection: ${JSON.stringify(totals)}\n`);
  const where = Object.entries(totals.crashes)
    .sort()
    .map(([step, n]) => `${step} ×${n}`)
    .join(', ');
  log.record({
    area: 'crash',
    fault:
      `the sender (immediate alerts, sweeper, daily digests; DynamoDB send records; SMTP) killed at seeded steps ` +
      `over ${RUNS} runs of 1–4 crashes each, each followed by runs past the lease`,
    tried: RUNS,
    expected: 'every (alert or digest item, recipient) arrives; a duplicate only with the same Message-ID',
    observed: `crashed after ${where}; ${totals.rounds} sender runs in all`,
    measured: { ...figures, offContract },
    unmeasured: 'stored items, alerts: the sender alone, over alerts seeded into a fresh table for each run',
  });
  expect(offContract).toBe(0);
  expect(totals.lost).toBe(0);
  expect(totals.duplicated).toBe(0);
  expect(totals.delivered).toBe(totals.expected);
  // Only a crash after the provider accepted and before the mark can cause a re-send (same Message-ID).
  expect(totals.resentSameMessageId).toBeLessThanOrEqual(totals.crashes.accepted ?? 0);
  expect(Object.keys(totals.crashes).sort()).toEqual([...STEPS].sort());
});
