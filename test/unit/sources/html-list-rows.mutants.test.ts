/**
 * html-list's row diff, second look and table reading (diff-rows.ts, row-sanity.ts, parse-table.ts): the
 * edges mutation testing found unchecked, on small rows and tables written here with the debarment list's
 * columns and invented suppliers (pure functions), and on the composed CSV-attachment page with its link
 * changed.
 */
import type { DocumentSnapshot, StoredVersion } from '../../../lambdas/core/model';
import { diffRows, type RowLabels } from '../../../lambdas/sources/html-list/diff-rows';
import type { Row } from '../../../lambdas/sources/html-list/parse-rows';
import { readCsvList, readTablePage } from '../../../lambdas/sources/html-list/parse-table';
import { rowSanity } from '../../../lambdas/sources/html-list/row-sanity';
import type { TableSpec } from '../../../lambdas/sources/html-list/table-spec';
import { fixtureText } from '../../support/fixtures';
import { parseErrorOf as errorOf } from '../../support/source-results';

const NAMES = { added: 'supplier-debarred', removed: 'supplier-removed', changed: 'debarment-changed' };
const LABELS: RowLabels = { list: 'the debarment list', titleField: 'supplier' };
const row = (supplier: string, ground: string, endDate = ''): Row => ({
  key: `${supplier.toLowerCase()} | ${ground.toLowerCase()}`,
  fields: { supplier, ground, endDate },
});

describe('row diff', () => {
  it('a row changed in two fields: both named, "; " between them, keyed by the row', () => {
    const before = [row('Example Ltd', 'Fraud', '2030-01-01')];
    const after = [
      {
        ...row('Example Ltd', 'Fraud', '2031-01-01'),
        fields: { supplier: 'Example Ltd', ground: 'Fraud', endDate: '2031-01-01', note: 'Appeal' },
      },
    ];
    expect(diffRows(before, after, NAMES, LABELS)).toEqual([
      {
        type: 'debarment-changed',
        key: 'row:example ltd | fraud',
        title: 'Example Ltd',
        summary: 'Changed on the debarment list: Example Ltd, endDate: 2030-01-01 → 2031-01-01; note: (none) → Appeal.',
        text: 'supplier: Example Ltd; ground: Fraud; endDate: 2031-01-01; note: Appeal',
      },
    ]);
  });

  it('rows of two suppliers whose names merely start alike are not paired', () => {
    const events = diffRows([row('Example Ltd', 'Fraud')], [row('Exemplar Ltd', 'Bribery')], NAMES, LABELS);
    expect(events.map((e) => [e.type, e.key])).toEqual([
      ['supplier-debarred', 'row:exemplar ltd | bribery'],
      ['supplier-removed', 'row:example ltd | fraud'],
    ]);
    expect(events[1].summary).toBe('Removed from the debarment list: Example Ltd; ground: Fraud.');
  });

  it('one supplier, two new grounds for one old: ambiguous, so no pairing', () => {
    const events = diffRows(
      [row('Example Ltd', 'Fraud'), row('Other Ltd', 'Theft')],
      [row('Example Ltd', 'Bribery'), row('Example Ltd', 'Misconduct'), row('Other Ltd', 'Theft')],
      NAMES,
      LABELS,
    );
    expect(events.map((e) => [e.type, e.key])).toEqual([
      ['supplier-debarred', 'row:example ltd | bribery'],
      ['supplier-debarred', 'row:example ltd | misconduct'],
      ['supplier-removed', 'row:example ltd | fraud'],
    ]);
  });

  it('one supplier whose ground changed while another supplier was added: one change and one addition', () => {
    const events = diffRows(
      [row('Example Ltd', 'Fraud')],
      [row('Example Ltd', 'Bribery'), row('Other Ltd', 'Theft')],
      NAMES,
      LABELS,
    );
    expect(events.map((e) => [e.type, e.key])).toEqual([
      ['debarment-changed', 'row:example ltd | bribery'],
      ['supplier-debarred', 'row:other ltd | theft'],
    ]);
  });
});

const version = (extra: Record<string, unknown> | null): StoredVersion => ({
  docId: 'html-list:debarment-list',
  version: 1,
  hash: 'h',
  text: '',
  title: 'Debarment list',
  fetchedAt: '2026-01-01T00:00:00Z',
  changeNote: null,
  extra,
});
const snapshot = (extra: Record<string, unknown> | undefined): DocumentSnapshot => ({
  docId: 'html-list:debarment-list',
  url: 'https://www.gov.uk/government/publications/debarment-list',
  title: 'Debarment list',
  documentType: 'html-list',
  text: '',
  signal: 's',
  publishedAt: null,
  updatedAt: null,
  changeNote: null,
  withdrawn: null,
  organisations: [],
  attachments: [],
  parentId: null,
  extra,
});
const rowsNamed = (...names: string[]) => names.map((n) => row(n, 'Fraud'));
const sanity = (before: Record<string, unknown> | null, after: Record<string, unknown> | undefined, maxRowLoss = 0.5) =>
  rowSanity(version(before), snapshot(after), { maxRowLoss, list: 'the debarment list' });

