/**
 * The checker and sender killed at a random point of a cycle (between fetch, store, the
 * change+alert transaction, the send records in DynamoDB Local and the SMTP send), over seeded
 * runs, then started again: compared with a crash-free run, nothing stored is lost, every email
 * arrives, and the only duplicates are re-sends with the same Message-ID from the one window SMTP
 * cannot close (the server accepted, the process died before the send record said so).
 * `PROCWATCH_SOAK_RUNS` raises the number of seeded runs (npm run test:soak).
 */
import { T1_ALERTS } from '../../support/harness';
import { seededRandom } from '../../support/seeded-random';
import { after, crashScenario, tallyCrashes, type CrashOutcome } from './crash-scenario';
import { receivedPairs } from './observe';
import { ReliabilityLog } from './reliability-report';

const RUNS = Number(process.env.PROCWATCH_SOAK_RUNS ?? 4);
const SEED = Number(process.env.PROCWATCH_SOAK_SEED ?? 7);
const log = new ReliabilityLog('30-crash-recovery');
jest.setTimeout(60_000 + RUNS * 15_000);

let reference: CrashOutcome;
beforeAll(async () => {
  reference = await crashScenario(Infinity, false);
});
afterAll(() => log.flush());

const EXPECTED =
  'the items and emails of a crash-free run (stored: its items → this run’s); a duplicate only as a re-send ' +
  'with the same Message-ID after a crash between the server accepting and the send record';

async function crashRuns(points: [number, boolean][], fault: string) {
  const runs: CrashOutcome[] = [];
  for (const [crashAt, afterCall] of points) runs.push(await crashScenario(crashAt, afterCall));
  const tally = tallyCrashes(reference, runs);
  // The one window SMTP cannot close: the server took the email, the process died before the record said so.
  const window = runs.filter((o) => o.crashedAt?.startsWith('after mailer.send')).length;
  log.record({
    area: 'crash',
    fault,
    tried: points.length,
    expected: EXPECTED,
    observed:
      `crashed ${tally.where}; ${tally.differing} runs differed from the crash-free run; ` +
      `${window} crashes between the SMTP server accepting and the send record`,
    measured: tally.measured,
  });
  return { tally, window };
}

it('the crash-free reference run stores the t0 baseline and the t1 changes and mails each alert once', () => {
  expect(reference.crashedAt).toBeNull();
  // The baseline alert, then t1's.
  const alerts = 1 + T1_ALERTS.length;
  expect(reference.final.alerts).toHaveLength(alerts);
  expect(reference.received).toHaveLength(alerts);
  expect(receivedPairs(reference.received)).toHaveLength(alerts);
  expect(reference.trace).toContain('outbox.expand');
  expect(reference.trace).toContain('outbox.claim');
  expect(reference.trace).toContain('outbox.settle');
});

function expectRecovered({ tally, window }: Awaited<ReturnType<typeof crashRuns>>) {
  const m = tally.measured;
  expect(m.offContract).toBe(0);
  expect(m.lost).toBe(0);
  expect(m.alertsRaised).toBe(m.alertsExpected);
  expect(m.pairsMissing).toBe(0);
  // Every duplicate is the same email again (same Message-ID), and only from the accepted-not-recorded window.
  expect(m.duplicatesByChange).toBe(m.duplicatesByMessageId);
  expect(m.duplicatesByMessageId).toBeLessThanOrEqual(window);
}

it(`${RUNS} seeded crashes anywhere: nothing lost, every email arrives, no duplicate but the SMTP window`, async () => {
  const random = seededRandom(SEED);
  const points = Array.from({ length: RUNS }, (): [number, boolean] => [
    1 + Math.floor(random() * reference.calls),
    random() < 0.5,
  ]);
  const fault =
    `process killed at a seeded random call (of ${reference.calls}) of a t0+t1 cycle and its delivery, ` +
    'before or after the call; then later runs';
  expectRecovered(await crashRuns(points, fault));
});

it('crashes around every send, every settled delivery row and 2 t1 change+alert transactions: recovered', async () => {
  const calls = reference.trace.map((at, i) => ({ at, n: i + 1 }));
  const sends = calls.filter((c) => c.at === 'mailer.send');
  const t1Start = reference.trace.indexOf('fetcher.get', sends[0]?.n ?? 0);
  const writes = calls.filter((c) => c.at === 'store.recordChange' && c.n > t1Start);
  const pick = seededRandom(SEED + 1);
  const chosenWrites = writes.filter(() => pick() < 0.4).slice(0, 2);
  const points: [number, boolean][] = [
    [sends[0].n, false],
    ...sends.map((c): [number, boolean] => [c.n, true]),
    ...after(reference.trace, 'outbox.settle'),
    ...chosenWrites.map((c): [number, boolean] => [c.n, true]),
  ];
  const fault =
    `process killed just before the first send, just after each of the ${sends.length} sends (server accepted, ` +
    `not yet recorded), after each delivery row settled, and after ${chosenWrites.length} t1 change+alert ` +
    'transactions';
  const result = await crashRuns(points, fault);
  expectRecovered(result);
  expect(result.window).toBe(sends.length);
});
