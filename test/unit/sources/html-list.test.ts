import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParseError } from '../../../lambdas/core/errors';
import type { DocumentSnapshot, StoredVersion } from '../../../lambdas/core/model';
import { htmlList, type HtmlListConfig } from '../../../lambdas/sources/html-list';
import { LIVE_ENDPOINTS } from '../../../lambdas/config';
import { fetched, FIXTURES, fixtureText } from '../../support/fixtures';
import { expectGolden } from '../../support/golden';
import { storedVersionOf } from '../../support/source-results';
import { htmlListDeclaration } from '../../../lambdas/sources/html-list/declaration';

/** The debarment-list source exactly as procwatch.config.json declares it. */
const config = (
  JSON.parse(readFileSync(join(__dirname, '../../../procwatch.config.json'), 'utf8')).sources as HtmlListConfig[]
).find((s) => s.id === 'debarment-list')!;
const PAGE = `${LIVE_ENDPOINTS.govuk}${config.path}`;

function page(file: string, c: HtmlListConfig = config) {
  return htmlList.parseListing(fetched(PAGE, fixtureText(`html-list/${file}`)), c, LIVE_ENDPOINTS);
}

function read(file: string, c: HtmlListConfig = config): DocumentSnapshot {
  const p = page(file, c);
  expect(p.next).toBeNull();
  expect(p.entries).toHaveLength(1);
  return p.entries[0].inline!;
}

const stored = (doc: DocumentSnapshot): StoredVersion => storedVersionOf(doc);

const compare = (a: string, b: string) => htmlList.compare!(stored(read(a)), read(b), config);
const rows = (doc: DocumentSnapshot) => (doc.extra!.rows as { fields: Record<string, string> }[]).map((r) => r.fields);