describe('the second look', () => {
  it('both of two rows gone is held; half of four is not; one of three never is', () => {
    expect(sanity({ rows: rowsNamed('A', 'B') }, { rows: [] })).toBe(
      'the debarment list lost 2 of its 2 rows at once (more than 50%), so the change is held for a second look ' +
        'before any row is called removed.',
    );
    expect(sanity({ rows: rowsNamed('A', 'B', 'C', 'D') }, { rows: rowsNamed('C', 'D') })).toBeNull();
    expect(sanity({ rows: rowsNamed('A', 'B', 'C') }, { rows: rowsNamed('B', 'C') }, 0.3)).toBeNull();
    expect(sanity({ rows: rowsNamed('A') }, { rows: [] }, 0.1)).toBeNull();
  });

  it('a version without rows or structure is never held', () => {
    expect(sanity(null, { rows: [] })).toBeNull();
    expect(sanity({ rows: rowsNamed('A') }, undefined)).toBeNull();
    const s = { tables: 1, headers: ['supplier'] };
    expect(
      sanity({ rows: [], structure: { tables: 1 } }, { rows: [], structure: { tables: 2, headers: [] } }),
    ).toBeNull();
    expect(sanity({ rows: [], structure: { headers: [] } }, { rows: [], structure: { ...s, tables: 2 } })).toBeNull();
    expect(sanity({ rows: [] }, { rows: [], structure: s })).toBeNull();
    expect(sanity({ rows: [], structure: s }, { rows: [] })).toBeNull();
    expect(sanity({ rows: [], structure: { tables: 0, headers: [] } }, { rows: [], structure: s })).toBeNull();
    expect(sanity({ rows: [], structure: s }, { rows: [], structure: { tables: 0, headers: [] } })).toBeNull();
  });

  it('headers alone changed, or tables alone (plural), are said alone', () => {
    const a = { tables: 1, headers: ['ground', 'supplier'] };
    expect(sanity({ rows: [], structure: a }, { rows: [], structure: { ...a, headers: ['ground', 'name'] } })).toBe(
      'The table of the debarment list changed its structure (headers "ground", "supplier" → "ground", "name"), ' +
        'so the change is held for a second look.',
    );
    expect(sanity({ rows: [], structure: { ...a, tables: 2 } }, { rows: [], structure: a })).toBe(
      'The table of the debarment list changed its structure (2 tables → 1), so the change is held for a second look.',
    );
  });
});

const SPEC: TableSpec = {
  columns: { supplier: ['Supplier'], ground: ['Exclusion ground', 'Ground'], endDate: ['Expected end date'] },
  dates: ['endDate'],
  emptyText: ['There are currently no suppliers on the debarment list'],
};
const KEY = ['supplier'];
const PAGE = 'https://www.gov.uk/government/publications/debarment-list';
const WHERE = { url: PAGE, source: 'debarment-list', list: 'the debarment list' };
const table = (head: string, ...body: string[]) =>
  `<table>${head}<tbody>${body.map((r) => `<tr>${r}</tr>`).join('')}</tbody></table>`;
const HEAD = '<thead><tr><th>Supplier</th><th>Exclusion ground</th><th>Expected end date</th></tr></thead>';
const tds = (...cells: string[]) => cells.map((c) => `<td>${c}</td>`).join('');
const readPage = (html: string, options = { followAttachment: true }, spec = SPEC) =>
  readTablePage(html, PAGE, spec, KEY, WHERE, options);
const rowsOf = (html: string) => {
  const read = readPage(html);
  if (read.kind !== 'rows') throw new Error(read.kind);
  return read.read;
};

