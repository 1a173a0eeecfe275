/**
 * Reads a list or table page into rows with stable keys: one CSS selector finds the rows, one per
 * field finds each value inside a row, and the key fields name the row. A page whose selectors
 * find nothing is a parse failure (a redesign or an outage page), never "every row removed".
 */
import { load } from 'cheerio/slim';
import { ParseError } from '../../core/errors';

export interface RowSelectors {
  /** Optional element that must exist (the table); its absence is the clearest sign of a redesign. */
  container?: string;
  row: string;
  fields: Record<string, string>;
  key: string[];
  allowEmpty?: boolean;
}

export interface Row {
  key: string;
  fields: Record<string, string>;
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Rows sorted by key: reordering the page changes nothing stored. */
export function parseRows(html: string, selectors: RowSelectors, where: { url: string; source: string }): Row[] {
  const $ = load(html);
  const scope = selectors.container ? $(selectors.container).first() : $.root();
  if (selectors.container && scope.length === 0) {
    throw new ParseError(`The page no longer has "${selectors.container}": its markup changed, so no rows were read.`, {
      ...where,
      field: 'container',
    });
  }
  const rows: Row[] = [];
  const counts = new Map<string, number>();
  scope.find(selectors.row).each((_i, el) => {
    const fields: Record<string, string> = {};
    for (const [name, selector] of Object.entries(selectors.fields)) {
      fields[name] = clean((selector === '' ? $(el) : $(el).find(selector).first()).text());
    }
    const base = selectors.key.map((k) => fields[k] ?? '').join(' | ');
    // A header row, or a row the field selectors no longer fit, has no key: it is not a row.
    if (!selectors.key.some((k) => fields[k])) return;
    const seen = (counts.get(base.toLowerCase()) ?? 0) + 1;
    counts.set(base.toLowerCase(), seen);
    rows.push({ key: seen === 1 ? base : `${base} #${seen}`, fields });
  });
  if (rows.length === 0 && !selectors.allowEmpty) {
    throw new ParseError(
      `The row selector "${selectors.row}" and its fields matched no rows: ` +
        "the page's markup changed, so nothing was compared.",
      {
        ...where,
        field: 'row',
      },
    );
  }
  return rows.sort((a, b) =>
    a.key.toLowerCase() < b.key.toLowerCase() ? -1 : a.key.toLowerCase() > b.key.toLowerCase() ? 1 : 0,
  );
}
