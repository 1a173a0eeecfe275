/**
 * The product with a guarantee removed on purpose, from the test side: wrappers around the real
 * store and delivery store that drop what the product relies on. No flag in the product does this;
 * the broken-on-purpose test uses them to prove the reliability harness would see the failure.
 */
import type { ChangeWrite, DeliveryStore, Store } from '../../../lambdas/core/ports';
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
 * Every claim succeeds: the alert claim (pending → claimed, conditional on the status) and the send
 * record's claim (conditional on none, a due retry or an expired lease) both report "claimed" even
 * when another sender holds it or it was already sent. Each sender then sends on its own.
 */
export function withoutClaims(store: Store, deliveries: DeliveryStore): { store: Store; deliveries: DeliveryStore } {
  return {
    store: replacing(store, 'updateAlert', async (alertId, from, patch) => {
      const done = await store.updateAlert(alertId, from, patch);
      return patch.status === 'claimed' ? true : done;
    }),
    deliveries: replacing(deliveries, 'claim', async (init, now, leaseMs) => {
      const claim = await deliveries.claim(init, now, leaseMs);
      return claim.outcome === 'claimed' ? claim : { outcome: 'claimed' as const, record: claim.record };
    }),
  };
}

export const SKIP_ATOMICITY: Sabotage = {
  name: 'the change+alert transaction split in two (change first, alerts after)',
  wrap: (deps, onSplit) => ({ ...deps, store: withoutAtomicity(deps.store, onSplit) }),
};

export const SKIP_CLAIMS: Sabotage = {
  name: 'the alert claim and the send-record claim always succeed',
  wrap: (deps) => ({ ...deps, ...withoutClaims(deps.store, deps.deliveries!) }),
};
