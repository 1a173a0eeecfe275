/**
 * One writer per store at a time: a cycle takes a lease on the store's `cycle` lock before its first
 * write, extends it while it writes, and releases it when it ends. A cycle that writes nothing (the
 * usual quiet cycle) never takes it, so quiet cycles stay free of writes. A second cycle that needs
 * to write while the first holds the lease waits up to `waitMs`, then writes nothing more and says so
 * in one sentence (an outcome, not a failure): its sources' state is untouched, so their next run
 * finds the same changes (the holder may be another schedule group's function, which checks other
 * sources). A crashed holder's lease simply runs out.
 */
import { ProcwatchError } from './errors';
import type { CheckStore, Clock, Leases } from './ports';

export const LOCK_NAME = 'cycle';

export interface CycleLockOptions {
  leases: Leases;
  /** This cycle's id (its run id): who holds the lease. */
  owner: string;
  clock: Clock;
  /** How long a lease lasts unless extended (the checker Lambda's timeout). */
  leaseMs: number;
  /** How long to wait for another cycle's lease before leaving the work to it. */
  waitMs: number;
  pollMs?: number;
}

/** Another cycle holds the store's lease: this one did not write. */
export class StoreBusyError extends ProcwatchError {
  constructor(message: string) {
    super('busy', message);
  }
}

export interface LockedStore {
  store: CheckStore;
  release(): Promise<void>;
}

export function lockWrites(inner: CheckStore, o: CycleLockOptions): LockedStore {
  let heldSince: number | null = null;
  const ensure = async (): Promise<void> => {
    const now = o.clock.now().getTime();
    // Extended halfway through its lease, so a long cycle never loses it while writing.
    if (heldSince !== null && now - heldSince < o.leaseMs / 2) return;
    const deadline = now + o.waitMs;
    for (;;) {
      const at = o.clock.now();
      const taken = await o.leases.acquire(LOCK_NAME, o.owner, at, o.leaseMs);
      if (taken.acquired) {
        heldSince = at.getTime();
        return;
      }
      if (at.getTime() >= deadline) {
        const { owner, since } = taken.holder;
        throw new StoreBusyError(
          `Another run (${owner}, writing since ${since}) holds the store, so this run wrote nothing more: ` +
            'its sources are checked again on their next run.',
        );
      }
      await o.clock.sleep(o.pollMs ?? 500);
    }
  };
  const store: CheckStore = {
    getSourceState: (id) => inner.getSourceState(id),
    putSourceState: async (state) => {
      await ensure();
      return inner.putSourceState(state);
    },
    listDocuments: (id) => inner.listDocuments(id),
    getDocument: (id) => inner.getDocument(id),
    getVersion: (id, v) => inner.getVersion(id, v),
    listVersions: (id) => inner.listVersions(id),
    recordChange: async (write) => {
      await ensure();
      return inner.recordChange(write);
    },
  };
  return {
    store,
    async release() {
      if (heldSince !== null) await o.leases.release(LOCK_NAME, o.owner);
      heldSince = null;
    },
  };
}
