/** watchOnce: one cycle of every source, then delivery of whatever alerts are pending. */
import type { CheckDeps } from './check-source';
import { sendPendingAlerts, type DeliveryReport } from './deliver-alerts';
import type { Mailer } from './ports';
import { runCycle, type CycleInput, type CycleReport } from './run-cycle';

export interface WatchDeps extends CheckDeps {
  mailer: Mailer;
}

export interface WatchInput extends CycleInput {
  from: string;
  to: string[];
}

export async function watchOnce(deps: WatchDeps, input: WatchInput): Promise<CycleReport & { delivery: DeliveryReport }> {
  const cycle = await runCycle(deps, input);
  const delivery = await sendPendingAlerts(deps, { from: input.from, to: input.to });
  return { ...cycle, delivery };
}
