/**
 * The change log read back: a ChangeQuery becomes one index, key condition and filter expression,
 * paged newest first with a cursor that resumes right after the last change returned; `dated` order
 * reads the whole filtered log and pages it by position (see core/dated-order).
 */
import { ProcwatchError, StoreError } from '../../core/errors';
import { DATED_ORDER_MAX, datedPage } from '../../core/dated-order';
import type { Change } from '../../core/model';
import type { ChangePage, ChangeQuery } from '../../core/ports';
import type { DynamoTable, Item } from './dynamodb-table';
import { changeFromItem, INDEXES, INDEX_KEYS, logPartitions } from './items';

/** A change-log query, built once from a ChangeQuery: which index, key condition and filters. */
interface LogQuery {
  index: string;
  condition: string;
  filters: string[];
  names: Record<string, string>;
  values: Record<string, unknown>;
}

type Key = Record<string, unknown>;

const pageSize = (query: ChangeQuery): number => Math.min(Math.max(query.limit ?? 50, 1), 500);

export async function listChanges(table: DynamoTable, query: ChangeQuery): Promise<ChangePage> {
  if (query.order === 'dated') return listChangesByDate(table, query);
  const limit = pageSize(query);
  const log = logQueryFor(query);
  const out: Change[] = [];
  let startKey = query.cursor ? decodeCursor(query.cursor) : undefined;
  let lastItem: Item | undefined;
  do {
    const page = await logPage(
      table,
      log,
      log.filters.length ? Math.max(limit * 4, 100) : limit - out.length,
      startKey,
    );
    for (const item of page.Items ?? []) {
      if (out.length === limit) break;
      out.push(changeFromItem(item));
      lastItem = item;
    }
    startKey = page.LastEvaluatedKey;
    if (out.length === limit) {
      // Resume right after the last item returned, not after the last item read.
      const resumeAt = lastItem ? pickKeys(lastItem, log.index) : startKey;
      const more = await hasMore(table, log, resumeAt);
      return { items: out, cursor: more && resumeAt ? encodeCursor(resumeAt) : null };
    }
  } while (startKey);
  return { items: out, cursor: null };
}

function logQueryFor(query: ChangeQuery): LogQuery {
  const [index, partition] = changeIndexFor(query);
  const k = INDEX_KEYS[index];
  const names: Record<string, string> = { '#pk': k.pk };
  if (query.since || query.until) names['#sk'] = k.sk;
  const values: Record<string, unknown> = { ':pk': partition };
  let condition = '#pk = :pk';
  if (query.since && query.until) {
    condition += ' AND #sk BETWEEN :since AND :until';
    values[':since'] = query.since;
    values[':until'] = `${query.until}\uffff`;
  } else if (query.since) {
    condition += ' AND #sk >= :since';
    values[':since'] = query.since;
  } else if (query.until) {
    condition += ' AND #sk <= :until';
    values[':until'] = `${query.until}\uffff`;
  }
  const filters: string[] = [];
  const addFilter = (field: string, value: string | undefined, used: boolean) => {
    if (!value || used) return;
    names[`#${field}`] = field;
    // Several values (repeated flags) are one IN over the index the first filter chose.
    const list = value.split(',');
    list.forEach((v, i) => (values[`:${field}${i}`] = v));
    filters.push(`#${field} IN (${list.map((_, i) => `:${field}${i}`).join(', ')})`);
  };
  if (query.datedSince || query.datedUntil) {
    names['#datedAt'] = 'datedAt';
    if (query.datedSince) filters.push('#datedAt >= :datedSince');
    if (query.datedUntil) filters.push('#datedAt <= :datedUntil');
    if (query.datedSince) values[':datedSince'] = query.datedSince;
    if (query.datedUntil) values[':datedUntil'] = `${query.datedUntil}\uffff`;
  }
  addFilter('sourceId', query.sourceId, index === INDEXES.bySource);
  addFilter('type', query.type, index === INDEXES.byType);
  addFilter('threadId', query.threadId, index === INDEXES.byThread);
  addFilter('docId', query.docId, index === INDEXES.byDocument);
  if (query.q) {
    // Every word must appear (in any order) in the title or the matched terms.
    names['#search'] = 'searchText';
    query.q
      .toLowerCase()
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 8)
      .forEach((word, i) => {
        values[`:q${i}`] = word;
        filters.push(`contains(#search, :q${i})`);
      });
  }
  return { index, condition, filters, names, values };
}