describe('html-list: the debarment list by its s.62(4) columns', () => {
  it('the default config validates; key fields must be columns; a list is read by table or by selectors, not both', () => {
    expect(htmlListDeclaration.schema.safeParse(config).success).toBe(true);
    const bad = htmlListDeclaration.schema.safeParse({ ...config, key: ['name'] });
    expect(bad.error?.issues.map((i) => i.message).join()).toMatch(/"name" is not one of the fields/);
    expect(htmlListDeclaration.schema.safeParse({ ...config, row: 'tr', fields: { a: 'td' } }).success).toBe(false);
    expect(htmlListDeclaration.schema.safeParse({ ...config, maxRowLoss: 1.5 }).success).toBe(false);
  });

  it('reads the page from GOV.UK in the html-page bucket; attachments may come from GOV.UK assets', () => {
    expect(htmlList.listing(config, LIVE_ENDPOINTS)).toEqual({ url: PAGE, bucket: 'html-page', accept: 'text/html' });
    expect(htmlListDeclaration.hosts(config, LIVE_ENDPOINTS)).toEqual([
      'www.gov.uk',
      'assets.publishing.service.gov.uk',
    ]);
  });

  it.each(['debarment-list.html', 'debarment-list_row-added-and-removed.html'])(
    '%s parses to its golden rows',
    (file) => {
      expectGolden(read(file), join(FIXTURES, 'html-list', file.replace(/\.html$/, '.expected.json')));
    },
  );

  it('the t0 list, read by hand: 3 suppliers with ground, type, contracts and end date as ISO days', () => {
    const doc = read('debarment-list.html');
    expect(doc.docId).toBe('html-list:debarment-list');
    expect(doc.url).toBe('https://www.gov.uk/government/publications/debarment-list');
    expect(rows(doc)).toEqual([
      {
        supplier: 'Example Facilities Services Ltd',
        ground: 'Fraud (Schedule 6, paragraph 9)',
        type: 'mandatory',
        contracts: '',
        endDate: '2030-09-08',
      },
      expect.objectContaining({ supplier: 'Fictional Vision Technology Co. Ltd', endDate: '2028-06-16' }),
      expect.objectContaining({
        supplier: 'Northmoor Camera Supplies Ltd',
        type: 'discretionary',
        contracts: 'Contracts for the supply of surveillance cameras and associated equipment',
      }),
    ]);
    expect(doc.extra!.structure).toEqual({
      tables: 1,
      headers: ['contracts', 'exclusion ground', 'expected end date', 'mandatory or discretionary', 'supplier'],
    });
  });

  it('one supplier in, one out: supplier-debarred with ground, type, contracts and end date; supplier-removed', () => {
    const events = compare('debarment-list.html', 'debarment-list_row-added-and-removed.html');
    expect(events.map((e) => [e.type, e.title])).toEqual([
      ['supplier-debarred', 'Sample Imaging Systems Ltd'],
      ['supplier-removed', 'Fictional Vision Technology Co. Ltd'],
    ]);
    expect(events[0].summary).toBe(
      'Added to the debarment list: Sample Imaging Systems Ltd; Exclusion ground: National security (Schedule 7, paragraph 14); Mandatory or discretionary: discretionary; Contracts: Contracts for the supply of video surveillance systems to police forces; Expected end date: 4 February 2031.',
    );
  });

  it.each([
    ['rows reordered', 'debarment-list_row-added-and-removed_reordered.html'],
    ['columns reordered', 'debarment-list_columns-reordered.html'],
    ['headers renamed to synonyms, names re-cased, dates and types re-written', 'debarment-list_reformatted.html'],
  ])('%s: nothing to compare', (_what, file) => {
    const before = read('debarment-list_row-added-and-removed.html');
    const after = read(file);
    expect(htmlList.compare!(stored(before), after, config)).toEqual([]);
    expect(after.extra!.rows).toEqual(
      file.includes('reformatted')
        ? (before.extra!.rows as { key: string }[]).map((r) => expect.objectContaining({ key: r.key }))
        : before.extra!.rows,
    );
  });

  it('a changed end date is debarment-changed naming both dates; a changed ground is one debarment-changed, not out + in', () => {
    expect(compare('debarment-list.html', 'debarment-list_end-date-changed.html')).toEqual([
      expect.objectContaining({
        type: 'debarment-changed',
        title: 'Fictional Vision Technology Co. Ltd',
        summary:
          'Changed on the debarment list: Fictional Vision Technology Co. Ltd, Expected end date: 16 June 2028 → 16 December 2026.',
      }),
    ]);
    const before = read('debarment-list.html');
    const html = fixtureText('html-list/debarment-list.html').replace(
      'Fraud (Schedule 6, paragraph 9)',
      'Bribery (Schedule 6, paragraph 5)',
    );
    const after = htmlList.parseListing(fetched(PAGE, html), config, LIVE_ENDPOINTS).entries[0].inline!;
    expect(htmlList.compare!(stored(before), after, config).map((e) => [e.type, e.summary])).toEqual([
      [
        'debarment-changed',
        'Changed on the debarment list: Example Facilities Services Ltd, Exclusion ground: Fraud (Schedule 6, paragraph 9) → Bribery (Schedule 6, paragraph 5).',
      ],
    ]);
  });

  it('an empty table, or a page saying no supplier is listed, is zero rows, not a failure', () => {
    expect(read('debarment-list_empty-table.html').extra).toEqual({
      rows: [],
      structure: expect.objectContaining({ tables: 1 }),
    });
    const blank = read('debarment-list_empty-text.html');
    expect(blank.extra).toEqual({ rows: [], structure: { tables: 0, headers: [] } });
    expect(blank.text).toBe('');
  });

  it('headers renamed beyond recognition fail in one sentence naming the headers found', () => {
    expect(() => read('debarment-list_headers-renamed.html')).toThrow(ParseError);
    expect(() => read('debarment-list_headers-renamed.html')).toThrow(
      'No table of the debarment list has the columns it needs (Supplier, Exclusion ground, Expected end date): the headers found are "Organisation", "Reason", "Category", "Scope", "Review date", so nothing was compared.',
    );
  });

  it('a page with no table, no attachment and no words saying the list is empty fails: never "every supplier removed"', () => {
    expect(() => read('debarment-list_redesigned.html')).toThrow(
      /has no table, no CSV or HTML attachment.*markup changed/,
    );
  });

  it('a table split in two is read whole', () => {
    const split = read('debarment-list_split-tables.html');
    expect(split.extra!.rows).toEqual(read('debarment-list_row-added-and-removed.html').extra!.rows);
    expect((split.extra!.structure as { tables: number }).tables).toBe(2);
  });

  it('a list published as a CSV attachment: the page points at it, the CSV (title row, BOM, quoted cells) is read by its headers', () => {
    const entry = page('debarment-list_csv-attachment.html').entries[0];
    expect(entry.inline).toBeUndefined();
    expect(entry.detail).toEqual({
      url: 'https://www.gov.uk/media/5f0c1e2d3b4a/debarment-list.csv',
      bucket: 'html-page',
      accept: 'text/csv',
    });
    expect(entry.signal).toBe(entry.detail!.url);
    const csv = htmlList.parseDetail(
      fetched(entry.detail!.url, fixtureText('html-list/debarment-list.csv')),
      entry,
      config,
      LIVE_ENDPOINTS,
    );
    expect(csv.documents[0].extra!.rows).toEqual(read('debarment-list_row-added-and-removed.html').extra!.rows);
    expect(csv.documents[0].docId).toBe('html-list:debarment-list');
  });

  it('an ODS-only list says so in one sentence', () => {
    const html = fixtureText('html-list/debarment-list_csv-attachment.html').replace(
      'debarment-list.csv',
      'debarment-list.ods',
    );
    expect(() => htmlList.parseListing(fetched(PAGE, html), config, LIVE_ENDPOINTS)).toThrow(
      /published only as an ODS spreadsheet \(https:\/\/www\.gov\.uk\/media\/5f0c1e2d3b4a\/debarment-list\.ods\)/,
    );
  });
});

