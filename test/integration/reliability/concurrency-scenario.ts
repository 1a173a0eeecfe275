/**
 * N watch cycles started at once on the t1 changes, held at a rendezvous until every one of them
 * has expanded (or found expanded) the new alerts and is about to list what is due, and at a second
 * one until every one has read that list, so all N really try to deliver the same rows at the same
 * time (without the first, one cycle may finish before the next one looks; without the second, on
 * a loaded machine one cycle may settle a row before another's query runs, and the race is partial).
 */
import type { Outbox } from '../../../lambdas/core/ports';
import type { WatchDeps } from '../../../lambdas/core/watch-once';
import { alertsRaised, emailFigures, halfWritten, storeFigures } from './observe';
import type { Measured } from './reliability-report';
import { EXPECTED_T1, expectedPairs, startReliabilityHarness } from './reliability-harness';
import type { Sabotage } from './sabotage';

/** A gate that opens once `n` callers arrived, or when any participant gives up (so none waits forever). */
export function rendezvous(n: number): { arrive(): Promise<void>; release(): void } {
  let arrived = 0;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return {
    async arrive() {
      if (++arrived >= n) open();
      await gate;
    },
    release: () => open(),
  };
}

/** The outbox, with `listDue` waiting at one gate before it reads (every cycle has expanded by then) and at another after. */
function heldAtListing(outbox: Outbox, gates: ReturnType<typeof rendezvous>[]): Outbox {
  return new Proxy(outbox, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop !== 'listDue') return (value as (...a: unknown[]) => unknown).bind(target);
      return async (...args: Parameters<Outbox['listDue']>) => {
        await gates[0].arrive();
        const due = await target.listDue(...args);
        await gates[1].arrive();
        return due;
      };
    },
  });
}

export interface ConcurrencyOutcome {
  measured: Required<Measured>;
  observed: string;
  halfWritten: string[];
  alertTypes: string[];
}

export async function concurrentCycles(n: number, sabotage?: Sabotage): Promise<ConcurrencyOutcome> {
  const h = await startReliabilityHarness();
  try {
    await h.cycle('t0');
    const before = await h.snapshot();
    const mark = h.received().length;
    h.replay.setStep('t1');
    const gates = [rendezvous(n), rendezvous(n)];
    const deps = (): WatchDeps => {
      const d = { ...h.deps(), outbox: heldAtListing(h.runtime.outbox, gates) };
      return sabotage ? sabotage.wrap(d) : d;
    };
    const release = () => gates.forEach((g) => g.release());
    await Promise.all(Array.from({ length: n }, () => h.cycle(undefined, deps()).finally(release)));
    const after = await h.snapshot();
    const raised = alertsRaised(before, after);
    const alerting = after.changes.filter((c) => EXPECTED_T1.includes(c.type));
    const emails = emailFigures(
      h.received().slice(mark),
      expectedPairs(
        h,
        alerting.map((c) => c.changeId),
      ),
    );
    return {
      measured: {
        ...storeFigures(before, after),
        alertsExpected: EXPECTED_T1.length,
        alertsRaised: raised.length,
        ...emails,
        // The race is one try of the contract: broken if an email was doubled or missed, or the alerts differ.
        offContract: Number(
          emails.duplicatesByChange > 0 || emails.pairsMissing > 0 || raised.length !== EXPECTED_T1.length,
        ),
      },
      observed: `${n} cycles held until all were about to list what is due; ${alerting.length} t1 changes recorded`,
      halfWritten: halfWritten(after),
      alertTypes: raised.map((a) => a.type).sort(),
    };
  } finally {
    await h.close();
  }
}
