/**
 * Row-level diff of a list page: rows added, removed or changed, matched by key. Order never
 * matters, so a reshuffled table raises nothing.
 */
import type { StructuredEvent } from '../../core/source-kind';
import type { Row } from './parse-rows';

export interface RowEventNames {
  added: string;
  removed: string;
  changed: string;
}

export interface RowLabels {
  /** The list's name in summaries ("the debarment list"). */
  list: string;
  /** The field that names a row in titles (default: the first key field). */
  titleField?: string;
}

function describe(row: Row): string {
  return Object.entries(row.fields)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
}

function nameOf(row: Row, labels: RowLabels): string {
  return (labels.titleField && row.fields[labels.titleField]) || row.key;
}

export function diffRows(before: Row[], after: Row[], names: RowEventNames, labels: RowLabels): StructuredEvent[] {
  const old = new Map(before.map((r) => [r.key, r]));
  const now = new Map(after.map((r) => [r.key, r]));
  const events: StructuredEvent[] = [];
  for (const row of after) {
    const prior = old.get(row.key);
    if (!prior) {
      events.push({
        type: names.added,
        key: `row:${row.key}`,
        title: nameOf(row, labels),
        summary: `Added to ${labels.list}: ${describe(row)}.`,
        text: describe(row),
      });
      continue;
    }
    const changed = Object.keys({ ...prior.fields, ...row.fields }).filter(
      (k) => (prior.fields[k] ?? '') !== (row.fields[k] ?? ''),
    );
    if (changed.length) {
      const what = changed.map((k) => `${k}: "${prior.fields[k] ?? ''}" → "${row.fields[k] ?? ''}"`).join('; ');
      events.push({
        type: names.changed,
        key: `row:${row.key}`,
        title: nameOf(row, labels),
        summary: `Changed on ${labels.list}: ${what}.`,
        text: describe(row),
      });
    }
  }
  for (const row of before) {
    if (!now.has(row.key)) {
      events.push({
        type: names.removed,
        key: `row:${row.key}`,
        title: nameOf(row, labels),
        summary: `Removed from ${labels.list}: ${describe(row)}.`,
        text: describe(row),
      });
    }
  }
  return events;
}
