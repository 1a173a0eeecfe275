/**
 * How a header-driven list is read: which header texts name each field (with synonyms), which
 * fields must be found, which are dates, which take one of a few canonical values. Cell values are
 * stored canonical (whitespace collapsed, dates as ISO days, values mapped), so reformatting the
 * page changes nothing stored; keys are normalised names, so "EXAMPLE LIMITED" is "Example Ltd".
 */
import type { Row } from './parse-rows';
import type { TableSpec } from './table-spec-schema';

export type { TableSpec } from './table-spec-schema';

/** Header text as compared: lower case, no parenthetical notes, footnote marks or punctuation. */
export function headerKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A supplier's name or a ground as a key: case, punctuation and "Limited"/"Ltd" do not matter. */
export function nameKey(text: string): string {
  return headerKey(text.replace(/&/g, ' and '))
    .replace(/\bpublic limited company\b/g, 'plc')
    .replace(/\blimited\b/g, 'ltd')
    .replace(/\s+/g, ' ');
}

/** A value as compared: like a key, but a note in brackets ("(Schedule 6, paragraph 9)") still counts. */
export function valueKey(text: string): string {
  return nameKey(text.replace(/[()[\]]/g, ' '));
}

export function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** "2 March 2030", "2 Mar 2030", "02/03/2030" (UK order), "2030-03-02" → "2030-03-02"; anything else as written. */
export function isoDay(text: string): string {
  const t = clean(text);
  const iso = (y: number, m: number, d: number) =>
    m >= 1 && m <= 12 && d >= 1 && d <= 31 ? `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` : t;
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return iso(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(t);
  if (m) return iso(+m[3], +m[2], +m[1]);
  m = /^(?:\w+day,? )?(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]+)\.? (\d{4})$/.exec(t);
  const month = m ? MONTHS.findIndex((n) => n.startsWith(m[2].toLowerCase()) && m[2].length >= 3) : -1;
  return m && month >= 0 ? iso(+m[3], month + 1, +m[1]) : t;
}

/** "2030-03-02" → "2 March 2030", for people. */
export function displayDay(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  const month = MONTHS[+m[2] - 1];
  return `${+m[3]} ${month.charAt(0).toUpperCase()}${month.slice(1)} ${m[1]}`;
}

function canonical(spec: TableSpec, field: string, text: string): string | null {
  const options = spec.values?.[field];
  if (!options) return null;
  const key = ` ${nameKey(text)} `;
  for (const [value, synonyms] of Object.entries(options))
    if (synonyms.some((s) => key.includes(` ${nameKey(s)} `))) return value;
  return null;
}

/** One row's cells (by field) as stored: canonical values, keyed by the normalised key fields. */
export function rowOf(spec: TableSpec, key: string[], cells: Record<string, string>): Row | null {
  const fields: Record<string, string> = {};
  for (const field of Object.keys(spec.columns)) {
    const raw = clean(cells[field] ?? '');
    if (spec.dates?.includes(field)) fields[field] = raw ? isoDay(raw) : '';
    else fields[field] = (raw && canonical(spec, field, raw)) || raw;
  }
  for (const [field, from] of Object.entries(spec.inferFrom ?? {}))
    if (!fields[field] && fields[from]) fields[field] = canonical(spec, field, fields[from]) ?? '';
  if (!key.some((k) => fields[k])) return null;
  return { key: key.map((k) => nameKey(fields[k] ?? '')).join(' | '), fields };
}

/** The label of a field in alerts: the first header text configured for it. */
export function labelOf(spec: TableSpec | undefined, field: string): string {
  return spec?.columns[field]?.[0] ?? field;
}

/** A field's value for people: dates written out. */
export function shown(spec: TableSpec | undefined, field: string, value: string): string {
  return spec?.dates?.includes(field) ? displayDay(value) : value;
}
