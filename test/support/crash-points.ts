/**
 * Kills a run at its Nth call to a port, as a process killed at that point would stop: the Nth
 * call throws a CrashError either before it reaches the adapter or just after it returned (its
 * effect happened, its result is lost), and every later call of the dead run throws too. A
 * CrashError is not one of the product's errors, so nothing in the product may swallow it.
 */
export class CrashError extends Error {
  constructor(readonly at: string) {
    super(`crash injected at ${at}`);
    this.name = 'CrashError';
  }
}

export class CrashPlan {
  calls = 0;
  crashedAt: string | null = null;
  /** Every call, in order: `store.recordChange`, `fetcher.get`, `mailer.send`… */
  readonly trace: string[] = [];

  /** `crashAt` counts from 1; Infinity never crashes (a counting run). */
  constructor(
    readonly crashAt: number,
    readonly afterCall = false,
  ) {}

  get crashed(): boolean {
    return this.crashedAt !== null;
  }

  /** Wraps every method of a port; properties pass through. */
  wrap<T extends object>(name: string, port: T): T {
    // An arrow `get`, so the plan is reached through the closure, not as the Proxy handler's `this`.
    const plan = () => this;
    return new Proxy(port, {
      get: (target, prop, receiver) => {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function' || typeof prop !== 'string') return value;
        return async (...args: unknown[]) => {
          const at = `${name}.${prop}`;
          if (plan().crashed) throw new CrashError(`${at} (after the crash)`);
          plan().calls++;
          plan().trace.push(at);
          if (plan().calls === plan().crashAt && !plan().afterCall) {
            const where = `before ${at}`;
            plan().crashedAt = where;
            throw new CrashError(where);
          }
          const result = await (value as (...a: unknown[]) => unknown).apply(target, args);
          if (plan().calls === plan().crashAt && plan().afterCall) {
            const where = `after ${at}`;
            plan().crashedAt = where;
            throw new CrashError(where);
          }
          return result;
        };
      },
    });
  }
}
