/** watchOnce: one cycle of every source, then delivery of whatever is due. */
import type { DeliverDeps, DeliverInput, DeliveryReport } from './delivery-context';
import { runDelivery } from './run-delivery';
import { runCycle, type CycleDeps, type CycleInput, type CycleReport } from './run-cycle';

/** The cycle's store serves delivery too: it needs both views of it. */
export type WatchDeps = CycleDeps & Omit<DeliverDeps, 'clock' | 'logger'>;

export type WatchInput = CycleInput & DeliverInput;

export async function watchOnce(
  deps: WatchDeps,
  input: WatchInput,
): Promise<CycleReport & { delivery: DeliveryReport }> {
  const cycle = await runCycle(deps, input);
  const delivery = await runDelivery(deps, input);
  return { ...cycle, delivery };
}