describe('tables read by their headers', () => {
  it('rows sorted by key, a repeated row numbered, a row without a key skipped, the first of two columns of a field', () => {
    const html = table(
      '<thead><tr><th>Supplier</th><th>Ground</th><th>Exclusion ground</th><th>Expected end date</th></tr></thead>',
      tds('Northmoor Ltd', 'Fraud', 'Theft', '2 March 2030'),
      tds('Example Ltd', 'Bribery', '', ''),
      tds('', 'Misconduct', '', ''),
      tds('Example Limited', 'Bribery', '', ''),
    );
    const read = rowsOf(html);
    expect(read.rows.map((r) => [r.key, r.fields.ground])).toEqual([
      ['example ltd', 'Bribery'],
      ['example ltd #2', 'Bribery'],
      ['northmoor ltd', 'Fraud'],
    ]);
    expect(read.structure).toEqual({
      tables: 1,
      headers: ['exclusion ground', 'expected end date', 'ground', 'supplier'],
    });
  });

  it('without a thead the first row is the header; with several header rows, the last', () => {
    const plain = `<table><tr><th>Supplier</th><th>Exclusion ground</th></tr><tr>${tds('Example Ltd', 'Fraud')}</tr></table>`;
    expect(rowsOf(plain).rows.map((r) => r.fields)).toEqual([
      { supplier: 'Example Ltd', ground: 'Fraud', endDate: '' },
    ]);
    const twoHeads = table(
      '<thead><tr><th colspan="2">Debarred suppliers</th></tr><tr><th>Supplier</th><th>Notes</th></tr>' +
        '<tr><th>Supplier</th><th>Exclusion ground</th></tr></thead>',
      tds('Example Ltd', 'Fraud'),
    );
    expect(rowsOf(twoHeads).rows.map((r) => r.fields.ground)).toEqual(['Fraud']);
  });

  it('a table missing a required column is not read; the error names each header found once', () => {
    const html =
      table('<thead><tr><th>Supplier</th><th></th><th>Notes</th></tr></thead>', tds('Example Ltd', '', '')) +
      table('<thead><tr><th>Supplier</th><th>Notes</th></tr></thead>', tds('Other Ltd', ''));
    const err = errorOf(() =>
      readPage(html, { followAttachment: true }, { ...SPEC, required: ['supplier', 'ground'] }),
    );
    expect(err.context).toEqual({ url: PAGE, source: 'debarment-list', field: 'columns' });
    expect(err.message).toContain('the headers found are "Supplier", "Notes",');
  });

  it('the main element is the scope when there is one', () => {
    const html = `<body>${table(HEAD, tds('Outside Ltd', 'Fraud', ''))}<main>${table(HEAD, tds('Example Ltd', 'Fraud', ''))}</main></body>`;
    expect(rowsOf(html).rows.map((r) => r.key)).toEqual(['example ltd']);
  });

  it('no table and no words saying the list is empty: the page fails on its table unless an attachment is followed', () => {
    const page = fixtureText('html-list/debarment-list_csv-attachment.html');
    expect(readPage(page)).toEqual({
      kind: 'attachment',
      url: 'https://www.gov.uk/media/5f0c1e2d3b4a/debarment-list.csv',
      format: 'csv',
    });
    for (const [options, spec] of [
      [{ followAttachment: false }, SPEC],
      [{ followAttachment: true }, { ...SPEC, attachments: false }],
    ] as const) {
      const err = errorOf(() => readPage(page, options, spec));
      expect(err.context).toEqual({ url: PAGE, source: 'debarment-list', field: 'table' });
    }
  });

  it('an HTML attachment under the page on the same host is followed; a mailto, another host or a file is not', () => {
    const links = (...hrefs: string[]) =>
      `<main><section class="attachment">${hrefs.map((h) => `<a href="${h}">x</a>`).join('')}</section></main>`;
    expect(readPage(links('mailto:debarment@cabinetoffice.gov.uk', `${PAGE}/annex`))).toEqual({
      kind: 'attachment',
      url: `${PAGE}/annex`,
      format: 'html',
    });
    for (const other of [
      'https://www.example.com/government/publications/debarment-list/annex',
      '/government/publications/debarment-list-2025',
      '/annex/government/publications/debarment-list',
      '/government/publications/debarment-list/annex.pdf',
      'ftp://files.example.test/debarment-list.csv',
    ]) {
      expect(errorOf(() => readPage(links(other))).context.field).toBe('table');
    }
    expect(readPage(links('/media/a.csv/view', '/media/b.CSV'))).toEqual({
      kind: 'attachment',
      url: 'https://www.gov.uk/media/b.CSV',
      format: 'csv',
    });
    const ods = errorOf(() => readPage(links('/media/list.ods')));
    expect(ods.context).toEqual({ url: PAGE, source: 'debarment-list', field: 'attachment' });
  });
});

describe('CSV lists', () => {
  const header = 'Supplier,Exclusion ground,Expected end date';
  it('the header is looked for in the first ten rows only, after a byte-order mark', () => {
    const title = Array.from({ length: 9 }, (_, i) => `Note ${i + 1}`);
    expect(
      readCsvList(`\uFEFF${[...title, header, 'Example Ltd,Fraud,2 March 2030'].join('\n')}`, SPEC, KEY, WHERE).rows,
    ).toEqual([{ key: 'example ltd', fields: { supplier: 'Example Ltd', ground: 'Fraud', endDate: '2030-03-02' } }]);
    const late = [...title, 'Note 10', header, 'Example Ltd,Fraud,2 March 2030'].join('\n');
    expect(errorOf(() => readCsvList(late, SPEC, KEY, WHERE)).context.field).toBe('columns');
    expect(errorOf(() => readCsvList('Note 1', SPEC, KEY, WHERE)).context.field).toBe('columns');
    expect(readCsvList(`\uFEFF${header}\nExample Ltd,Fraud,`, SPEC, KEY, WHERE).rows.map((r) => r.key)).toEqual([
      'example ltd',
    ]);
    expect(errorOf(() => readCsvList('', SPEC, KEY, WHERE)).message).toContain('the headers found are none');
  });

  it('a body that is not CSV keeps the parser error as its cause', () => {
    const err = errorOf(() => readCsvList(`${header}\n"Example Ltd,Fraud`, SPEC, KEY, WHERE));
    expect(err.context).toEqual({ url: PAGE, source: 'debarment-list' });
    expect(err.cause).toBeInstanceOf(Error);
    expect(err.message).toContain(PAGE);
  });
});