describe('html-list: a second look before believing a list change (suspicious)', () => {
  const sus = (a: string, b: string, c = config) => htmlList.suspicious!(stored(read(a)), read(b, c), c);

  it('ordinary edits are not suspicious: one in and one out, a reorder, an end date, the first supplier on an empty list', () => {
    expect(sus('debarment-list.html', 'debarment-list_row-added-and-removed.html')).toBeNull();
    expect(sus('debarment-list.html', 'debarment-list_reordered.html')).toBeNull();
    expect(sus('debarment-list.html', 'debarment-list_end-date-changed.html')).toBeNull();
    expect(sus('debarment-list_empty-text.html', 'debarment-list.html')).toBeNull();
    expect(sus('debarment-list_empty-table.html', 'debarment-list.html')).toBeNull();
  });

  it('most rows gone at once (3 → 1) is held, in one sentence; the share is configurable', () => {
    expect(sus('debarment-list_row-added-and-removed.html', 'debarment-list_one-table-left.html')).toBe(
      'the debarment list lost 2 of its 3 rows at once (more than 50%), so the change is held for a second look before any row is called removed.',
    );
    expect(
      sus('debarment-list_row-added-and-removed.html', 'debarment-list_one-table-left.html', {
        ...config,
        maxRowLoss: 0.9,
      }),
    ).toBeNull();
  });

  it('a changed structure is held: a table split in two, headers renamed to synonyms', () => {
    expect(sus('debarment-list_row-added-and-removed.html', 'debarment-list_split-tables.html')).toMatch(
      /^The table of the debarment list changed its structure \(1 table → 2\), so the change is held for a second look\.$/,
    );
    expect(sus('debarment-list_row-added-and-removed.html', 'debarment-list_reformatted.html')).toMatch(
      /headers "contracts"/,
    );
    expect(sus('debarment-list_row-added-and-removed.html', 'debarment-list_columns-reordered.html')).toBeNull();
  });
});
