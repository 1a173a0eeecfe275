/** A claimed row as the email it is, or the reason it must not go: pure but for the Store it reads. */
import {
  blockContext,
  composeDelivery,
  itemsOf,
  unsubscribeFor,
  whyNotSent,
} from '../../../lambdas/core/compose-delivery';
import { changePageUrl } from '../../../lambdas/core/change-links';
import { deliveryTags, digestIdFor, messageIdFor, newDelivery } from '../../../lambdas/core/delivery-rows';
import type { Alert, Change, Delivery, StoredDocument } from '../../../lambdas/core/model';
import type { Store } from '../../../lambdas/core/ports';
import { SLUG_NAMES } from '../../../lambdas/core/render-alert';
import type { Subscriber } from '../../../lambdas/core/subscribers';
import { verifyUnsubscribeToken } from '../../../lambdas/core/unsubscribe-token';

const NOW = new Date('2026-03-02T09:00:00Z');
const clock = { now: () => NOW, sleep: async () => {} };

function change(id: string, over: Partial<Change> = {}): Change {
  return {
    changeId: id,
    sourceId: 'bscc-correspondence',
    docId: `doc-${id}`,
    type: 'new-correspondence',
    detectedAt: '2026-03-01T08:15:00Z',
    runId: 'r1',
    title: `Letter ${id} from the Commissioner to Hikvision`,
    url: `https://www.gov.uk/government/publications/letter-${id}`,
    summary: 'A new letter was published.',
    version: 1,
    previousVersion: null,
    diff: null,
    changeNote: null,
    threadId: null,
    letter: null,
    knownMatch: null,
    keywords: [
      { term: 'Hikvision', excerpt: 'cameras made by Hikvision' },
      { term: 'Dahua', excerpt: 'and by Dahua' },
    ],
    ...over,
  };
}

const alertOf = (c: Change, over: Partial<Alert> = {}): Alert => ({
  alertId: `alert-${c.changeId}`,
  changeId: c.changeId,
  type: 'new-correspondence',
  sourceId: c.sourceId,
  createdAt: c.detectedAt,
  subject: c.title,
  priority: 'normal',
  ...over,
});

/** A Store holding these alerts and changes, and `documents[sourceId]` documents per source. */
function storeWith(alerts: Alert[], changes: Change[], documents: Record<string, number> = {}): Store {
  const store: Pick<Store, 'getAlert' | 'getChange' | 'listDocuments'> = {
    getAlert: async (id) => alerts.find((a) => a.alertId === id) ?? null,
    getChange: async (id) => changes.find((c) => c.changeId === id) ?? null,
    // Only how many documents a source holds reaches the email, not what they are.
    listDocuments: async (id) => Array.from({ length: documents[id] ?? 0 }, () => ({}) as StoredDocument),
  };
  return store as Store;
}

const person: Subscriber = { email: 'ana@example.org', frequency: 'immediate' };
const row = (alertIds: string[], over: Partial<Delivery> = {}): Delivery => ({
  ...newDelivery(
    { subjectId: alertIds[0], recipient: person.email, channel: 'email', generation: 0 },
    'alert',
    alertIds,
    NOW.toISOString(),
  ),
  ...over,
});
const input = { from: 'watch@example.org', to: [] };

