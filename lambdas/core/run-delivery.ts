/**
 * runDelivery: what `procwatch send`, `procwatch run` and the send-alerts Lambda do — expand new
 * alerts into delivery rows, then send every row that is due (the sweeper's work included).
 */
import { sendDueDeliveries } from './deliver-alerts';
import {
  emptyReport,
  subscribedPeople,
  type DeliverDeps,
  type DeliverInput,
  type DeliveryReport,
} from './delivery-context';
import { expandAlerts } from './expand-alerts';

export async function runDelivery(deps: DeliverDeps, input: DeliverInput): Promise<DeliveryReport> {
  const report = emptyReport();
  // Subscriber states are read once, and only when a run has work: a quiet run makes two queries.
  const people = subscribedPeople(deps, input);
  await expandAlerts(deps, people, report);
  await sendDueDeliveries(deps, input, people, report);
  return report;
}
