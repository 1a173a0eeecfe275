/**
 * `html-list`: a page that is a list or a table (the debarment list of suppliers, a campaign's own
 * list of letters) read into rows with stable keys, and compared row by row: rows added, removed
 * or changed raise one alert each, named in config (`supplier-debarred`, `supplier-removed`,
 * `debarment-changed`); a reordered table raises nothing. The page is one document, read in one
 * request per cycle from GOV.UK.
 */
import { load } from 'cheerio/slim';
import { z } from 'zod';
import type { DocumentSnapshot } from '../../core/model';
import type { SourceConfigBase, SourceKind } from '../../core/source-kind';
import { fingerprint } from '../../core/text/normalize';
import { baseFields } from '../config-fields';
import { diffRows, type RowEventNames } from './diff-rows';
import { parseRows, type Row } from './parse-rows';

export interface HtmlListConfig extends SourceConfigBase {
  kind: 'html-list';
  /** The page's path on www.gov.uk. */
  path: string;
  container?: string;
  row: string;
  /** Field name → CSS selector inside a row (`""` is the row's own text). */
  fields: Record<string, string>;
  /** The field(s) whose values make a row's key. */
  key: string[];
  titleField?: string;
  /** How summaries name the list ("the debarment list"). */
  listName?: string;
  events?: Partial<RowEventNames>;
  /** An empty list is a normal state of this page (otherwise it is a parse failure). */
  allowEmpty?: boolean;
}

const eventName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{2,40}$/, 'must be a lower-case alert type such as "supplier-debarred"');

const schema = z
  .object({
    ...baseFields,
    kind: z.literal('html-list'),
    path: z.string().regex(/^\/[\w\-/.]+$/, 'must be a GOV.UK path starting with "/" (no host, no query)'),
    container: z.string().min(1).optional(),
    row: z.string().min(1),
    fields: z
      .record(z.string().regex(/^[a-zA-Z][\w-]*$/), z.string())
      .refine((f) => Object.keys(f).length > 0, 'needs at least one field'),
    key: z.array(z.string()).min(1),
    titleField: z.string().optional(),
    listName: z.string().min(1).max(120).optional(),
    events: z.object({ added: eventName, removed: eventName, changed: eventName }).partial().strict().optional(),
    allowEmpty: z.boolean().optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    for (const k of [...c.key, ...(c.titleField ? [c.titleField] : [])]) {
      if (!(k in c.fields))
        ctx.addIssue({
          code: 'custom',
          path: ['key'],
          message: `"${k}" is not one of the fields (${Object.keys(c.fields).join(', ')})`,
        });
    }
  });

export const DEFAULT_ROW_EVENTS: RowEventNames = { added: 'row-added', removed: 'row-removed', changed: 'row-changed' };

export function rowsOf(extra: Record<string, unknown> | null | undefined): Row[] | null {
  const rows = extra?.rows;
  return Array.isArray(rows) ? (rows as Row[]) : null;
}

function render(rows: Row[]): string {
  return rows
    .map((r) =>
      Object.entries(r.fields)
        .map(([k, v]) => `${k}: ${v}`)
        .join(' | '),
    )
    .join('\n');
}

export function readListPage(html: string, url: string, config: HtmlListConfig): DocumentSnapshot {
  const rows = parseRows(html, config, { url, source: config.id });
  const heading = load(html)('main h1, h1').first().text().replace(/\s+/g, ' ').trim();
  const text = render(rows);
  return {
    docId: `html-list:${config.id}`,
    url: `https://www.gov.uk${config.path}`,
    title: config.name ?? (heading || config.id),
    documentType: 'html-list',
    text,
    signal: fingerprint(text),
    publishedAt: null,
    updatedAt: null,
    changeNote: null,
    withdrawn: null,
    organisations: [],
    attachments: [],
    parentId: null,
    extra: { rows },
  };
}

export const htmlList: SourceKind<HtmlListConfig> = {
  kind: 'html-list',
  schema: schema as unknown as z.ZodType<HtmlListConfig>,
  hosts: (_config, endpoints) => [new URL(endpoints.govuk).host],
  listing: (config, endpoints) => ({
    url: `${endpoints.govuk}${config.path}`,
    bucket: 'html-page',
    accept: 'text/html',
  }),
  parseListing(fetched, config) {
    const doc = readListPage(fetched.body, fetched.url, config);
    return {
      entries: [{ docId: doc.docId, url: doc.url, title: doc.title, signal: doc.signal, inline: doc }],
      next: null,
    };
  },
  parseDetail(fetched, _entry, config) {
    return { documents: [readListPage(fetched.body, fetched.url, config)], follow: [] };
  },
  compare(before, after, config) {
    const events = { ...DEFAULT_ROW_EVENTS, ...(config.events ?? {}) };
    return diffRows(rowsOf(before.extra) ?? [], rowsOf(after.extra) ?? [], events, {
      list: config.listName ?? config.name ?? config.id,
      titleField: config.titleField ?? config.key[0],
    });
  },
};
