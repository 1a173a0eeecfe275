/**
 * Item shapes and keys of the single DynamoDB table, in one place (docs/data-model.md explains them).
 *
 *   entity        pk                    sk                  gsi1 (pk / sk)                       gsi2..gsi5
 *   document      DOC#<docId>           META                SRCDOCS#<sourceId> / <docId>
 *   version       DOC#<docId>           V#<000001>          -
 *   version part  DOC#<docId>           V#<000001>#P#<n>    -    (bodies over the item limit)
 *   change        CHANGE#<changeId>     CHANGE              LOG / <at>#<id>                     by source, type,
 *                                                                                               thread, document
 *   alert         ALERT#<alertId>       ALERT               ALERTS#unexpanded / <at>#<id> until expanded
 *   source state  SOURCE#<sourceId>     STATE               -
 *   delivery row  DELIVERY#<subjectId>  <channel>#<recipient>#<generation>   OUTBOX / <due or lease>#… while
 *                                                           pending or sending; OUTBOX#failed / <at>#… when failed
 *   subscriber    SUBSCRIBER#<email>    STATE               SUBSCRIBERS / <email>
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Alert, Change, DeliveryKey, SourceState, StoredDocument, StoredVersion } from '../../core/model';

export const INDEXES = {
  byGroup: 'gsi1',
  bySource: 'gsi2',
  byType: 'gsi3',
  byThread: 'gsi4',
  byDocument: 'gsi5',
} as const;

export const INDEX_KEYS: Record<string, { pk: string; sk: string }> = {
  gsi1: { pk: 'gsi1pk', sk: 'gsi1sk' },
  gsi2: { pk: 'gsi2pk', sk: 'gsi2sk' },
  gsi3: { pk: 'gsi3pk', sk: 'gsi3sk' },
  gsi4: { pk: 'gsi4pk', sk: 'gsi4sk' },
  gsi5: { pk: 'gsi5pk', sk: 'gsi5sk' },
};

/** DynamoDB's item limit is 400 KB; bodies above this are compressed, then split. */
export const INLINE_LIMIT = 350_000;
export const PART_SIZE = 350_000;

export const keys = {
  document: (docId: string) => ({ pk: `DOC#${docId}`, sk: 'META' }),
  version: (docId: string, version: number) => ({ pk: `DOC#${docId}`, sk: `V#${String(version).padStart(6, '0')}` }),
  versionPart: (docId: string, version: number, part: number) => ({
    pk: `DOC#${docId}`,
    sk: `V#${String(version).padStart(6, '0')}#P#${part}`,
  }),
  change: (changeId: string) => ({ pk: `CHANGE#${changeId}`, sk: 'CHANGE' }),
  alert: (alertId: string) => ({ pk: `ALERT#${alertId}`, sk: 'ALERT' }),
  source: (sourceId: string) => ({ pk: `SOURCE#${sourceId}`, sk: 'STATE' }),
};

export const logPartitions = {
  all: () => 'LOG',
  source: (sourceId: string) => `LOG#SRC#${sourceId}`,
  type: (type: string) => `LOG#TYPE#${type}`,
  thread: (threadId: string) => `LOG#THREAD#${threadId}`,
  document: (docId: string) => `LOG#DOC#${docId}`,
};

type Item = Record<string, unknown>;

export function documentItem(doc: StoredDocument): Item {
  return {
    ...keys.document(doc.docId),
    entity: 'document',
    gsi1pk: `SRCDOCS#${doc.sourceId}`,
    gsi1sk: doc.docId,
    ...doc,
  };
}

export function documentFromItem(item: Item): StoredDocument {
  const doc = pick<StoredDocument>(item, [
    'docId',
    'sourceId',
    'url',
    'title',
    'documentType',
    'signal',
    'hash',
    'version',
    'revision',
    'status',
    'knownId',
    'threadId',
    'firstSeenAt',
    'lastSeenAt',
    'detailUrl',
    'detailBucket',
    'parentId',
  ]);
  // Heads written before revisions existed: their revision is their version.
  return { ...doc, revision: typeof item.revision === 'number' ? item.revision : doc.version };
}

/**
 * A version's text and structured content (`extra`: a list's rows, a bill's stages): inline when
 * small, gzip when large, gzip split into parts when huge. Compressed forms hold both as one JSON
 * body, so a list of thousands of rows never meets the 400 KB item limit.
 */
export function versionItems(v: StoredVersion): Item[] {
  const base = {
    ...keys.version(v.docId, v.version),
    entity: 'version',
    docId: v.docId,
    version: v.version,
    hash: v.hash,
    title: v.title,
    fetchedAt: v.fetchedAt,
    changeNote: v.changeNote,
  };
  const extra = v.extra ?? null;
  if (Buffer.byteLength(v.text) + Buffer.byteLength(JSON.stringify(extra)) <= INLINE_LIMIT) {
    return [{ ...base, text: v.text, extra }];
  }
  const gz = gzipSync(Buffer.from(JSON.stringify({ text: v.text, extra })));
  if (gz.length <= INLINE_LIMIT) return [{ ...base, bodyGz: gz }];
  const parts: Item[] = [];
  for (let offset = 0, n = 0; offset < gz.length; offset += PART_SIZE, n++) {
    parts.push({
      ...keys.versionPart(v.docId, v.version, n),
      entity: 'version-part',
      body: gz.subarray(offset, offset + PART_SIZE),
    });
  }
  return [{ ...base, parts: parts.length, partsHold: 'body' }, ...parts];
}