/** One newest-first page of a change-log query. */
function logPage(table: DynamoTable, log: LogQuery, limit: number, startKey: Key | undefined) {
  return table.query({
    IndexName: log.index,
    KeyConditionExpression: log.condition,
    ...(log.filters.length ? { FilterExpression: log.filters.join(' AND ') } : {}),
    ExpressionAttributeNames: log.names,
    ExpressionAttributeValues: log.values,
    ScanIndexForward: false,
    Limit: limit,
    ExclusiveStartKey: startKey,
  });
}

/**
 * Whether anything follows a full page, so the last page carries no cursor. Unfiltered, one
 * item answers it; filtered, it reads on until a match or the end.
 */
async function hasMore(table: DynamoTable, log: LogQuery, startKey: Key | undefined): Promise<boolean> {
  let key = startKey;
  while (key) {
    const res = await logPage(table, log, log.filters.length ? 100 : 1, key);
    if ((res.Items ?? []).length > 0) return true;
    key = res.LastEvaluatedKey;
  }
  return false;
}

/** The filtered log sorted by the documents' own dates, paged by position (see dated-order). */
async function listChangesByDate(table: DynamoTable, query: ChangeQuery): Promise<ChangePage> {
  const limit = pageSize(query);
  const offset = query.cursor ? Number(decodeCursor(query.cursor).offset) : 0;
  if (!Number.isInteger(offset) || offset < 0) throw new StoreError('The cursor is not valid.', { field: 'cursor' });
  const all: Change[] = [];
  let cursor: string | undefined;
  do {
    const page = await listChanges(table, { ...query, order: undefined, limit: 500, cursor });
    all.push(...page.items);
    cursor = page.cursor ?? undefined;
    if (all.length > DATED_ORDER_MAX)
      throw new ProcwatchError(
        'invalid-parameter',
        `More than ${DATED_ORDER_MAX} changes match; ` +
          'narrow the filter (a thread, a source, dates) to order them by date.',
        { field: 'order' },
      );
  } while (cursor);
  const page = datedPage(all, offset, limit);
  return { items: page.items, cursor: page.next === null ? null : encodeCursor({ pk: 'dated', offset: page.next }) };
}

function changeIndexFor(query: ChangeQuery): [string, string] {
  if (query.docId) return [INDEXES.byDocument, logPartitions.document(query.docId)];
  if (query.threadId) return [INDEXES.byThread, logPartitions.thread(query.threadId)];
  if (query.sourceId && !query.sourceId.includes(',')) return [INDEXES.bySource, logPartitions.source(query.sourceId)];
  if (query.type && !query.type.includes(',')) return [INDEXES.byType, logPartitions.type(query.type)];
  return [INDEXES.byGroup, logPartitions.all()];
}

function pickKeys(item: Item, index: string): Key {
  const k = INDEX_KEYS[index];
  return { pk: item.pk, sk: item.sk, [k.pk]: item[k.pk], [k.sk]: item[k.sk] };
}

/** The store's cursor is the DynamoDB key, base64url, signed before it leaves the process. */
export function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string): Key {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (!isKey(parsed)) throw new Error('not a key');
    return parsed;
  } catch (err) {
    throw new StoreError('The cursor is not valid.', { field: 'cursor' }, err);
  }
}

function isKey(value: unknown): value is Key & { pk: string } {
  return !!value && typeof value === 'object' && typeof Reflect.get(value, 'pk') === 'string';
}