describe('unsubscribeFor', () => {
  const links = { baseUrl: 'https://watch.example.org/unsubscribe', secret: 's3cret' };

  it('gives no link and no headers without unsubscribe links configured', () => {
    expect(unsubscribeFor(undefined, person.email, NOW)).toEqual({ headers: {} });
  });

  it("links to the endpoint with a token naming the recipient, and offers RFC 8058's one-click POST", () => {
    const { url, headers } = unsubscribeFor(links, person.email, NOW);
    const token = new URL(url!).searchParams.get('token')!;
    expect(url).toBe(`${links.baseUrl}?token=${token}`);
    expect(verifyUnsubscribeToken(token, links.secret)).toEqual({ email: person.email });
    expect(headers).toEqual({ 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
  });

  it("adds the token to an endpoint's own query, and a mailto after the link when configured", () => {
    const { url, headers } = unsubscribeFor(
      { ...links, baseUrl: 'https://watch.example.org/u?lang=en', mailto: 'leave@example.org' },
      person.email,
      NOW,
    );
    expect(url).toMatch(/^https:\/\/watch\.example\.org\/u\?lang=en&token=v1\./);
    expect(headers['List-Unsubscribe']).toBe(`<${url}>, <mailto:leave@example.org?subject=unsubscribe>`);
  });
});

describe('blockContext', () => {
  it('names sources by their configured name, else their id; "all" is every watched source', () => {
    const { names } = blockContext({ sourceNames: [{ id: 'bscc', name: 'BSCC letters' }, { id: 'bills' }] });
    expect(['bscc', 'bills', 'all', 'unknown'].map((id) => names.source(id))).toEqual([
      'BSCC letters',
      'bills',
      'every watched source',
      'unknown',
    ]);
    expect(names.thread('bscc--hikvision')).toBe(SLUG_NAMES.thread('bscc--hikvision'));
  });

  it('links each change to its page only when there is a public URL', () => {
    expect(blockContext({}).pageUrl).toBeUndefined();
    const { pageUrl } = blockContext({ publicUrl: 'https://watch.example.org/' });
    expect(pageUrl!('c 1')).toBe(changePageUrl('https://watch.example.org/', 'c 1'));
  });
});

describe('whyNotSent', () => {
  it('lets an active subscriber through, and names why not for anyone else', () => {
    expect(whyNotSent(person)).toBeNull();
    expect(whyNotSent(undefined)).toMatch(/no longer a subscriber/);
    const suppressed = { ...person, suppressedAt: '2026-02-01T10:00:00Z', suppressedReason: 'bounce: mailbox full' };
    expect(whyNotSent(suppressed)).toMatch(/suppressed \(bounce: mailbox full\)/);
    // The day alone: the time of an unsubscribe click means nothing to the reader of a report.
    expect(whyNotSent({ ...person, unsubscribedAt: '2026-02-03T17:45:12Z' })).toMatch(/unsubscribed on 2026-02-03$/);
    // Suppression is the stronger reason: the provider will not deliver either way.
    expect(whyNotSent({ ...suppressed, unsubscribedAt: '2026-02-03T17:45:12Z' })).toMatch(/suppressed/);
  });
});

describe('itemsOf', () => {
  it("reads the row's alerts with their changes, in the row's order, leaving out what is gone", async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((id) => change(id));
    const alerts = [a, b, c].map((x) => alertOf(x));
    // b's change is gone from the store; "alert-gone" was never there.
    const store = storeWith(alerts, [a, c]);
    const items = await itemsOf({ store }, { alertIds: ['alert-c', 'alert-gone', 'alert-b', 'alert-a'] });
    expect(items.map((i) => [i.alert.alertId, i.change.changeId])).toEqual([
      ['alert-c', 'c'],
      ['alert-a', 'a'],
    ]);
  });
});

describe('composeDelivery', () => {
  const a = change('a');
  const deps = { store: storeWith([alertOf(a)], [a]), clock };

  it('skips a row whose person is no longer subscribed, or whose alerts are gone', async () => {
    const gone = { ...person, unsubscribedAt: '2026-02-03T17:45:12Z' };
    expect(await composeDelivery(deps, input, row(['alert-a']), gone)).toEqual({ skip: whyNotSent(gone) });
    expect(await composeDelivery(deps, input, row(['alert-a']), undefined)).toEqual({ skip: whyNotSent(undefined) });
    const empty = await composeDelivery(deps, input, row(['alert-gone']), person);
    expect(empty).toEqual({ skip: expect.stringMatching(/gone from the store/) });
  });

  it("renders an alert row for its recipient, with the row's Message-ID, tags and unsubscribe headers", async () => {
    const high = { store: storeWith([alertOf(a, { priority: 'high' })], [a]), clock };
    const unsubscribe = { baseUrl: 'https://watch.example.org/unsubscribe', secret: 's3cret' };
    const r = row(['alert-a']);
    const composed = await composeDelivery(high, { ...input, unsubscribe }, r, person);
    if (!('message' in composed)) throw new Error(`skipped: ${composed.skip}`);
    const { message, alerts } = composed;
    expect(alerts.map((x) => x.alertId)).toEqual(['alert-a']);
    expect(message).toMatchObject({ from: input.from, to: [person.email], messageId: messageIdFor(r) });
    expect(message.tags).toEqual(deliveryTags(r));
    // The unsubscribe link is issued now, by the deps' clock: the same token unsubscribeFor gives.
    const unsub = unsubscribeFor(unsubscribe, person.email, NOW);
    expect(message.headers).toEqual({ ...unsub.headers, Importance: 'high', 'X-Priority': '1' });
    expect(message.text).toContain(`Unsubscribe: ${unsub.url}`);
    expect(message.subject).toContain('Hikvision');
    expect(message.text).toContain(a.url);
  });

  it('highlights in the summary only the keywords the person watches', async () => {
    const both = change('both', { summary: 'Hikvision and Dahua cameras were named.' });
    const store = storeWith([alertOf(both)], [both]);
    const watcher = { ...person, keywords: ['dahua'] };
    const composed = await composeDelivery({ store, clock }, input, row(['alert-both']), watcher);
    if (!('message' in composed)) throw new Error(`skipped: ${composed.skip}`);
    expect(composed.message.html).toMatch(/>Hikvision and <mark[^>]*>Dahua<\/mark> cameras were named\.</);
  });

  it('lists every configured source and the documents it holds in a baseline email', async () => {
    const baseline = change('base', { type: 'baseline', sourceId: 'bscc', keywords: [] });
    const store = storeWith([alertOf(baseline, { type: 'baseline' })], [baseline], { bscc: 12, bills: 1 });
    const sourceNames = [{ id: 'bscc', name: 'BSCC letters' }, { id: 'bills' }];
    const composed = await composeDelivery({ store, clock }, { ...input, sourceNames }, row(['alert-base']), person);
    if (!('message' in composed)) throw new Error(`skipped: ${composed.skip}`);
    expect(composed.message.text).toMatch(/BSCC letters: 12 documents/);
    expect(composed.message.text).toMatch(/bills: 1 document\b/);
  });

  it("renders a digest row as one email of all its alerts, named by the digest's day", async () => {
    const b = change('b', { detectedAt: '2026-03-01T09:15:00Z' });
    const store = storeWith([alertOf(a), alertOf(b)], [a, b]);
    const subjectId = digestIdFor('2026-03-02', person.email);
    const digest = row(['alert-a', 'alert-b'], { subjectId, kind: 'digest' });
    const composed = await composeDelivery({ store, clock }, input, digest, person);
    if (!('message' in composed)) throw new Error(`skipped: ${composed.skip}`);
    expect(composed.alerts.map((x) => x.alertId)).toEqual(['alert-a', 'alert-b']);
    expect(composed.message.subject).toMatch(/daily digest: 2 alerts, 2 Mar 2026$/);
    expect(composed.message.text).toContain(a.title);
    expect(composed.message.text).toContain(b.title);
    expect(composed.message.messageId).toBe(messageIdFor(digest));
  });
});
