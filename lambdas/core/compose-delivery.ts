/**
 * A claimed row as the email it is: its alerts and changes read back and rendered for its
 * recipient (their matched keywords, their unsubscribe link, people-readable names, the change's
 * page), or the reason it must not go (the person unsubscribed, was suppressed, or left the config).
 */
import { changePageUrl } from './change-links';
import type { DeliverDeps, DeliverInput, UnsubscribeLinks } from './delivery-context';
import { deliveryTags, digestDay, messageIdFor } from './delivery-rows';
import type { Alert, Change, Delivery } from './model';
import type { OutgoingMessage } from './ports';
import { systemClock } from './ports';
import { renderAlert, safeHeader, SLUG_NAMES, type BlockContext, type WatchedSource } from './render-alert';
import { renderDigest, type DigestItem } from './render-digest';
import { matchedKeywords, type Subscriber } from './subscribers';
import { createUnsubscribeToken } from './unsubscribe-token';

export type Composed = { message: OutgoingMessage; alerts: Alert[] } | { skip: string };

/** RFC 8058 one-click headers and the link shown in the body. */
export function unsubscribeFor(
  links: UnsubscribeLinks | undefined,
  recipient: string,
  at: Date,
): { url?: string; headers: Record<string, string> } {
  if (!links) return { headers: {} };
  const token = createUnsubscribeToken(recipient, links.secret, at);
  const url = `${links.baseUrl}${links.baseUrl.includes('?') ? '&' : '?'}token=${token}`;
  const list = [`<${url}>`, ...(links.mailto ? [`<mailto:${links.mailto}?subject=unsubscribe>`] : [])].join(', ');
  return { url, headers: { 'List-Unsubscribe': list, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } };
}

/** Sources by their configured `name`, threads by their parties, the change's page when there is a public URL. */
export function blockContext(input: Pick<DeliverInput, 'sourceNames' | 'publicUrl'>): BlockContext {
  const names = new Map((input.sourceNames ?? []).map((s) => [s.id, s.name ?? s.id]));
  const base = input.publicUrl;
  return {
    names: { source: (id) => names.get(id) ?? (id === 'all' ? 'every watched source' : id), thread: SLUG_NAMES.thread },
    pageUrl: base ? (id) => changePageUrl(base, id) : undefined,
  };
}

export async function composeDelivery(
  deps: Pick<DeliverDeps, 'store' | 'clock'>,
  input: DeliverInput,
  row: Delivery,
  person: Subscriber | undefined,
): Promise<Composed> {
  if (!person) return { skip: 'not sent: the address is no longer a subscriber' };
  if (person.suppressedAt) return { skip: `not sent: the address is suppressed (${person.suppressedReason})` };
  if (person.unsubscribedAt) return { skip: `not sent: unsubscribed on ${person.unsubscribedAt.slice(0, 10)}` };
  const items: { alert: Alert; change: Change }[] = [];
  for (const id of row.alertIds) {
    const alert = await deps.store.getAlert(id);
    const change = alert ? await deps.store.getChange(alert.changeId) : null;
    if (alert && change) items.push({ alert, change });
  }
  if (!items.length) return { skip: 'not sent: the alerts it carries are gone from the store' };
  const watched = items[0].alert.type === 'baseline' ? await watchedSources(deps, input) : undefined;
  return renderRow(deps, input, row, person, items, watched);
}

/** The rendering half, also what `procwatch preview` shows. */
export function renderRow(
  deps: Pick<DeliverDeps, 'clock'>,
  input: DeliverInput,
  row: Pick<Delivery, 'subjectId' | 'recipient' | 'channel' | 'generation' | 'kind'>,
  person: Subscriber,
  items: { alert: Alert; change: Change }[],
  watched?: WatchedSource[],
): Composed {
  const unsub = unsubscribeFor(input.unsubscribe, row.recipient, (deps.clock ?? systemClock).now());
  const ctx = blockContext(input);
  const digestItems: DigestItem[] = items.map((i) => ({ ...i, highlight: matchedKeywords(person, i.change) }));
  const rendered =
    row.kind === 'digest'
      ? renderDigest(digestItems, digestDay(row.subjectId), { ...ctx, unsubscribeUrl: unsub.url })
      : renderAlert(items[0].alert, items[0].change, {
          ...ctx,
          highlight: digestItems[0].highlight,
          unsubscribeUrl: unsub.url,
          watched,
        });
  return {
    alerts: items.map((i) => i.alert),
    message: {
      from: input.from,
      to: [row.recipient],
      subject: safeHeader(rendered.subject),
      text: rendered.text,
      html: rendered.html,
      headers: { ...unsub.headers, ...rendered.headers },
      messageId: messageIdFor(row),
      tags: deliveryTags(row),
    },
  };
}

/** What a baseline email lists: every configured source and the documents it now holds. */
async function watchedSources(deps: Pick<DeliverDeps, 'store'>, input: DeliverInput): Promise<WatchedSource[]> {
  return Promise.all(
    (input.sourceNames ?? []).map(async (s) => ({
      name: s.name ?? s.id,
      documents: (await deps.store.listDocuments(s.id)).length,
    })),
  );
}
