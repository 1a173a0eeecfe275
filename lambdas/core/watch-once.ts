/** watchOnce: one cycle of every source, then delivery of whatever alerts are pending. */
import { sendPendingAlerts, type DeliverInput, type DeliveryReport } from './deliver-alerts';
import type { DeliveryStore, Mailer } from './ports';
import { runCycle, type CycleDeps, type CycleInput, type CycleReport } from './run-cycle';

export interface WatchDeps extends CycleDeps {
  mailer: Mailer;
  /** Persistent send records (exactly-once across runs); in memory for this run when absent. */
  deliveries?: DeliveryStore;
}

export interface WatchInput extends CycleInput {
  from: string;
  to: string[];
  subscribers?: DeliverInput['subscribers'];
  unsubscribe?: DeliverInput['unsubscribe'];
}

export async function watchOnce(
  deps: WatchDeps,
  input: WatchInput,
): Promise<CycleReport & { delivery: DeliveryReport }> {
  const cycle = await runCycle(deps, input);
  const delivery = await sendPendingAlerts(deps, {
    from: input.from,
    to: input.to,
    subscribers: input.subscribers,
    unsubscribe: input.unsubscribe,
  });
  return { ...cycle, delivery };
}
