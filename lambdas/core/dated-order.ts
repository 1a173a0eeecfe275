/**
 * The change log in the documents' own order (a thread read as its letters were written): newest
 * `datedAt` first; changes without one (source events) after, by detection time. Pure; the store
 * reads the filtered log (bounded by `DATED_ORDER_MAX`) and pages the sorted list by position.
 */
import type { Change } from './model';

/** Dated order sorts in memory: a filter that matches more than this is asked to narrow. */
export const DATED_ORDER_MAX = 2000;

export function byDocumentDate(a: Change, b: Change): number {
  const da = a.datedAt ?? '';
  const db = b.datedAt ?? '';
  if (da !== db) return da < db ? 1 : -1;
  if (a.detectedAt !== b.detectedAt) return a.detectedAt < b.detectedAt ? 1 : -1;
  return a.changeId < b.changeId ? 1 : -1;
}

export function datedPage(all: Change[], offset: number, limit: number): { items: Change[]; next: number | null } {
  const sorted = [...all].sort(byDocumentDate);
  const items = sorted.slice(offset, offset + limit);
  return { items, next: offset + limit < sorted.length ? offset + limit : null };
}
