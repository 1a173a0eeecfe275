/**
 * What the send-alerts Lambda costs per run, measured on the cycle bench's table: one run that
 * delivers everything the cycles left pending (through the file outbox), then one quiet run, the
 * kind almost every 5-minute invocation is. Each run also looks for stale schedule groups, as the
 * handler does, since that look is what may write a Problems line on a quiet run.
 */
import type { Runtime } from '../lambdas/composition';
import type { Config } from '../lambdas/config';
import { scheduleOf } from '../lambdas/config-catalog';
import { runDelivery } from '../lambdas/core/run-delivery';
import { findStaleGroups } from '../lambdas/core/stale-groups';

export interface DeliveryRun {
  messages: number;
  rcu: number;
  wcu: number;
  ms: number;
  logBytes: number;
  problemLines: number;
}

type Measure = (
  task: () => Promise<number>,
) => Promise<{ alerts: number; rcu: number; wcu: number; ms: number; logBytes: number; problemLines: number }>;

export async function deliveryRuns(
  rt: Runtime,
  config: Config,
  measure: Measure,
): Promise<{ busy: DeliveryRun; quiet: DeliveryRun }> {
  const input = {
    from: config.alerts.from,
    to: config.alerts.to,
    unsubscribe: { baseUrl: 'https://watch.example.org/unsubscribe', secret: 'bench-unsubscribe-secret-0123456789' },
    sourceNames: config.sources.map((s) => ({ id: s.id, name: s.name })),
  };
  const groups = { sources: config.sources, schedules: scheduleOf(config) };
  const run = async (): Promise<DeliveryRun> => {
    const m = await measure(async () => {
      const { messages } = await runDelivery(rt, input);
      await findStaleGroups({ store: rt.store, clock: rt.clock, metrics: rt.metrics }, groups);
      return messages;
    });
    return {
      messages: m.alerts,
      rcu: m.rcu,
      wcu: m.wcu,
      ms: m.ms,
      logBytes: m.logBytes,
      problemLines: m.problemLines,
    };
  };
  const busy = await run();
  return { busy, quiet: await run() };
}
