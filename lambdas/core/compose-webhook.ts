/**
 * A claimed webhook row as the POST it is: the alert rendered in the hook's format, a delivery id
 * that stays the same across retries and re-sends of the row (receivers dedupe by it), and, when
 * the hook has a secret, a signature over this try's timestamp and the exact body.
 */
import { blockContext, itemsOf, whyNotSent } from './compose-delivery';
import type { DeliverDeps, DeliverInput } from './delivery-context';
import { stableId } from './ids';
import type { Alert, Delivery, DeliveryKey } from './model';
import type { OutgoingWebhook } from './ports';
import { systemClock } from './ports';
import { renderWebhook } from './render-webhook';
import { matchedKeywords, webhookRecipient, type Subscriber, type Webhook } from './subscribers';
import { DELIVERY_ID_HEADER, SIGNATURE_HEADER, signWebhook } from './webhook-signature';

export type ComposedWebhook = { request: OutgoingWebhook; alerts: Alert[] } | { skip: string };

/** `<alert id>.<hash of the hook>[.g<n>]`: one id per row and generation. */
export function webhookDeliveryId(k: Pick<DeliveryKey, 'subjectId' | 'recipient' | 'generation'>): string {
  return `${k.subjectId}.${stableId(k.recipient).slice(0, 12)}${k.generation > 0 ? `.g${k.generation}` : ''}`;
}

/** The subscriber whose webhook a row's recipient (`webhook:<id>`) names, and that webhook. */
export function hookOwner(people: Subscriber[], recipient: string): { person?: Subscriber; hook?: Webhook } {
  for (const person of people)
    for (const hook of person.webhooks ?? []) if (webhookRecipient(hook.id) === recipient) return { person, hook };
  return {};
}

export async function composeWebhook(
  deps: Pick<DeliverDeps, 'store' | 'clock'>,
  input: DeliverInput,
  row: Delivery,
  people: Subscriber[],
): Promise<ComposedWebhook> {
  const { person, hook } = hookOwner(people, row.recipient);
  if (!person || !hook) return { skip: 'not sent: the webhook is no longer in the configuration' };
  const why = whyNotSent(person);
  if (why) return { skip: why };
  const [item] = await itemsOf(deps, row);
  if (!item) return { skip: 'not sent: the alert it carries is gone from the store' };
  const deliveryId = webhookDeliveryId(row);
  const highlight = matchedKeywords(person, item.change);
  const body = JSON.stringify(renderWebhook(hook.format, deliveryId, { ...item, highlight }, blockContext(input)));
  const at = (deps.clock ?? systemClock).now();
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    [DELIVERY_ID_HEADER]: deliveryId,
    ...(hook.secret ? { [SIGNATURE_HEADER]: signWebhook(hook.secret, body, at) } : {}),
  };
  return { request: { url: hook.url, body, headers, deliveryId }, alerts: [item.alert] };
}
