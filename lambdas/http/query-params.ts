/** Query strings into the use-case's input: unknown or repeated parameters are named in a 400. */
import { invalidParameter, type QueryChangesInput } from '../core/query-changes';

/** Public parameter name → the use-case's field. `document` is the docId, `thread` the threadId. */
const CHANGE_PARAMS = {
  since: 'since',
  until: 'until',
  'dated-since': 'datedSince',
  'dated-until': 'datedUntil',
  order: 'order',
  source: 'sourceId',
  type: 'type',
  thread: 'threadId',
  document: 'docId',
  q: 'q',
  cursor: 'cursor',
} as const;

/** Parameters that may repeat (`?type=a&type=b`): their values accumulate, comma-separated. */
const REPEATABLE = new Set(['source', 'type']);

export function singleParams(query: URLSearchParams, allowed: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of new Set(query.keys())) {
    if (!allowed.includes(name))
      throw invalidParameter(name, `is not a parameter of this endpoint (known: ${allowed.join(', ')})`);
    const values = query.getAll(name);
    if (REPEATABLE.has(name)) {
      out[name] = values.filter((v) => v !== '').join(',');
      continue;
    }
    if (values.length > 1) throw invalidParameter(name, 'is given more than once');
    out[name] = values[0];
  }
  return out;
}

export function changeQueryFrom(query: URLSearchParams): QueryChangesInput {
  const params = singleParams(query, [...Object.keys(CHANGE_PARAMS), 'limit']);
  const input: QueryChangesInput = {};
  for (const [name, field] of Object.entries(CHANGE_PARAMS)) {
    const value = params[name];
    // The use-case validates every value (an unknown order included); here they are only collected.
    if (value !== undefined && value !== '') (input as Record<string, string>)[field] = value;
  }
  if (params.limit !== undefined && params.limit !== '') {
    if (!/^\d{1,6}$/.test(params.limit)) throw invalidParameter('limit', 'must be a whole number');
    input.limit = Number(params.limit);
  }
  return input;
}

/** The filter back as public parameters, for `next` links and the feed's self link. */
export function changeQueryString(input: QueryChangesInput): string {
  const out = new URLSearchParams();
  for (const [name, field] of Object.entries(CHANGE_PARAMS)) {
    const value = input[field];
    if (value && REPEATABLE.has(name)) for (const v of value.split(',')) out.append(name, v);
    else if (value) out.set(name, value);
  }
  if (input.limit) out.set('limit', String(input.limit));
  return out.toString();
}
