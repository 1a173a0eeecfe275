/**
 * What the reliability tests count, from what can be observed from outside the product: the items
 * read back from the store, and the emails a real SMTP server received. Nothing here reads the
 * sender's own bookkeeping (delivery rows, reports), so the counts survive a rewrite of delivery.
 */
import type { Alert, Change, StoredDocument, StoredVersion } from '../../../lambdas/core/model';
import type { Store } from '../../../lambdas/core/ports';
import type { Received } from '../../support/smtp-sink';
import type { Measured } from './reliability-report';

export interface Snapshot {
  documents: StoredDocument[];
  versions: StoredVersion[];
  changes: Change[];
  alerts: Alert[];
}

/** Everything the sources' documents, versions, change log and alerts hold, read back from the table. */
export async function snapshotOf(store: Store, sources: string[]): Promise<Snapshot> {
  const documents = (await Promise.all(sources.map((s) => store.listDocuments(s))))
    .flat()
    .sort((a, b) => a.docId.localeCompare(b.docId));
  const versions = (await Promise.all(documents.map((d) => store.listVersions(d.docId)))).flat();
  const changes = (await store.listChanges({ limit: 500 })).items;
  // An alert is read back by its change's id (alertFor keys it so), whether or not it was delivered.
  const alerts = (await Promise.all(changes.map((c) => store.getAlert(c.changeId)))).filter(
    (a): a is Alert => a !== null,
  );
  return { documents, versions, changes, alerts };
}

export function itemCount(s: Snapshot): number {
  return s.documents.length + s.versions.length + s.changes.length + s.alerts.length;
}

/** What `after` lost of `before`: documents (or their head version), versions (or their text), changes, alerts. */
export function lostBetween(before: Snapshot, after: Snapshot): string[] {
  const lost: string[] = [];
  const docs = new Map(after.documents.map((d) => [d.docId, d]));
  for (const d of before.documents) {
    const now = docs.get(d.docId);
    if (!now) lost.push(`document ${d.docId}`);
    else if (now.version < d.version) lost.push(`document ${d.docId} went back from v${d.version} to v${now.version}`);
  }
  const versions = new Map(after.versions.map((v) => [`${v.docId}@${v.version}`, v]));
  for (const v of before.versions) {
    const now = versions.get(`${v.docId}@${v.version}`);
    if (!now || now.hash !== v.hash || now.text !== v.text) lost.push(`version ${v.docId}@${v.version}`);
  }
  const changes = new Set(after.changes.map((c) => c.changeId));
  for (const c of before.changes) if (!changes.has(c.changeId)) lost.push(`change ${c.changeId}`);
  const alerts = new Set(after.alerts.map((a) => a.alertId));
  for (const a of before.alerts) if (!alerts.has(a.alertId)) lost.push(`alert ${a.alertId}`);
  return lost;
}

/** Versions ahead of their document's head, and heads without their version: what a half-done write leaves. */
export function halfWritten(s: Snapshot): string[] {
  const problems: string[] = [];
  const versions = new Set(s.versions.map((v) => `${v.docId}@${v.version}`));
  for (const d of s.documents)
    if (!versions.has(`${d.docId}@${d.version}`))
      problems.push(`document ${d.docId} v${d.version} has no stored version`);
  const docs = new Map(s.documents.map((d) => [d.docId, d]));
  for (const v of s.versions)
    if ((docs.get(v.docId)?.version ?? 0) < v.version)
      problems.push(`version ${v.docId}@${v.version} is ahead of its document`);
  return problems;
}

/** Stored items before and after, and what was lost between them. */
export function storeFigures(
  before: Snapshot,
  after: Snapshot,
): Required<Pick<Measured, 'storedBefore' | 'storedAfter' | 'lost'>> {
  return { storedBefore: itemCount(before), storedAfter: itemCount(after), lost: lostBetween(before, after).length };
}

/** Alerts in `after` that `before` did not hold: what the scenario raised. */
export function alertsRaised(before: Snapshot, after: Snapshot): Alert[] {
  const had = new Set(before.alerts.map((a) => a.alertId));
  return after.alerts.filter((a) => !had.has(a.alertId));
}

/** `recipient changeId` for each change an email is about (an alert names one, a digest several). */
export function pairsOf(r: Received): string[] {
  const ids = [...(r.mail.text ?? '').matchAll(/Change id: (\S+)/g)].map((m) => m[1]);
  return r.envelopeTo.flatMap((to) => ids.map((id) => `${to} ${id}`));
}

/** Distinct (recipient, change) pairs that arrived. */
export function receivedPairs(received: Received[]): string[] {
  return [...new Set(received.flatMap(pairsOf))].sort();
}

function extra(keys: string[]): number {
  const seen = new Map<string, number>();
  for (const k of keys) seen.set(k, (seen.get(k) ?? 0) + 1);
  return [...seen.values()].reduce((n, c) => n + c - 1, 0);
}

/** Emails received against the (recipient, change) pairs expected: missing ones and duplicates both ways. */
export function emailFigures(
  received: Received[],
  expected: Iterable<string>,
): Required<
  Pick<Measured, 'pairsExpected' | 'emailsReceived' | 'pairsMissing' | 'duplicatesByChange' | 'duplicatesByMessageId'>
> {
  const want = new Set(expected);
  const got = new Set(received.flatMap(pairsOf));
  return {
    pairsExpected: want.size,
    emailsReceived: received.length,
    pairsMissing: [...want].filter((p) => !got.has(p)).length,
    duplicatesByChange: extra(received.flatMap(pairsOf)),
    duplicatesByMessageId: extra(received.flatMap((r) => r.envelopeTo.map((to) => `${to} ${r.mail.messageId}`))),
  };
}
