/**
 * One crash scenario: the t0 and t1 cycles (with their delivery over SMTP, the outbox in
 * DynamoDB Local), killed at the Nth call to any port, then run again later (past every lease)
 * until the work is done. What it leaves is compared with a crash-free reference run by what can
 * be seen from outside: the items read back from the table and the emails the server received.
 */
import type { WatchDeps } from '../../../lambdas/core/watch-once';
import { CrashError, CrashPlan } from '../../support/crash-points';
import type { Received } from '../../support/smtp-sink';
import { emailFigures, lostBetween, receivedPairs, storeFigures, type Snapshot } from './observe';
import type { Measured } from './reliability-report';
import { startReliabilityHarness } from './reliability-harness';
import type { Sabotage } from './sabotage';

const STEPS = ['t0', 't1'];

export interface CrashOutcome {
  crashedAt: string | null;
  calls: number;
  /** Every port call of the run, in order (`store.recordChange`, `outbox.settle`…). */
  trace: string[];
  /** Call numbers at which a split write (sabotage) was half done. */
  splits: number[];
  final: Snapshot;
  received: Received[];
}

/** Later runs come hours later: past any claim's lease, as a sweeper run after a crash would. */
const later = (hours: number) => ({
  now: () => new Date(Date.now() + hours * 3_600_000),
  sleep: async () => undefined,
});

export async function crashScenario(crashAt: number, afterCall: boolean, sabotage?: Sabotage): Promise<CrashOutcome> {
  const h = await startReliabilityHarness();
  const plan = new CrashPlan(crashAt, afterCall);
  const splits: number[] = [];
  try {
    const broken = (d: WatchDeps, onSplit?: () => void) => (sabotage ? sabotage.wrap(d, onSplit) : d);
    const clean = (hours: number): WatchDeps => broken({ ...h.deps(), clock: later(hours) });
    const base = h.deps();
    const faulty = broken(
      {
        ...base,
        store: plan.wrap('store', base.store),
        fetcher: plan.wrap('fetcher', base.fetcher),
        mailer: plan.wrap('mailer', base.mailer),
        outbox: plan.wrap('outbox', base.outbox),
        subscriberStore: plan.wrap('subscribers', base.subscriberStore),
      },
      () => splits.push(plan.calls),
    );
    let hours = 0;
    for (const step of STEPS) {
      try {
        await h.cycle(step, plan.crashed ? clean(hours) : faulty);
      } catch (err) {
        if (!(err instanceof CrashError)) throw err;
        hours += 1;
        await h.cycle(step, clean(hours));
      }
    }
    // One more run of the last step finds nothing new, and sweeps whatever a crash left claimed.
    await h.cycle(undefined, clean(hours + 2));
    return {
      crashedAt: plan.crashedAt,
      calls: plan.calls,
      trace: plan.trace,
      splits,
      final: await h.snapshot(),
      received: h.received(),
    };
  } finally {
    await h.close();
  }
}

export interface CrashTally {
  /** `offContract`: runs that lost something, missed an email, or duplicated one outside the SMTP window. */
  measured: Required<Measured>;
  /** Where the crashes fell: "after store ×2, before mailer ×1". */
  where: string;
  /** Runs whose figures differ from the reference in any way. */
  differing: number;
}

/** Sums, over crashed runs, what each lost or doubled against the crash-free reference. */
export function tallyCrashes(reference: CrashOutcome, runs: CrashOutcome[]): CrashTally {
  const where = new Map<string, number>();
  const expectedPairs = receivedPairs(reference.received);
  const m: CrashTally['measured'] = {
    storedBefore: 0,
    storedAfter: 0,
    lost: 0,
    alertsExpected: 0,
    alertsRaised: 0,
    pairsExpected: 0,
    emailsReceived: 0,
    pairsMissing: 0,
    duplicatesByChange: 0,
    duplicatesByMessageId: 0,
    offContract: 0,
  };
  let differing = 0;
  for (const o of runs) {
    const kind = (o.crashedAt ?? 'none').replace(/^(before|after) (\w+)\..*$/, '$1 $2');
    where.set(kind, (where.get(kind) ?? 0) + 1);
    const store = storeFigures(reference.final, o.final);
    const mail = emailFigures(o.received, expectedPairs);
    // A crash after the server accepted and before the send record may re-send that one email, same Message-ID.
    const window = o.crashedAt?.startsWith('after mailer.send') ? 1 : 0;
    const extraItems = lostBetween(o.final, reference.final).length;
    const run = {
      ...store,
      alertsExpected: reference.final.alerts.length,
      alertsRaised: o.final.alerts.length,
      ...mail,
      offContract: Number(
        store.lost > 0 ||
          extraItems > 0 ||
          o.final.alerts.length !== reference.final.alerts.length ||
          mail.pairsMissing > 0 ||
          mail.duplicatesByChange > mail.duplicatesByMessageId ||
          mail.duplicatesByMessageId > window,
      ),
    };
    for (const k of Object.keys(m) as (keyof typeof m)[]) m[k] += run[k];
    if (run.offContract || run.duplicatesByChange || run.emailsReceived !== reference.received.length) differing++;
  }
  return { measured: m, where: [...where].map(([k, n]) => `${k} ×${n}`).join(', '), differing };
}

/** The crash points of a run's trace: just after every call named `at` (e.g. `outbox.settle`). */
export function after(trace: string[], at: string): [number, boolean][] {
  return trace.flatMap((name, i): [number, boolean][] => (name === at ? [[i + 1, true]] : []));
}
