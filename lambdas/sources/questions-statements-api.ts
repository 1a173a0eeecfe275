/**
 * What Parliament's Written Questions and Statements API wraps every answer in, read once for both
 * kinds that call it (parliament-questions, parliament-statements): the JSON body, a search page's
 * `results` (each `{ value }`) with `totalResults`, and an item's `{ value }`.
 */
import { ParseError } from '../core/errors';
import type { Fetched } from '../core/model';

export type Node = Record<string, unknown>;
export const obj = (v: unknown): Node => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : {});
export const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

export interface Where {
  url: string;
  source: string;
}

/** `api` names the API in the one sentence a user reads ("Written Questions", "Written Statements"). */
function json(fetched: Fetched, source: string, api: string): Node {
  try {
    return obj(JSON.parse(fetched.body));
  } catch (err) {
    throw new ParseError(
      `The ${api} API answered ${fetched.url} with something that is not JSON.`,
      { url: fetched.url, source },
      err,
    );
  }
}

export function readResultsPage<T>(
  fetched: Fetched,
  source: string,
  api: string,
  itemOf: (value: Node, where: Where) => T,
): { items: T[]; total: number } {
  const body = json(fetched, source, api);
  if (!Array.isArray(body.results) || typeof body.totalResults !== 'number') {
    throw new ParseError(`The ${api} API answered ${fetched.url} without "results" and "totalResults".`, {
      url: fetched.url,
      source,
      field: 'results',
    });
  }
  const where = { url: fetched.url, source };
  return { items: body.results.map((r) => itemOf(obj(obj(r).value), where)), total: body.totalResults };
}

export function readResultItem<T>(
  fetched: Fetched,
  source: string,
  api: string,
  itemOf: (value: Node, where: Where) => T,
): T {
  return itemOf(obj(json(fetched, source, api).value), { url: fetched.url, source });
}
