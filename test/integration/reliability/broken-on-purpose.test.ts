/**
 * Proof that the reliability harness can see a failure: the crash and concurrency scenarios of
 * crash-recovery and store-faults, counted the same way, with a guarantee removed on purpose from
 * the test side (sabotage.ts). The figures go to docs/reliability-broken-on-purpose.md, and this
 * test asserts they are not zero. The same crash points on the intact product are rows of
 * docs/reliability.md, where they count nothing lost and no duplicate but the SMTP window.
 */
import { concurrentCycles } from './concurrency-scenario';
import { after, crashScenario, tallyCrashes, type CrashOutcome } from './crash-scenario';
import { ReliabilityLog } from './reliability-report';
import { SKIP_ATOMICITY, SKIP_CLAIMS, SKIP_SENT_MARK } from './sabotage';

const log = new ReliabilityLog('90-broken-on-purpose', 'broken');
jest.setTimeout(240_000);

let reference: CrashOutcome;
beforeAll(async () => {
  // The intact product, crash-free: what every broken run is compared with.
  reference = await crashScenario(Infinity, false);
});
afterAll(() => log.flush());

async function brokenCrashRuns(points: [number, boolean][], sabotage: typeof SKIP_ATOMICITY) {
  const runs: CrashOutcome[] = [];
  for (const [n, afterCall] of points) runs.push(await crashScenario(n, afterCall, sabotage));
  return tallyCrashes(reference, runs);
}

it('without the change+alert transaction, a crash between the two writes loses alerts and emails', async () => {
  // A crash-free run of the broken product finds where its split writes are half done.
  const probe = await crashScenario(Infinity, false, SKIP_ATOMICITY);
  const points = probe.splits.map((n): [number, boolean] => [n, true]);
  const tally = await brokenCrashRuns(points, SKIP_ATOMICITY);
  log.record({
    area: 'crash',
    fault: `${SKIP_ATOMICITY.name}; process killed between its two writes, once per change with alerts`,
    tried: points.length,
    expected: 'a correct product: nothing lost, every email arrives (as in reliability.md)',
    observed: `crashed ${tally.where}; ${tally.differing} runs differed from the crash-free run of the intact product`,
    measured: tally.measured,
  });
  expect(points.length).toBeGreaterThan(0);
  expect(tally.measured.lost).toBeGreaterThan(0);
  expect(tally.measured.alertsRaised).toBeLessThan(tally.measured.alertsExpected);
  expect(tally.measured.pairsMissing).toBeGreaterThan(0);
  expect(tally.measured.offContract).toBe(points.length);
});

it('without marking a row sent, a crash after the send leaves it to the sweeper, which sends it again', async () => {
  const probe = await crashScenario(Infinity, false, SKIP_SENT_MARK);
  const points = after(probe.trace, 'outbox.settle');
  const tally = await brokenCrashRuns(points, SKIP_SENT_MARK);
  log.record({
    area: 'crash',
    fault: `${SKIP_SENT_MARK.name}; process killed just after each of the ${points.length} rows was settled`,
    tried: points.length,
    expected: 'a correct product: no duplicate (the sweeper finds the row sent), as in reliability.md',
    observed: `crashed ${tally.where}; ${tally.differing} runs differed from the crash-free run of the intact product`,
    measured: tally.measured,
  });
  expect(points.length).toBeGreaterThan(0);
  expect(tally.measured.duplicatesByChange).toBeGreaterThan(0);
  expect(tally.measured.duplicatesByMessageId).toBeGreaterThan(0);
  expect(tally.measured.offContract).toBe(points.length);
});

it.each([2, 3])('without the claims, %i cycles racing on the same alerts each mail them', async (n) => {
  const o = await concurrentCycles(n, SKIP_CLAIMS);
  log.record({
    area: 'concurrency',
    fault: `${SKIP_CLAIMS.name}; ${n} watch cycles started at once, each holding the same pending alerts`,
    tried: n,
    expected: 'a correct product: each alert mailed once (as in reliability.md)',
    observed: o.observed,
    measured: o.measured,
  });
  expect(o.measured.duplicatesByChange).toBe((n - 1) * o.measured.pairsExpected);
  expect(o.measured.emailsReceived).toBe(n * o.measured.pairsExpected);
  expect(o.measured.offContract).toBe(1);
});
