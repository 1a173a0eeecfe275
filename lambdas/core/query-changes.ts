/**
 * `queryChanges`: the change log as the CLI, the HTTP API, the Atom feed and the web page read it.
 * Filters are validated here once (a bad one is a ProcwatchError with code `invalid-parameter` and
 * the parameter's name in `context.field`), the store answers with one DynamoDB Query on the
 * narrowest index. The cursor here is the store's own: the HTTP layer signs it for clients that must
 * not forge one (lambdas/http/signed-cursor.ts); the CLI, which holds the store, pages with it as is.
 */
import * as z from 'zod';
import { checkKnown, type Catalog } from './catalog';
import { ProcwatchError } from './errors';
import type { Change } from './model';
import type { ChangeFilter, ChangeLog } from './ports';

export const DEFAULT_LIMIT = 25;
/** Larger requests are capped, not refused: a feed reader asking for 1000 gets a page of 100. */
export const MAX_LIMIT = 100;

export type { ChangeFilter };

export interface QueryChangesInput extends ChangeFilter {
  cursor?: string;
  limit?: number;
}

export interface QueryChangesDeps {
  store: Pick<ChangeLog, 'listChanges'>;
  /** The sources and types a filter may name; without it, only their spelling is checked. */
  catalog?: Catalog;
}

export interface QueryChangesResult {
  filter: ChangeFilter;
  items: Change[];
  /** The store's cursor: pass back as `cursor` for the next (older) page; null on the last page. */
  cursor: string | null;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Date.parse rolls 30 February over into March: a real day survives the round trip. */
function realDay(day: string): boolean {
  const t = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === day;
}
const slug = (max: number) =>
  z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'may hold only letters, digits, ".", "_", ":" and "-"')
    .max(max);

/** The names people type (`--source`, `?source=`) for the fields whose names differ. */
const PUBLIC_NAMES: Record<string, string> = {
  sourceId: 'source',
  threadId: 'thread',
  docId: 'document',
  datedSince: 'dated-since',
  datedUntil: 'dated-until',
};

/** Several values in one field, comma-separated, each checked as one. */
const listOf = (one: z.ZodType<string>, example: string) =>
  z
    .string()
    .trim()
    .max(2000)
    .refine((v) => v.split(',').every((part) => one.safeParse(part.trim()).success), `must be ${example}`)
    .transform((v) => [...new Set(v.split(',').map((part) => part.trim()))].join(','));

/** A day (`2026-01-31`) stays a day, so `until` covers all of it; a time is normalised to ISO UTC. */
const when = z
  .string()
  .trim()
  .refine(
    (v) =>
      DATE_ONLY.test(v)
        ? realDay(v)
        : /^\d{4}-\d{2}-\d{2}T/.test(v) && realDay(v.slice(0, 10)) && !Number.isNaN(Date.parse(v)),
    'must be a date (2026-01-31) or an ISO 8601 time',
  )
  .transform((v) => (DATE_ONLY.test(v) ? v : new Date(v).toISOString()));

export const changeFilterSchema = z
  .object({
    since: when.optional(),
    until: when.optional(),
    datedSince: when.optional(),
    datedUntil: when.optional(),
    order: z.enum(['detected', 'dated'], 'must be detected or dated').optional(),
    sourceId: listOf(slug(100), 'source ids such as bscc-correspondence').optional(),
    type: listOf(
      z
        .string()
        .regex(/^[a-z][a-z0-9-]*$/)
        .max(40),
      'change types such as new-correspondence',
    ).optional(),
    threadId: slug(120).optional(),
    // Document ids carry their source path (`govuk:/government/...`): any printable text.
    docId: z
      .string()
      .min(1)
      .max(500)
      .regex(/^[^\u0000-\u001f\u007f]+$/, 'must not hold control characters')
      .optional(),
    q: z
      .string()
      .trim()
      .min(2, 'must be at least 2 characters')
      .max(100)
      .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]+$/, 'must not hold control characters')
      .transform((v) => v.toLowerCase().replace(/\s+/g, ' '))
      .optional(),
  })
  .strict()
  .refine((f) => !f.since || !f.until || f.since <= `${f.until}\uffff`, {
    message: 'must not be before since',
    path: ['until'],
  })
  .refine((f) => !f.datedSince || !f.datedUntil || f.datedSince <= `${f.datedUntil}\uffff`, {
    message: 'must not be before dated-since',
    path: ['datedUntil'],
  });

const limitSchema = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .transform((n) => Math.min(n, MAX_LIMIT));

/** Turns the first problem zod found into the project's error, naming the parameter. */
export function invalidParameter(field: string, message: string): ProcwatchError {
  return new ProcwatchError('invalid-parameter', `The parameter "${field}" ${message}.`, { field });
}

export function parseChangeFilter(input: ChangeFilter, catalog?: Catalog): ChangeFilter {
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = changeFilterSchema.safeParse(defined);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : String(issue.path[0] ?? 'query');
    const field = PUBLIC_NAMES[key] ?? key;
    throw invalidParameter(
      field,
      issue.code === 'unrecognized_keys' ? 'is not a known filter' : issue.message.replace(/^Invalid input: /, ''),
    );
  }
  if (catalog && parsed.data.sourceId) checkKnown('source', parsed.data.sourceId.split(','), catalog);
  if (catalog && parsed.data.type) checkKnown('type', parsed.data.type.split(','), catalog);
  return parsed.data;
}

/** The filter and page size of a query, validated: a bad one is an `invalid-parameter` naming it. */
export function parseChangeQuery(
  input: Omit<QueryChangesInput, 'cursor'>,
  catalog?: Catalog,
): { filter: ChangeFilter; limit: number } {
  const { limit, ...rest } = input;
  const filter = parseChangeFilter(rest, catalog);
  if (limit === undefined) return { filter, limit: DEFAULT_LIMIT };
  const parsed = limitSchema.safeParse(limit);
  if (!parsed.success) throw invalidParameter('limit', parsed.error.issues[0].message);
  return { filter, limit: parsed.data };
}

export async function queryChanges(deps: QueryChangesDeps, input: QueryChangesInput): Promise<QueryChangesResult> {
  const { cursor, ...rest } = input;
  const { filter, limit } = parseChangeQuery(rest, deps.catalog);
  const page = await deps.store.listChanges({ ...filter, limit, cursor });
  return { filter, items: page.items, cursor: page.cursor };
}
