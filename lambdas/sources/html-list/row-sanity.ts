/**
 * A second look before believing a list change: most rows gone at once, or the table's structure
 * changed (how many tables, which headers), is more often a half-served or redesigned page than a
 * real edit. One row removed is an ordinary edit and never held; an empty list becoming a table is
 * the list's first entry, not a redesign.
 */
import type { DocumentSnapshot, StoredVersion } from '../../core/model';
import type { Row } from './parse-rows';

export interface Structure {
  tables: number;
  headers: string[];
}

function rows(extra: Record<string, unknown> | null | undefined): Row[] {
  return Array.isArray(extra?.rows) ? (extra.rows as Row[]) : [];
}

function structureOf(extra: Record<string, unknown> | null | undefined): Structure | null {
  const s = extra?.structure as Structure | undefined;
  return s && typeof s.tables === 'number' && Array.isArray(s.headers) ? s : null;
}

export function rowSanity(
  before: StoredVersion,
  after: DocumentSnapshot,
  options: { maxRowLoss: number; list: string },
): string | null {
  const was = rows(before.extra);
  const now = new Set(rows(after.extra).map((r) => r.key));
  const lost = was.filter((r) => !now.has(r.key)).length;
  if (was.length >= 2 && lost >= 2 && lost / was.length > options.maxRowLoss) {
    const share = Math.round(options.maxRowLoss * 100);
    return (
      `${options.list} lost ${lost} of its ${was.length} rows at once (more than ${share}%), ` +
      'so the change is held for a second look before any row is called removed.'
    );
  }
  const s0 = structureOf(before.extra);
  const s1 = structureOf(after.extra);
  if (!s0 || !s1 || s0.tables === 0 || s1.tables === 0) return null;
  const headers0 = s0.headers.join('|');
  const headers1 = s1.headers.join('|');
  if (s0.tables !== s1.tables || headers0 !== headers1) {
    const what = [
      s0.tables !== s1.tables ? `${s0.tables} table${s0.tables === 1 ? '' : 's'} → ${s1.tables}` : '',
      headers0 !== headers1 ? `headers "${s0.headers.join('", "')}" → "${s1.headers.join('", "')}"` : '',
    ].filter(Boolean);
    const list = options.list;
    return `The table of ${list} changed its structure (${what.join('; ')}), so the change is held for a second look.`;
  }
  return null;
}
