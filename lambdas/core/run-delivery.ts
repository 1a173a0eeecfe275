/** runDelivery: what `procwatch send` and the send-alerts Lambda do — immediate alerts (with the sweeper), then due digests. */
import {
  deliveryContext,
  sendPendingAlerts,
  type DeliverDeps,
  type DeliverInput,
  type DeliveryReport,
} from './deliver-alerts';
import { sendDueDigests } from './send-digests';

export async function runDelivery(deps: DeliverDeps, input: DeliverInput): Promise<DeliveryReport> {
  const ctx = deliveryContext(deps, input);
  await sendPendingAlerts(deps, input, ctx);
  await sendDueDigests(deps, input, ctx);
  return ctx.report;
}
