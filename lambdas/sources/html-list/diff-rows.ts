/**
 * Row-level diff of a list page: rows added, removed or changed, matched by key. Order never
 * matters, so a reshuffled table raises nothing, and neither does a value only re-cased or
 * re-spaced. A row whose key changed in its second part only (a supplier whose exclusion ground
 * changed, keyed by supplier + ground) is one change, not a removal and an addition.
 */
import type { StructuredEvent } from '../../core/source-kind';
import type { Row } from './parse-rows';
import { labelOf, shown, valueKey, type TableSpec } from './table-spec';

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
  /** Header-driven lists: labels and date display for each field. */
  spec?: TableSpec;
}

function describe(row: Row, labels: RowLabels, skipTitle = false): string {
  return Object.entries(row.fields)
    .filter(([k, v]) => v && !(skipTitle && k === labels.titleField))
    .map(([k, v]) => `${labelOf(labels.spec, k)}: ${shown(labels.spec, k, v)}`)
    .join('; ');
}

function nameOf(row: Row, labels: RowLabels): string {
  return (labels.titleField && row.fields[labels.titleField]) || row.key;
}

function changedFields(prior: Row, row: Row): string[] {
  return Object.keys({ ...prior.fields, ...row.fields }).filter(
    (k) => valueKey(prior.fields[k] ?? '') !== valueKey(row.fields[k] ?? ''),
  );
}

function changeEvent(prior: Row, row: Row, fields: string[], names: RowEventNames, labels: RowLabels): StructuredEvent {
  const was = (k: string, r: Row) => shown(labels.spec, k, r.fields[k] ?? '') || '(none)';
  const what = fields.map((k) => `${labelOf(labels.spec, k)}: ${was(k, prior)} → ${was(k, row)}`).join('; ');
  return {
    type: names.changed,
    key: `row:${row.key}`,
    title: nameOf(row, labels),
    summary: `Changed on ${labels.list}: ${nameOf(row, labels)}, ${what}.`,
    text: describe(row, labels),
  };
}

export function diffRows(before: Row[], after: Row[], names: RowEventNames, labels: RowLabels): StructuredEvent[] {
  const old = new Map(before.map((r) => [r.key, r]));
  const now = new Map(after.map((r) => [r.key, r]));
  const added = after.filter((r) => !old.has(r.key));
  const removed = before.filter((r) => !now.has(r.key));
  const events: StructuredEvent[] = [];
  for (const row of after) {
    const prior = old.get(row.key);
    const fields = prior ? changedFields(prior, row) : [];
    if (prior && fields.length) events.push(changeEvent(prior, row, fields, names, labels));
  }
  // The same named row, alone on both sides, with another key: one change (its ground, say).
  const first = (r: Row) => r.key.split(' | ')[0];
  const pairs: [Row, Row][] = [];
  for (const row of added) {
    const same = removed.filter((r) => first(r) === first(row));
    if (same.length === 1 && added.filter((a) => first(a) === first(row)).length === 1) pairs.push([same[0], row]);
  }
  const paired = new Set(pairs.flat());
  for (const [prior, row] of pairs) events.push(changeEvent(prior, row, changedFields(prior, row), names, labels));
  for (const row of added.filter((r) => !paired.has(r))) {
    events.push({
      type: names.added,
      key: `row:${row.key}`,
      title: nameOf(row, labels),
      summary: `Added to ${labels.list}: ${nameOf(row, labels)}; ${describe(row, labels, true)}.`,
      text: describe(row, labels),
    });
  }
  for (const row of removed.filter((r) => !paired.has(r))) {
    events.push({
      type: names.removed,
      key: `row:${row.key}`,
      title: nameOf(row, labels),
      summary: `Removed from ${labels.list}: ${nameOf(row, labels)}; ${describe(row, labels, true)}.`,
      text: describe(row, labels),
    });
  }
  return events;
}
