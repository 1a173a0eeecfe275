/**
 * Crash injection on the DynamoDB outbox, through the runtime the Lambdas and the CLI use
 * (openRuntime): delivery is stopped (an exception thrown from its step hook, as a killed process
 * would stop) at a seeded step — after an alert's expansion, after a row's claim, after the SMTP
 * server accepted, after the row was settled — then time passes beyond the lease and delivery
 * runs again, possibly crashing again. Counted from what a real SMTP server received: every
 * (alert or digest item, recipient) pair arrives, none twice, and a physical re-send (same
 * Message-ID) only follows a crash between "accepted" and "settled".
 */
import { SmtpMailer } from '../../../lambdas/adapters/mail/smtp-mailer';
import type { DeliveryStep } from '../../../lambdas/core/delivery-context';
import { DEFAULT_LEASE_MS } from '../../../lambdas/core/delivery-rows';
import { runDelivery } from '../../../lambdas/core/run-delivery';
import { londonTime, type Subscriber } from '../../../lambdas/core/subscribers';
import { recordRealAlerts, runtimeOn, seed, type Recorded } from './seeded-alerts';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { seededRandom } from '../../support/seeded-random';
import { emailFigures } from '../reliability/observe';
import { ReliabilityLog } from '../reliability/reliability-report';

const RUNS = 24;
const STEPS: DeliveryStep[] = ['expanded', 'claimed', 'accepted', 'settled'];

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

/** (recipient, change id) → Message-IDs, one entry per physical delivery to this run's recipients. */
function receivedBy(run: number) {
  const mine = sink.received.filter((x) => x.envelopeTo[0].endsWith(`-${run}@example.org`));
  const got = new Map<string, string[]>();
  const perMessage = new Map<string, number>();
  for (const r of mine) {
    for (const m of (r.mail.text ?? '').matchAll(/Change id: (\S+)/g)) {
      const k = `${r.envelopeTo[0]} ${m[1]}`;
      got.set(k, [...(got.get(k) ?? []), r.mail.messageId!]);
    }
    const k = `${r.envelopeTo[0]} ${r.mail.messageId}`;
    perMessage.set(k, (perMessage.get(k) ?? 0) + 1);
  }
  return { mine, got, perMessage };
}

it(`delivers every alert and digest item once across ${RUNS} seeded runs with crashes at every step`, async () => {
  const totals = { runs: 0, crashes: {} as Record<string, number>, expected: 0, delivered: 0, emails: 0 };
  const counts = { lost: 0, duplicated: 0, resentSameMessageId: 0, rounds: 0 };
  const figures = {
    pairsExpected: 0,
    emailsReceived: 0,
    pairsMissing: 0,
    duplicatesByChange: 0,
    duplicatesByMessageId: 0,
  };
  let offContract = 0;
  const letters = recorded.alerts.filter((a) => a.type === 'new-correspondence').map((a) => a.changeId);
  const raised = Math.max(...recorded.alerts.map((a) => Date.parse(a.createdAt)));
  for (let run = 1; run <= RUNS; run++) {
    const random = seededRandom(run * 7919);
    const store = await seed(recorded, 'crash');
    let t = raised + 60_000;
    const clock = { now: () => new Date(t), sleep: async (ms: number) => void (t += ms) };
    const rt = await runtimeOn(store, mailer, clock);
    // The digest is due within the hour after the alerts, so the rounds below reach it.
    const digestHour = (londonTime(new Date(raised)).hour + 1) % 24;
    const subscribers: Subscriber[] = [
      { email: `all-${run}@example.org`, frequency: 'immediate' },
      { email: `letters-${run}@example.org`, frequency: 'immediate', types: ['new-correspondence'] },
      { email: `daily-${run}@example.org`, frequency: 'daily', digestHour },
    ];
    let crashesLeft = 1 + Math.floor(random() * 4);
    try {
      for (let round = 0; round < 40; round++) {
        counts.rounds++;
        const target =
          crashesLeft > 0
            ? { step: STEPS[Math.floor(random() * STEPS.length)], nth: 1 + Math.floor(random() * 4) }
            : null;
        let seen = 0;
        let crashed = false;
        try {
          await runDelivery(
            {
              ...rt,
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
          (await rt.outbox.listUnexpanded()).length + (await rt.outbox.listDue(new Date(t + 86_400_000))).length;
        if (!crashed && open === 0 && crashesLeft <= 0) break;
      }
    } finally {
      await rt.close();
    }
    const { mine, got, perMessage } = receivedBy(run);
    for (const n of perMessage.values()) counts.resentSameMessageId += n - 1;
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
    counts.lost += runLost;
    counts.duplicated += runDuplicated;
    const extra = [...got.keys()].filter((k) => !expected.includes(k)).length;
    const counted = emailFigures(mine, expected);
    for (const k of Object.keys(figures) as (keyof typeof figures)[]) figures[k] += counted[k];
    offContract += Number(runLost > 0 || runDuplicated > 0 || extra > 0);
  }
  process.stdout.write(`crash injection: ${JSON.stringify({ ...totals, ...counts })}\n`);
  const where = Object.entries(totals.crashes)
    .sort()
    .map(([step, n]) => `${step} ×${n}`)
    .join(', ');
  log.record({
    area: 'crash',
    fault:
      `delivery through the Lambdas' runtime (expansion into DynamoDB outbox rows, immediate alerts, daily digests, ` +
      `SMTP) killed at seeded steps over ${RUNS} runs of 1–4 crashes each, each followed by runs past the lease`,
    tried: RUNS,
    expected: 'every (alert or digest item, recipient) arrives; a duplicate only with the same Message-ID',
    observed:
      `crashed after ${where}; ${counts.rounds} delivery runs in all; ` +
      `${counts.resentSameMessageId} re-sends with the same Message-ID`,
    measured: { ...figures, offContract },
    unmeasured: 'stored items, alerts: delivery alone, over alerts seeded into a fresh table for each run',
  });
  expect(offContract).toBe(0);
  expect(counts.lost).toBe(0);
  expect(counts.duplicated).toBe(0);
  expect(totals.delivered).toBe(totals.expected);
  // Only a crash after the provider accepted and before the row was settled can cause a re-send (same Message-ID).
  expect(counts.resentSameMessageId).toBeLessThanOrEqual(totals.crashes.accepted ?? 0);
  expect(Object.keys(totals.crashes).sort()).toEqual([...STEPS].sort());
});
