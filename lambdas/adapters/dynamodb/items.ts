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
import { gzipSync } from 'node:zlib';
import type { Alert, Change, DeliveryKey, DiffOp, SourceState, StoredDocument, StoredVersion } from '../../core/model';
import type { Item } from './dynamodb-table';
import { StoredItem, unzipJson, unzipText } from './stored-item';

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

const DIFF_OPS: readonly DiffOp['op'][] = ['equal', 'insert', 'delete'];

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
  const r = new StoredItem(item);
  const version = r.number('version');
  return {
    docId: r.string('docId'),
    sourceId: r.string('sourceId'),
    url: r.string('url'),
    title: r.string('title'),
    documentType: r.string('documentType'),
    signal: r.string('signal'),
    hash: r.string('hash'),
    version,
    // Heads written before revisions existed: their revision is their version.
    revision: r.nullableNumber('revision') ?? version,
    status: r.oneOf('status', ['active', 'withdrawn']),
    knownId: r.nullableString('knownId'),
    threadId: r.nullableString('threadId'),
    firstSeenAt: r.string('firstSeenAt'),
    lastSeenAt: r.string('lastSeenAt'),
    detailUrl: r.nullableString('detailUrl'),
    detailBucket: r.nullableString('detailBucket'),
    parentId: r.nullableString('parentId'),
  };
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
  const r = new StoredItem(head);
  return {
    docId: r.string('docId'),
    version: r.number('version'),
    hash: r.string('hash'),
    title: r.string('title'),
    fetchedAt: r.string('fetchedAt'),
    changeNote: r.nullableString('changeNote'),
    ...versionBody(r, parts),
  };
}

function versionBody(r: StoredItem, parts: Item[]): Pick<StoredVersion, 'text' | 'extra'> {
  // A compressed body holds the text and the structured content together, as one JSON map.
  const body = (attr: string, bytes?: Buffer) => {
    const held = r.within(attr, unzipJson(r, attr, bytes));
    return { text: held.string('text'), extra: held.nullableJson('extra') };
  };
  const extra = r.nullableJson('extra');
  if (r.has('text')) return { text: r.string('text'), extra };
  if (r.has('bodyGz')) return body('bodyGz');
  if (r.has('textGz')) return { text: unzipText(r, 'textGz'), extra };
  if (parts.length === 0) return r.malformed('text', 'text, a compressed body or parts');
  const joined = Buffer.concat(parts.map((p) => new StoredItem(p).binary('body')));
  // Parts written before bodies held `extra` too are the text alone.
  return r.nullableString('partsHold') === 'body'
    ? body('parts', joined)
    : { text: unzipText(r, 'parts', joined), extra };
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
  const r = new StoredItem(item);
  const ops = r.has('diffGz') ? r.mapsIn('diffGz', unzipJson(r, 'diffGz')) : r.nullableMaps('diff');
  const letter = r.nullableMap('letter');
  const known = r.nullableMap('knownMatch');
  return {
    changeId: r.string('changeId'),
    sourceId: r.string('sourceId'),
    docId: r.nullableString('docId'),
    type: r.string('type'),
    detectedAt: r.string('detectedAt'),
    publishedAt: r.nullableString('publishedAt'),
    updatedAt: r.nullableString('updatedAt'),
    datedAt: r.nullableString('datedAt'),
    runId: r.string('runId'),
    title: r.string('title'),
    url: r.nullableString('url'),
    summary: r.string('summary'),
    version: r.nullableNumber('version'),
    previousVersion: r.nullableNumber('previousVersion'),
    diff: ops?.map((op) => ({ op: op.oneOf('op', DIFF_OPS), text: op.string('text') })) ?? null,
    changeNote: r.nullableString('changeNote'),
    threadId: r.nullableString('threadId'),
    letter: letter && {
      from: letter.nullableString('from'),
      to: letter.nullableString('to'),
      date: letter.nullableString('date'),
      threadId: letter.nullableString('threadId'),
    },
    knownMatch: known && {
      match: known.nullableString('match'),
      similarity: known.number('similarity'),
      thread: known.nullableString('thread'),
    },
    keywords: (r.nullableMaps('keywords') ?? []).map((k) => ({ term: k.string('term'), excerpt: k.string('excerpt') })),
  };
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
  const r = new StoredItem(item);
  return {
    alertId: r.string('alertId'),
    changeId: r.string('changeId'),
    type: r.string('type'),
    sourceId: r.string('sourceId'),
    createdAt: r.string('createdAt'),
    subject: r.string('subject'),
    priority: r.oneOf('priority', ['normal', 'high']),
  };
}

export function sourceStateItem(s: SourceState): Item {
  return { ...keys.source(s.sourceId), entity: 'source', ...s };
}

export function sourceStateFromItem(item: Item): SourceState {
  const r = new StoredItem(item);
  const validators = (r.nullableMap('validators')?.entries() ?? []).map(([url, v]) => {
    const etag = v.nullableString('etag');
    const lastModified = v.nullableString('lastModified');
    return [url, { ...(etag !== null && { etag }), ...(lastModified !== null && { lastModified }) }] as const;
  });
  return {
    sourceId: r.string('sourceId'),
    validators: Object.fromEntries(validators),
    lastRunAt: r.nullableString('lastRunAt'),
    lastSuccessAt: r.nullableString('lastSuccessAt'),
    consecutiveFailures: r.number('consecutiveFailures'),
    lastError: r.nullableString('lastError'),
    failingAlertOpen: r.boolean('failingAlertOpen'),
    lastListingSize: r.nullableNumber('lastListingSize'),
    pendingShrink: r.nullableNumber('pendingShrink'),
    failingSince: r.nullableString('failingSince'),
    listingHash: r.nullableString('listingHash'),
    pendingSuspects:
      r.nullableMaps('pendingSuspects')?.map((p) => ({ docId: p.string('docId'), hash: p.string('hash') })) ?? null,
  };
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
