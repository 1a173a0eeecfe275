/** `html-list`'s config and hosts, without its parsers (see `SourceDeclaration`). */
import * as z from 'zod';
import type { SourceDeclaration } from '../../core/source-kind';
import { baseFields } from '../config-fields';
import { cssSelector, fieldSelector } from '../css-selector';
import { tableSpecSchema } from './table-spec-schema';

const eventName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{2,40}$/, 'must be a lower-case alert type such as "supplier-debarred"');

const schema = z
  .object({
    ...baseFields,
    kind: z.literal('html-list'),
    /** The page's path on www.gov.uk. */
    path: z.string().regex(/^\/[\w\-/.]+$/, 'must be a GOV.UK path starting with "/" (no host, no query)'),
    container: cssSelector.optional(),
    /** Header-driven: columns found by their header text (mutually exclusive with `row`/`fields`). */
    table: tableSpecSchema.optional(),
    row: cssSelector.optional(),
    /** Field → CSS selector inside a row (`""` is the row's own text). */
    fields: z
      .record(z.string().regex(/^[a-zA-Z][\w-]*$/), fieldSelector)
      .refine((f) => Object.keys(f).length > 0, 'needs at least one field')
      .optional(),
    /** The field(s) whose values make a row's key. */
    key: z.array(z.string()).min(1),
    titleField: z.string().optional(),
    /** How summaries name the list ("the debarment list"). */
    listName: z.string().min(1).max(120).optional(),
    events: z.object({ added: eventName, removed: eventName, changed: eventName }).partial().strict().optional(),
    /** Selector lists: an empty list is a normal state of this page (otherwise it is a parse failure). */
    allowEmpty: z.boolean().optional(),
    /** A change losing more than this share of the rows at once is held for a second look (default 0.5). */
    maxRowLoss: z.number().gt(0).max(1).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (Boolean(c.table) === Boolean(c.row || c.fields))
      ctx.addIssue({ code: 'custom', path: ['table'], message: 'needs either "table" or "row" with "fields"' });
    if (!c.table && !(c.row && c.fields))
      ctx.addIssue({ code: 'custom', path: ['row'], message: 'selector lists need both "row" and "fields"' });
    const known = Object.keys(c.table?.columns ?? c.fields ?? {});
    const named = [...c.key, ...(c.titleField ? [c.titleField] : []), ...(c.table?.required ?? [])];
    for (const k of [...named, ...(c.table?.dates ?? []), ...Object.keys(c.table?.values ?? {})]) {
      if (!known.includes(k))
        ctx.addIssue({
          code: 'custom',
          path: ['key'],
          message: `"${k}" is not one of the fields (${known.join(', ')})`,
        });
    }
  });

export type HtmlListConfig = z.output<typeof schema>;

export const htmlListDeclaration: SourceDeclaration<HtmlListConfig> = {
  kind: 'html-list',
  schema,
  hosts: (_config, endpoints) => [new URL(endpoints.govuk).host, 'assets.publishing.service.gov.uk'],
};
