/**
 * The runtime's store with its writes counted: a cycle run through it (`harness.cycle(step, deps)`)
 * tells a test how many items it wrote, read back from the calls the real DynamoDB store received.
 */
import type { Runtime } from '../../lambdas/composition';

const WRITES = /^(put|record|delete|update|save|mark|claim|release)/;

export function countingWrites(runtime: Runtime): { deps: Runtime; writes: string[] } {
  const writes: string[] = [];
  const store = new Proxy(runtime.store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (WRITES.test(String(prop))) writes.push(String(prop));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { deps: { ...runtime, store }, writes };
}
