/**
 * The product with a guarantee removed on purpose, from the test side: wrappers around the real
 * store and outbox that drop what the product relies on. No flag in the product does this;
 * the broken-on-purpose test uses them to prove the reliability harness would see the failure.
 */
import type { Delivery } from '../../../lambdas/core/model';
import type { ChangeWrite, Outbox, Store } from '../../../lambdas/core/ports';
import type { WatchDeps } from '../../../lambdas/core/watch-once';

export interface Sabotage {
  /** What was removed, for the report. */
  name: string;
  /**
   * Wraps the ports of a run (already wrapped by a crash plan, when there is one); `onSplit` hears
   * the moment a split write is half done.
   */
  wrap(deps: WatchDeps, onSplit?: () => void): WatchDeps;
}

/** Replaces one method of a port, passing every other one through, bound to the port. */
function replacing<T extends object, K extends keyof T>(port: T, name: K, method: T[K]): T {
  return new Proxy(port, {
    get(target, prop, receiver) {
      if (prop === name) return method;
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * recordChange in two transactions instead of one: the change (with its document head and version),
 * then its alerts. A crash between the two leaves a recorded change that never alerts anyone.
 * `onSplit` hears the moment between them (a crash test aims there).
 */
export function withoutAtomicity(store: Store, onSplit: () => void = () => undefined): Store {
  return replacing(store, 'recordChange', async (write: ChangeWrite) => {
    if (!write.alerts.length) return store.recordChange(write);
    const first = await store.recordChange({ ...write, alerts: [] });
    onSplit();
    if (first === 'written') await store.recordChange({ changes: [], alerts: write.alerts });
    return first;
  });
}

/**
 * Every claim succeeds: the outbox's claim (conditional on the row being due, or its lease over)
 * answers the row even when another sender holds it or it was sent already. Each sender then
 * sends on its own.
 */
export function withoutClaims(outbox: Outbox): Outbox {
  return replacing(outbox, 'claim', async (key, now, leaseMs) => {
    const claimed = await outbox.claim(key, now, leaseMs);
    return claimed ?? { ...(key as Delivery), claimToken: 'sabotaged' };
  });
}

/**
 * A sent row is never marked so: the mark is written with a claim token that is not the row's, so
 * its condition never holds (and says nothing). The row keeps its lease, and once that runs out the
 * sweeper sends it again.
 */
export function withoutSentMark(outbox: Outbox): Outbox {
  return replacing(outbox, 'settle', async (key, token, outcome) => {
    if (outcome.status !== 'sent') return outbox.settle(key, token, outcome);
    await outbox.settle(key, `${token}-stale`, outcome);
    return true;
  });
}

export const SKIP_ATOMICITY: Sabotage = {
  name: 'the change+alert transaction split in two (change first, alerts after)',
  wrap: (deps, onSplit) => ({ ...deps, store: withoutAtomicity(deps.store, onSplit) }),
};

export const SKIP_CLAIMS: Sabotage = {
  name: "the outbox's claim always succeeds",
  wrap: (deps) => ({ ...deps, outbox: withoutClaims(deps.outbox) }),
};

export const SKIP_SENT_MARK: Sabotage = {
  name: 'a delivery row the provider accepted is never marked sent (its mark written with a stale claim token)',
  wrap: (deps) => ({ ...deps, outbox: withoutSentMark(deps.outbox) }),
};
