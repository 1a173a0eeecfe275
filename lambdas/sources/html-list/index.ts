/**
 * `html-list`: a page that is a list or a table (the debarment list of suppliers, a campaign's own
 * list of letters) read into rows with stable keys, and compared row by row: rows added, removed
 * or changed raise one alert each, named in config (`supplier-debarred`, `supplier-removed`,
 * `debarment-changed`); a reordered or reformatted table raises nothing. Two ways to read it:
 * `table` maps columns by their header text (the debarment list: the fields of Procurement Act 2023
 * s.62(4)), following a CSV or HTML attachment when the page has no table; `row` + `fields` picks
 * cells with CSS selectors. The page is one document, read in one request per cycle from GOV.UK.
 */
import { load } from 'cheerio/slim';
import type { DocumentSnapshot, ListingEntry } from '../../core/model';
import type { SourceKind } from '../../core/source-kind';
import { fingerprint } from '../../core/text/normalize';
import { assertShallowHtml } from '../../core/text/html-depth';
import { govukUrl } from '../govuk-content/content-item';
import type { HtmlListConfig } from './declaration';
import { diffRows, type RowEventNames } from './diff-rows';
import { readCsvList, readTablePage, type ListRead } from './parse-table';
import { parseRows, type Row } from './parse-rows';
import { rowSanity } from './row-sanity';
import { labelOf, shown, type TableSpec } from './table-spec';

export type { HtmlListConfig } from './declaration';

export const DEFAULT_ROW_EVENTS: RowEventNames = { added: 'row-added', removed: 'row-removed', changed: 'row-changed' };

export function rowsOf(extra: Record<string, unknown> | null | undefined): Row[] | null {
  const rows = extra?.rows;
  return Array.isArray(rows) ? (rows as Row[]) : null;
}

const listOf = (config: HtmlListConfig) => config.listName ?? config.name ?? config.id;

function render(rows: Row[], spec: TableSpec | undefined): string {
  return rows
    .map((r) =>
      Object.entries(r.fields)
        .filter(([, v]) => v || !spec)
        .map(([k, v]) => `${labelOf(spec, k)}: ${shown(spec, k, v)}`)
        .join(' | '),
    )
    .join('\n');
}

function snapshot(config: HtmlListConfig, heading: string, read: ListRead | { rows: Row[] }): DocumentSnapshot {
  const text = render(read.rows, config.table);
  return {
    docId: `html-list:${config.id}`,
    url: govukUrl(config.path),
    title: config.name ?? (heading || config.id),
    documentType: 'html-list',
    text,
    signal: fingerprint(`${text}\n${JSON.stringify('structure' in read ? read.structure : null)}`),
    publishedAt: null,
    updatedAt: null,
    changeNote: null,
    withdrawn: null,
    organisations: [],
    attachments: [],
    parentId: null,
    extra: 'structure' in read ? { rows: read.rows, structure: read.structure } : { rows: read.rows },
  };
}

const headingOf = (html: string) => load(html)('main h1, h1').first().text().replace(/\s+/g, ' ').trim();

/** The list page itself: its rows inline, or (header-driven lists) the attachment that holds them. */
export function readListPage(html: string, url: string, config: HtmlListConfig): DocumentSnapshot | ListingEntry {
  const where = { url, source: config.id, list: listOf(config) };
  assertShallowHtml(html, where);
  if (!config.table) return snapshot(config, headingOf(html), { rows: parseRows(html, config as never, where) });
  const read = readTablePage(html, url, config.table, config.key, where, {
    container: config.container,
    followAttachment: true,
  });
  if (read.kind === 'rows') return snapshot(config, headingOf(html), read.read);
  return {
    docId: `html-list:${config.id}`,
    url: govukUrl(config.path),
    title: config.name ?? (headingOf(html) || config.id),
    // A new upload is a new file address: the attachment is read again only then.
    signal: read.url,
    detail: { url: read.url, bucket: 'html-page', accept: read.format === 'csv' ? 'text/csv' : 'text/html' },
  };
}

export const htmlList: SourceKind<HtmlListConfig> = {
  kind: 'html-list',
  listing: (config, endpoints) => ({
    url: `${endpoints.govuk}${config.path}`,
    bucket: 'html-page',
    accept: 'text/html',
  }),
  parseListing(fetched, config) {
    const read = readListPage(fetched.body, fetched.url, config);
    if (!('documentType' in read)) return { entries: [read], next: null };
    return {
      entries: [{ docId: read.docId, url: read.url, title: read.title, signal: read.signal, inline: read }],
      next: null,
    };
  },
  parseDetail(fetched, entry, config) {
    const where = { url: fetched.url, source: config.id, list: listOf(config) };
    const path = new URL(fetched.url).pathname;
    if (config.table && path !== config.path) {
      // The attachment that holds the list: a CSV, or an HTML page whose own tables are read (not followed further).
      const csv = /\.csv$/i.test(path) || /text\/csv/i.test(fetched.headers['content-type'] ?? '');
      const read = csv
        ? readCsvList(fetched.body, config.table, config.key, where)
        : readTablePage(fetched.body, fetched.url, config.table, config.key, where, { followAttachment: false });
      const rows = 'kind' in read ? (read.kind === 'rows' ? read.read : null) : read;
      return { documents: rows ? [snapshot(config, entry.title, rows)] : [], follow: [] };
    }
    const read = readListPage(fetched.body, fetched.url, config);
    return { documents: 'documentType' in read ? [read] : [], follow: [] };
  },
  compare(before, after, config) {
    const events = { ...DEFAULT_ROW_EVENTS, ...(config.events ?? {}) };
    return diffRows(rowsOf(before.extra) ?? [], rowsOf(after.extra) ?? [], events, {
      list: listOf(config),
      titleField: config.titleField ?? config.key[0],
      spec: config.table,
    });
  },
  suspicious(before, after, config) {
    return rowSanity(before, after, { maxRowLoss: config.maxRowLoss ?? 0.5, list: listOf(config) });
  },
};
