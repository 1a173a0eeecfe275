/**
 * The change log as clients outside the store read it (the API, the feed, the web page, and the
 * CLI's printed cursors): the store's cursor (a DynamoDB key) leaves only signed and bound to the
 * filter it was issued for, so a client can neither forge a key nor replay a cursor under another
 * filter. Validation and the query itself are the core's (core/query-changes.ts).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ProcwatchError } from '../core/errors';
import {
  invalidParameter,
  parseChangeQuery,
  type QueryChangesDeps,
  type QueryChangesInput,
  type QueryChangesResult,
} from '../core/query-changes';
import type { ChangeFilter } from '../core/ports';

export interface SignedQueryDeps extends QueryChangesDeps {
  /** Signs cursors; the same secret must be shared by every instance serving one table. */
  cursorSecret: string;
}

/** `queryChanges` with a signed cursor in and out: the filter, then the page size, then the cursor checked. */
export async function querySignedChanges(deps: SignedQueryDeps, input: QueryChangesInput): Promise<QueryChangesResult> {
  const { cursor, ...rest } = input;
  const { filter, limit } = parseChangeQuery(rest, deps.catalog);
  const storeCursor = cursor ? verifyCursor(cursor, filter, deps.cursorSecret) : undefined;
  const page = await deps.store.listChanges({ ...filter, limit, cursor: storeCursor });
  return { filter, items: page.items, cursor: page.cursor ? signCursor(page.cursor, filter, deps.cursorSecret) : null };
}

/** The filter in a fixed order: a cursor is valid only for the filter it was issued under. */
function filterKey(filter: ChangeFilter): string {
  const fields: (keyof ChangeFilter)[] = ['since', 'until', 'sourceId', 'type', 'threadId', 'docId', 'q'];
  // Later fields only when set, so the cursors of filters that existed before them stay valid.
  const later: (keyof ChangeFilter)[] = ['datedSince', 'datedUntil', 'order'];
  const extra = later.filter((f) => filter[f]).map((f) => `${f}=${filter[f]}`);
  return JSON.stringify([...fields.map((f) => filter[f] ?? null), ...extra]);
}

function mac(storeCursor: string, filter: ChangeFilter, secret: string): string {
  return createHmac('sha256', secret)
    .update(`${filterKey(filter)}\n${storeCursor}`)
    .digest('base64url');
}

/** `<store cursor>.<HMAC-SHA256>`: the store's cursor is base64url, so it never holds a dot. */
export function signCursor(storeCursor: string, filter: ChangeFilter, secret: string): string {
  if (!secret) throw new ProcwatchError('config', 'No cursor secret is configured.');
  return `${storeCursor}.${mac(storeCursor, filter, secret)}`;
}

export function verifyCursor(cursor: string, filter: ChangeFilter, secret: string): string {
  const dot = cursor.lastIndexOf('.');
  const body = dot > 0 ? cursor.slice(0, dot) : '';
  const given = Buffer.from(dot > 0 ? cursor.slice(dot + 1) : '');
  const expected = Buffer.from(body ? mac(body, filter, secret) : '');
  if (
    !body ||
    !/^[A-Za-z0-9_-]+$/.test(body) ||
    given.length !== expected.length ||
    !timingSafeEqual(given, expected)
  ) {
    throw invalidParameter('cursor', 'is not a cursor this server issued for this filter');
  }
  return body;
}
