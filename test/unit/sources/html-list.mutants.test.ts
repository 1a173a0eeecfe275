/**
 * html-list's edges that mutation testing found unchecked: how cell values become canonical (dates,
 * names, headers), the selector mode (`row` + `fields`) on the recorded-template debarment page, titles,
 * detail reads, and the comparison and second look on rows missing or changed. Pages are the composed
 * debarment pages of test/fixtures/html-list/ (see test/fixtures/README.md), with values changed in code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentSnapshot, StoredVersion } from '../../../lambdas/core/model';
import { LIVE_ENDPOINTS } from '../../../lambdas/config';
import { htmlList, type HtmlListConfig } from '../../../lambdas/sources/html-list';
import {
  clean,
  displayDay,
  headerKey,
  isoDay,
  labelOf,
  nameKey,
  rowOf,
  shown,
  valueKey,
  type TableSpec,
} from '../../../lambdas/sources/html-list/table-spec';
import { tableSpecSchema } from '../../../lambdas/sources/html-list/table-spec-schema';
import { fetched, fixtureText } from '../../support/fixtures';
import { parseErrorOf as errorOf, storedVersionOf } from '../../support/source-results';
import { htmlListDeclaration } from '../../../lambdas/sources/html-list/declaration';

const debarment = (
  JSON.parse(readFileSync(join(__dirname, '../../../procwatch.config.json'), 'utf8')).sources as HtmlListConfig[]
).find((s) => s.id === 'debarment-list')!;
const PAGE = `${LIVE_ENDPOINTS.govuk}${debarment.path}`;
const T0 = fixtureText('html-list/debarment-list.html');

const stored = (doc: DocumentSnapshot): StoredVersion => storedVersionOf(doc, '2026-01-01T00:00:00Z');

describe('dates as written on a page → ISO days', () => {
  it.each([
    ['2030-03-02', '2030-03-02'],
    [' 2030-03-02 ', '2030-03-02'],
    ['2030-3-02', '2030-3-02'],
    ['2030-03-2', '2030-03-2'],
    ['x2030-03-02', 'x2030-03-02'],
    ['2030-03-02x', '2030-03-02x'],
    ['02/03/2030', '2030-03-02'],
    ['2.3.2030', '2030-03-02'],
    ['1/1/2030', '2030-01-01'],
    ['31/12/2030', '2030-12-31'],
    ['0/03/2030', '0/03/2030'],
    ['32/03/2030', '32/03/2030'],
    ['01/00/2030', '01/00/2030'],
    ['01/13/2030', '01/13/2030'],
    ['x02/03/2030', 'x02/03/2030'],
    ['02/03/2030x', '02/03/2030x'],
    ['2 March 2030', '2030-03-02'],
    ['2nd Mar. 2030', '2030-03-02'],
    ['2 January 2030', '2030-01-02'],
    ['Monday, 2 March 2030', '2030-03-02'],
    ['Monday 2 March 2030', '2030-03-02'],
    ['from 2 March 2030', 'from 2 March 2030'],
    ['2 March 2030 onwards', '2 March 2030 onwards'],
    ['2 Smarch 2030', '2 Smarch 2030'],
    ['2 Ma 2030', '2 Ma 2030'],
    ['until revoked', 'until revoked'],
  ])('%j → %j', (written, iso) => {
    expect(isoDay(written)).toBe(iso);
  });

  it('ISO days written out for people; anything else as it is', () => {
    expect(displayDay('2030-03-02')).toBe('2 March 2030');
    expect(displayDay('2030-12-31')).toBe('31 December 2030');
    expect(displayDay('x2030-03-02')).toBe('x2030-03-02');
    expect(displayDay('2030-03-02x')).toBe('2030-03-02x');
    expect(displayDay('until revoked')).toBe('until revoked');
  });
});

describe('headers, names and values as compared', () => {
  it('headers lose notes in brackets, footnote marks and punctuation', () => {
    expect(headerKey('Contracts (national security debarments)')).toBe('contracts');
    expect(headerKey('Supplier [note 1]')).toBe('supplier');
    expect(headerKey('Expected(note)end date')).toBe('expected end date');
    expect(headerKey('Expected  -  end date')).toBe('expected end date');
  });

  it('names: "&" is "and", "Limited" is "Ltd", "Public Limited Company" is "PLC"', () => {
    expect(nameKey('Smith & Sons')).toBe('smith and sons');
    expect(nameKey('Example Facilities Services Limited')).toBe('example facilities services ltd');
    expect(nameKey('Example Imaging Public Limited Company')).toBe('example imaging plc');
    expect(nameKey('Example Imaging Public Limited Company')).toBe(nameKey('EXAMPLE IMAGING PLC'));
  });

  it('values keep what is in brackets; cells lose their runs of whitespace', () => {
    expect(valueKey('Fraud(Schedule 6, paragraph 9)')).toBe('fraud schedule 6 paragraph 9');
    expect(clean('  Example \n  Facilities\tLtd ')).toBe('Example Facilities Ltd');
  });
});

describe('one row as stored (rowOf)', () => {
  const spec: TableSpec = {
    columns: { supplier: ['Supplier'], ground: ['Exclusion ground'], type: ['Type'], endDate: ['End date'] },
    dates: ['endDate'],
    values: { type: { mandatory: ['mandatory'], discretionary: ['discretionary'] } },
    inferFrom: { type: 'ground' },
  };

  it('a missing cell and an empty date are empty; the type is inferred from the ground when absent', () => {
    expect(
      rowOf(spec, ['supplier'], { supplier: ' Example  Ltd ', ground: 'Mandatory ground: fraud', endDate: '' }),
    ).toEqual({
      key: 'example ltd',
      fields: { supplier: 'Example Ltd', ground: 'Mandatory ground: fraud', type: 'mandatory', endDate: '' },
    });
    expect(rowOf(spec, ['supplier'], { supplier: 'Example Ltd', ground: 'Professional misconduct' })?.fields.type).toBe(
      '',
    );
  });

  it('a spec without dates, values or inference reads cells as written', () => {
    const plain: TableSpec = { columns: { supplier: ['Supplier'], endDate: ['End date'] } };
    expect(rowOf(plain, ['supplier'], { supplier: 'Example Ltd', endDate: '2 March 2030' })).toEqual({
      key: 'example ltd',
      fields: { supplier: 'Example Ltd', endDate: '2 March 2030' },
    });
  });

  it('a row needs one key field, not all; a key field that is no column counts as empty', () => {
    expect(rowOf(spec, ['supplier', 'ground'], { supplier: 'Example Ltd' })?.key).toBe('example ltd | ');
    expect(rowOf(spec, ['supplier', 'ground'], { type: 'Mandatory' })).toBeNull();
    expect(rowOf(spec, ['supplier', 'other'], { supplier: 'Example Ltd' })?.key).toBe('example ltd | ');
  });

  it('labels and shown values without a spec, or for a field the spec does not name', () => {
    expect(labelOf(undefined, 'supplier')).toBe('supplier');
    expect(labelOf(spec, 'other')).toBe('other');
    expect(labelOf(spec, 'endDate')).toBe('End date');
    expect(shown(undefined, 'endDate', '2030-03-02')).toBe('2030-03-02');
    expect(shown({ columns: spec.columns }, 'endDate', '2030-03-02')).toBe('2030-03-02');
    expect(shown(spec, 'endDate', '2030-03-02')).toBe('2 March 2030');
  });

  it('a table spec needs at least one column', () => {
    expect(tableSpecSchema.safeParse({ columns: {} }).success).toBe(false);
    expect(tableSpecSchema.safeParse({ columns: { a: ['A'] } }).success).toBe(true);
  });
});

describe('a list read by selectors (row + fields)', () => {
  const selectors: HtmlListConfig = {
    id: 'debarment-selectors',
    kind: 'html-list',
    path: debarment.path,
    container: 'table',
    row: 'tbody tr',
    fields: { supplier: 'td:nth-child(1)', ground: 'td:nth-child(2)', endDate: 'td:nth-child(5)' },
    key: ['supplier'],
  };
  const read = (html: string, config: HtmlListConfig = selectors): DocumentSnapshot =>
    htmlList.parseListing(fetched(PAGE, html), config, LIVE_ENDPOINTS).entries[0].inline!;
  const rows = (doc: DocumentSnapshot) => doc.extra!.rows as { key: string; fields: Record<string, string> }[];

  it('rows sorted by key, cells cleaned, the title from the page heading', () => {
    const html = T0.replace('<td>Northmoor Camera Supplies Ltd</td>', '<td>\n  Northmoor   Camera Supplies Ltd\n</td>');
    const doc = read(html);
    expect(rows(doc)).toEqual([
      {
        key: 'Example Facilities Services Ltd',
        fields: {
          supplier: 'Example Facilities Services Ltd',
          ground: 'Fraud (Schedule 6, paragraph 9)',
          endDate: '8 September 2030',
        },
      },
      expect.objectContaining({ key: 'Fictional Vision Technology Co. Ltd' }),
      expect.objectContaining({ key: 'Northmoor Camera Supplies Ltd' }),
    ]);
    expect(doc.extra).toEqual({ rows: rows(doc) });
    expect(doc.title).toBe('Debarment list');
    expect(doc.text.split('\n')[0]).toBe(
      'supplier: Example Facilities Services Ltd | ground: Fraud (Schedule 6, paragraph 9) | endDate: 8 September 2030',
    );
  });

  it('a heading spread over lines is one line; no heading is the id; a configured name wins', () => {
    const spread = T0.replace('<h1>Debarment list</h1>', '<h1>\n  Debarment\n   list  </h1>');
    expect(read(spread).title).toBe('Debarment list');
    expect(read(T0.replace(/<h1>[^<]*<\/h1>/g, '')).title).toBe('debarment-selectors');
    expect(read(T0, { ...selectors, name: 'Debarment (selectors)' }).title).toBe('Debarment (selectors)');
  });

  it('a header row has no key and is no row; two key fields joined by " | "; "" is the row itself', () => {
    const doc = read(T0, { ...selectors, row: 'tr', key: ['supplier', 'ground'] });
    expect(rows(doc).map((r) => r.key)).toEqual([
      'Example Facilities Services Ltd | Fraud (Schedule 6, paragraph 9)',
      'Fictional Vision Technology Co. Ltd | Professional misconduct (Schedule 7, paragraph 12)',
      'Northmoor Camera Supplies Ltd | National security (Schedule 7, paragraph 14)',
    ]);
    const whole = read(T0, { ...selectors, fields: { entry: '' }, key: ['entry'] });
    expect(rows(whole)[0].fields.entry).toBe(
      'Example Facilities Services Ltd Fraud (Schedule 6, paragraph 9) Mandatory 8 September 2030',
    );
  });

  it('a row listed twice, in any case, is numbered', () => {
    const row = '<td>Example Facilities Services Ltd</td>';
    const html = T0.replace(
      '<tbody>',
      `<tbody><tr>${row.toUpperCase().replace('<TD>', '<td>').replace('</TD>', '</td>')}</tr>`,
    );
    expect(rows(read(html)).map((r) => r.key)).toEqual([
      'EXAMPLE FACILITIES SERVICES LTD',
      'Example Facilities Services Ltd #2',
      'Fictional Vision Technology Co. Ltd',
      'Northmoor Camera Supplies Ltd',
    ]);
  });

  it('no container, or no rows, fails naming the field; an allowed empty list is no rows', () => {
    const err = errorOf(() => read(T0, { ...selectors, container: 'table.debarments' }));
    expect(err.context).toEqual(
      expect.objectContaining({ url: PAGE, source: 'debarment-selectors', field: 'container' }),
    );
    expect(err.message).toContain('table.debarments');
    const none = errorOf(() => read(T0, { ...selectors, row: 'tbody tr.entry' }));
    expect(none.context).toEqual(expect.objectContaining({ url: PAGE, source: 'debarment-selectors', field: 'row' }));
    expect(none.message).toContain('tbody tr.entry');
    expect(rows(read(T0, { ...selectors, row: 'tbody tr.entry', allowEmpty: true }))).toEqual([]);
    expect(rows(read(T0, { ...selectors, container: undefined }))).toHaveLength(3);
  });

  it('a detail read of the list page gives the page; a selector list never reads an attachment', () => {
    const entry = { docId: 'html-list:debarment-selectors', url: PAGE, title: 'Debarment list', signal: '' };
    const detail = htmlList.parseDetail(fetched(PAGE, T0), entry, selectors, LIVE_ENDPOINTS);
    expect(detail.follow).toEqual([]);
    expect(detail.documents.map((d) => rows(d).length)).toEqual([3]);
    const other = htmlList.parseDetail(fetched(`${PAGE}/annex`, T0), entry, selectors, LIVE_ENDPOINTS);
    expect(other.documents.map((d) => d.docId)).toEqual(['html-list:debarment-selectors']);
  });
});

describe('the config of a list', () => {
  const base = { id: 'list-a', kind: 'html-list', path: '/government/publications/x', key: ['a'] };
  const messages = (c: object) =>
    htmlListDeclaration.schema.safeParse(c).error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];

  it('selectors need both row and fields, at least one field, and the key among them', () => {
    expect(messages({ ...base, row: 'tr', fields: { a: 'td' } })).toEqual([]);
    expect(messages({ ...base, row: 'tr' })).toEqual([
      ['row', 'selector lists need both "row" and "fields"'],
      ['key', '"a" is not one of the fields ()'],
    ]);
    expect(messages({ ...base, fields: { a: 'td' } })).toEqual(
      expect.arrayContaining([['row', 'selector lists need both "row" and "fields"']]),
    );
    expect(messages(base)).toEqual(expect.arrayContaining([['table', 'needs either "table" or "row" with "fields"']]));
    expect(htmlListDeclaration.schema.safeParse({ ...base, row: 'tr', fields: {} }).success).toBe(false);
    expect(messages({ ...base, row: 'tr', fields: { b: 'td' } })).toEqual([
      ['key', '"a" is not one of the fields (b)'],
    ]);
    expect(messages({ ...base, row: 'tr', fields: { a: 'td' }, titleField: 'c' })).toEqual([
      ['key', '"c" is not one of the fields (a)'],
    ]);
    expect(messages({ ...debarment, table: { ...debarment.table!, required: ['ground', 'x'] } })).toEqual([
      ['key', '"x" is not one of the fields (supplier, ground, type, contracts, endDate)'],
    ]);
  });
});

describe('comparing lists', () => {
  const readT = (html: string, config: HtmlListConfig = debarment) =>
    htmlList.parseListing(fetched(PAGE, html), config, LIVE_ENDPOINTS).entries[0].inline!;
  const T2 = fixtureText('html-list/debarment-list_row-added-and-removed.html');

  it('without a title field the first key field names a row as written, not its key', () => {
    const { titleField: _t, ...untitled } = debarment;
    const events = htmlList.compare!(stored(readT(T0)), readT(T2), untitled);
    expect(events.map((e) => [e.type, e.key, e.title])).toEqual([
      ['supplier-debarred', 'row:sample imaging systems ltd | national security', 'Sample Imaging Systems Ltd'],
      [
        'supplier-removed',
        'row:fictional vision technology co ltd | professional misconduct',
        'Fictional Vision Technology Co. Ltd',
      ],
    ]);
    expect(events[1].summary).toBe(
      'Removed from the debarment list: Fictional Vision Technology Co. Ltd; Exclusion ground: Professional ' +
        'misconduct (Schedule 7, paragraph 12); Mandatory or discretionary: discretionary; Expected end date: 16 June 2028.',
    );
    expect(events[1].text).toBe(
      'Supplier: Fictional Vision Technology Co. Ltd; Exclusion ground: Professional misconduct (Schedule 7, ' +
        'paragraph 12); Mandatory or discretionary: discretionary; Expected end date: 16 June 2028',
    );
    const byGround = htmlList.compare!(stored(readT(T0)), readT(T2), { ...debarment, titleField: 'ground' });
    expect(byGround[0].title).toBe('National security (Schedule 7, paragraph 14)');
  });

  it('a version stored without rows compares as an empty list', () => {
    const after = readT(T0);
    expect(htmlList.compare!({ ...stored(after), extra: null }, after, debarment).map((e) => e.type)).toEqual([
      'supplier-debarred',
      'supplier-debarred',
      'supplier-debarred',
    ]);
    expect(htmlList.compare!({ ...stored(after), extra: { rows: 'x' } }, { ...after, extra: {} }, debarment)).toEqual(
      [],
    );
  });
});

describe('detail reads of a header-driven list', () => {
  const CSV_PAGE = fixtureText('html-list/debarment-list_csv-attachment.html');
  const T2 = fixtureText('html-list/debarment-list_row-added-and-removed.html');
  const entry = { docId: 'html-list:debarment-list', url: PAGE, title: 'Debarment list', signal: '' };
  const detail = (url: string, body: string, headers: Record<string, string> = {}) =>
    htmlList.parseDetail(fetched(url, body, 200, headers), entry, debarment, LIVE_ENDPOINTS);
  const rowCounts = (d: ReturnType<typeof detail>) =>
    d.documents.map((doc) => (doc.extra!.rows as { key: string }[]).length);

  it('a CSV known by its content type, wherever it is', () => {
    const csv = fixtureText('html-list/debarment-list.csv');
    expect(
      rowCounts(
        detail('https://assets.publishing.service.gov.uk/media/5f0c/download', csv, {
          'content-type': 'text/csv; charset=utf-8',
        }),
      ),
    ).toEqual([3]);
    expect(rowCounts(detail('https://assets.publishing.service.gov.uk/media/5f0c/debarment-list.CSV', csv))).toEqual([
      3,
    ]);
  });

  it('an HTML attachment is read for its tables, even under a path naming .csv, and never followed further', () => {
    expect(rowCounts(detail(`${PAGE}/annex.csv/view`, T2))).toEqual([3]);
    const err = errorOf(() => detail(`${PAGE}/annex`, CSV_PAGE));
    expect(err.context).toEqual({ url: `${PAGE}/annex`, source: 'debarment-list', field: 'table' });
  });

  it('the list page itself pointing at its attachment is no document; an HTML attachment is asked for as HTML', () => {
    expect(detail(PAGE, CSV_PAGE)).toEqual({ documents: [], follow: [] });
    const html = CSV_PAGE.replace('/media/5f0c1e2d3b4a/debarment-list.csv', `${debarment.path}/annex`);
    const listed = htmlList.parseListing(fetched(PAGE, html), debarment, LIVE_ENDPOINTS).entries[0];
    expect(listed.detail).toEqual({ url: `${PAGE}/annex`, bucket: 'html-page', accept: 'text/html' });
    const { name: _n, ...unnamed } = debarment;
    expect(htmlList.parseListing(fetched(PAGE, html), unnamed, LIVE_ENDPOINTS).entries[0].title).toBe('Debarment list');
    const headless = html.replace(/<h1>[^<]*<\/h1>/g, '');
    expect(htmlList.parseListing(fetched(PAGE, headless), unnamed, LIVE_ENDPOINTS).entries[0].title).toBe(
      'debarment-list',
    );
  });
});
