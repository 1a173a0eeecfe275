/**
 * Reads a list published as a table whose columns are known by their header text, not their place:
 * every table on the page whose headers name the required fields is read (a table split in two is
 * read whole), in any column order. A page with no table may say in words that nothing is listed
 * (zero rows, a valid state) or publish the list as an attachment (CSV or an HTML page, followed).
 * Anything else fails in one sentence that names the headers found.
 */
import { load, type CheerioAPI } from 'cheerio/slim';
import { parse } from 'csv-parse/sync';
import { ParseError } from '../../core/errors';
import type { Row } from './parse-rows';
import { clean, headerKey, labelOf, rowOf, type TableSpec } from './table-spec';

export interface ListRead {
  rows: Row[];
  /** What a second look compares: how many tables were read and the header set they share. */
  structure: { tables: number; headers: string[] };
}

export type PageRead = { kind: 'rows'; read: ListRead } | { kind: 'attachment'; url: string; format: 'csv' | 'html' };

interface Where {
  url: string;
  source: string;
  list: string;
}

/** Which field each column is, by header text; null when a required field has no column. */
function mapHeaders(headers: string[], spec: TableSpec, required: string[]): (string | null)[] | null {
  const byHeader = new Map<string, string>();
  for (const [field, names] of Object.entries(spec.columns))
    for (const n of names) if (!byHeader.has(headerKey(n))) byHeader.set(headerKey(n), field);
  const fields = headers.map((h) => byHeader.get(headerKey(h)) ?? null);
  return required.every((f) => fields.includes(f)) ? fields : null;
}

function collect(grid: string[][], fields: (string | null)[], spec: TableSpec, key: string[]): Row[] {
  const rows: Row[] = [];
  for (const cells of grid) {
    const byField: Record<string, string> = {};
    cells.forEach((c, i) => {
      const f = fields[i];
      if (f && !byField[f]) byField[f] = c;
    });
    const row = rowOf(spec, key, byField);
    if (row) rows.push(row);
  }
  return rows;
}

function finish(rows: Row[], tables: number, headers: string[]): ListRead {
  const counts = new Map<string, number>();
  const keyed = rows.map((r) => {
    const seen = (counts.get(r.key) ?? 0) + 1;
    counts.set(r.key, seen);
    return seen === 1 ? r : { ...r, key: `${r.key} #${seen}` };
  });
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { rows: keyed, structure: { tables, headers: [...new Set(headers.map(headerKey))].sort() } };
}

function misfit(where: Where, spec: TableSpec, required: string[], found: string[]): ParseError {
  const needs = required.map((f) => labelOf(spec, f)).join(', ');
  const headers = [...new Set(found.map(clean).filter(Boolean))].map((h) => `"${h}"`).join(', ');
  return new ParseError(
    `No table of ${where.list} has the columns it needs (${needs}): ` +
      `the headers found are ${headers || 'none'}, so nothing was compared.`,
    { url: where.url, source: where.source, field: 'columns' },
  );
}

function requiredOf(spec: TableSpec, key: string[]): string[] {
  return spec.required ?? key;
}

function tableGrid($: CheerioAPI, table: Parameters<CheerioAPI>[0]): { headers: string[]; body: string[][] } {
  const cells = (tr: Parameters<CheerioAPI>[0]) =>
    $(tr)
      .children('th, td')
      .toArray()
      .map((c) => clean($(c).text()));
  const t = $(table);
  const headRows = t.find('thead tr').toArray();
  const allRows = t.find('tr').toArray();
  const headerRow = headRows.at(-1) ?? allRows[0];
  const body = allRows.filter((tr) => tr !== headerRow && !headRows.includes(tr)).map(cells);
  return { headers: headerRow ? cells(headerRow) : [], body };
}

/** The attachment holding the list when the page has no table: CSV first, else an HTML attachment. */
function attachmentOf($: CheerioAPI, pageUrl: string, where: Where): PageRead | null {
  const links = $('section.attachment a[href], .gem-c-attachment a[href], .attachment-details a[href]')
    .toArray()
    .map((a) => new URL($(a).attr('href')!, pageUrl))
    .filter((u) => u.protocol === 'https:' || u.protocol === 'http:');
  const ext = (u: URL) => /\.([a-z0-9]+)$/i.exec(u.pathname)?.[1]?.toLowerCase() ?? '';
  const csv = links.find((u) => ext(u) === 'csv');
  if (csv) return { kind: 'attachment', url: csv.toString(), format: 'csv' };
  const html = links.find(
    (u) => !ext(u) && u.host === new URL(pageUrl).host && u.pathname.startsWith(new URL(pageUrl).pathname + '/'),
  );
  if (html) return { kind: 'attachment', url: html.toString(), format: 'html' };
  const ods = links.find((u) => ext(u) === 'ods');
  if (ods)
    throw new ParseError(
      `${where.list} is published only as an ODS spreadsheet (${ods}), ` +
        'which this source does not read, so nothing was compared.',
      { url: where.url, source: where.source, field: 'attachment' },
    );
  return null;
}

export function readTablePage(
  html: string,
  pageUrl: string,
  spec: TableSpec,
  key: string[],
  where: Where,
  options: { container?: string; followAttachment: boolean },
): PageRead {
  const $ = load(html);
  const scope = options.container ? $(options.container) : $('main').length ? $('main') : $.root();
  const required = requiredOf(spec, key);
  const rows: Row[] = [];
  const found: string[] = [];
  let read = 0;
  const fitting: string[] = [];
  for (const table of scope.find('table').toArray()) {
    const { headers, body } = tableGrid($, table);
    found.push(...headers);
    const fields = mapHeaders(headers, spec, required);
    if (!fields) continue;
    read++;
    fitting.push(...headers);
    rows.push(...collect(body, fields, spec, key));
  }
  if (read > 0) return { kind: 'rows', read: finish(rows, read, fitting) };
  if (found.length) throw misfit(where, spec, required, found);
  const text = ` ${headerKey(scope.text())} `;
  if ((spec.emptyText ?? []).some((p) => text.includes(` ${headerKey(p)} `)))
    return { kind: 'rows', read: finish([], 0, []) };
  const attachment = options.followAttachment && spec.attachments !== false ? attachmentOf($, pageUrl, where) : null;
  if (attachment) return attachment;
  throw new ParseError(
    `The page of ${where.list} has no table, no CSV or HTML attachment, and does not say that nothing is listed: ` +
      'its markup changed, so nothing was compared.',
    { url: where.url, source: where.source, field: 'table' },
  );
}

/** A CSV attachment: the first of its first rows whose cells name the required fields is the header. */
export function readCsvList(body: string, spec: TableSpec, key: string[], where: Where): ListRead {
  let grid: string[][];
  try {
    // Without `columns`, csv-parse returns each record as an array of its cells.
    const records: unknown = parse(body, { bom: true, relax_column_count: true, skip_empty_lines: true });
    grid = records as string[][];
  } catch (err) {
    throw new ParseError(
      `The CSV of ${where.list} at ${where.url} could not be read as CSV.`,
      { url: where.url, source: where.source },
      err,
    );
  }
  const required = requiredOf(spec, key);
  for (let i = 0; i < Math.min(grid.length, 10); i++) {
    const fields = mapHeaders(grid[i], spec, required);
    if (fields) return finish(collect(grid.slice(i + 1), fields, spec, key), 1, grid[i]);
  }
  throw misfit(where, spec, required, grid[0] ?? []);
}