/** Rebuilds a version from its head item and (when split) its parts, in sort-key order. */
export function versionFromItems(head: Item, parts: Item[] = []): StoredVersion {
  let text: string;
  let extra = (head.extra as Record<string, unknown> | null | undefined) ?? null;
  const body = (raw: Buffer) => JSON.parse(gunzipSync(raw).toString()) as { text: string; extra: typeof extra };
  if (typeof head.text === 'string') text = head.text;
  else if (head.bodyGz) ({ text, extra } = body(asBuffer(head.bodyGz)));
  else if (head.textGz) text = gunzipSync(asBuffer(head.textGz)).toString();
  else {
    const joined = Buffer.concat(parts.map((p) => asBuffer(p.body)));
    // Parts written before bodies held `extra` too are the text alone.
    if (head.partsHold === 'body') ({ text, extra } = body(joined));
    else text = gunzipSync(joined).toString();
  }
  return {
    docId: head.docId as string,
    version: head.version as number,
    hash: head.hash as string,
    title: head.title as string,
    fetchedAt: head.fetchedAt as string,
    changeNote: (head.changeNote as string | null) ?? null,
    extra,
    text,
  };
}

/** A change's diff can be large (an Act): kept inline when small, gzip-compressed otherwise. */
export function changeItem(c: Change): Item {
  const at = `${c.detectedAt}#${c.changeId}`;
  const { diff, ...rest } = c;
  const diffJson = diff ? JSON.stringify(diff) : null;
  const diffField = diffJson && diffJson.length > 50_000 ? { diffGz: gzipSync(Buffer.from(diffJson)) } : { diff };
  return {
    ...keys.change(c.changeId),
    entity: 'change',
    ...rest,
    // Lower-cased title and matched terms: what the change-log keyword filter searches.
    searchText: [c.title, ...(c.keywords ?? []).map((k) => k.term)].join(' ').toLowerCase(),
    ...diffField,
    gsi1pk: logPartitions.all(),
    gsi1sk: at,
    gsi2pk: logPartitions.source(c.sourceId),
    gsi2sk: at,
    gsi3pk: logPartitions.type(c.type),
    gsi3sk: at,
    ...(c.threadId ? { gsi4pk: logPartitions.thread(c.threadId), gsi4sk: at } : {}),
    ...(c.docId ? { gsi5pk: logPartitions.document(c.docId), gsi5sk: at } : {}),
  };
}

export function changeFromItem(item: Item): Change {
  const diff = (
    item.diffGz ? JSON.parse(gunzipSync(asBuffer(item.diffGz)).toString()) : (item.diff ?? null)
  ) as Change['diff'];
  const c = pick<Change>(item, [
    'changeId',
    'sourceId',
    'docId',
    'type',
    'detectedAt',
    'publishedAt',
    'updatedAt',
    'datedAt',
    'runId',
    'title',
    'url',
    'summary',
    'version',
    'previousVersion',
    'changeNote',
    'threadId',
    'letter',
    'knownMatch',
    'keywords',
  ]);
  return { ...c, diff, keywords: c.keywords ?? [] };
}

/** A new alert carries one index entry, `ALERTS#unexpanded`, until the outbox expands it into rows. */
export function alertItem(a: Alert): Item {
  return {
    ...keys.alert(a.alertId),
    entity: 'alert',
    ...a,
    gsi1pk: deliveryKeys.unexpanded(),
    gsi1sk: `${a.createdAt}#${a.alertId}`,
  };
}

export function alertFromItem(item: Item): Alert {
  return pick<Alert>(item, ['alertId', 'changeId', 'type', 'sourceId', 'createdAt', 'subject', 'priority']);
}

export function sourceStateItem(s: SourceState): Item {
  return { ...keys.source(s.sourceId), entity: 'source', ...s };
}

export function sourceStateFromItem(item: Item): SourceState {
  return pick<SourceState>(item, [
    'sourceId',
    'validators',
    'lastRunAt',
    'lastSuccessAt',
    'consecutiveFailures',
    'lastError',
    'failingAlertOpen',
    'lastListingSize',
    'pendingShrink',
    'failingSince',
    'listingHash',
    'pendingSuspects',
  ]);
}

function asBuffer(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value);
  throw new TypeError('expected binary attribute');
}

export function pick<T>(item: Item, fields: (keyof T & string)[]): T {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = item[f] === undefined ? null : item[f];
  return out as T;
}

/** Delivery keys (shapes in delivery-items.ts); generations are zero-padded so they sort. */
export const deliveryKeys = {
  row: (k: DeliveryKey) => ({
    pk: `DELIVERY#${k.subjectId}`,
    sk: `${k.channel}#${k.recipient}#${String(k.generation).padStart(3, '0')}`,
  }),
  /** The sender's work: pending rows by due time, sending rows by lease end. */
  work: () => 'OUTBOX',
  failed: () => 'OUTBOX#failed',
  unexpanded: () => 'ALERTS#unexpanded',
  subscriber: (email: string) => ({ pk: `SUBSCRIBER#${email}`, sk: 'STATE' }),
  subscribers: () => 'SUBSCRIBERS',
};
