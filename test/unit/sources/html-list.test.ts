import { join } from 'node:path';
import { ParseError } from '../../../lambdas/core/errors';
import type { DocumentSnapshot, StoredVersion } from '../../../lambdas/core/model';
import { htmlList, type HtmlListConfig } from '../../../lambdas/sources/html-list';
import { LIVE_ENDPOINTS } from '../../../lambdas/config';
import { fetched, FIXTURES, fixtureText } from '../../support/fixtures';
import { expectGolden } from '../../support/golden';

const config: HtmlListConfig = {
  id: 'debarment-list',
  kind: 'html-list',
  name: 'Debarment list',
  path: '/government/publications/debarment-list',
  container: '.govspeak table, .govuk-govspeak table',
  row: 'tbody tr',
  fields: {
    supplier: 'td:nth-child(1)',
    companyNumber: 'td:nth-child(2)',
    ground: 'td:nth-child(3)',
    added: 'td:nth-child(4)',
    until: 'td:nth-child(5)',
  },
  key: ['supplier'],
  listName: 'the debarment list',
  events: { added: 'supplier-debarred', removed: 'supplier-removed', changed: 'debarment-changed' },
};

function read(file: string): DocumentSnapshot {
  const url = `${LIVE_ENDPOINTS.govuk}${config.path}`;
  const page = htmlList.parseListing(fetched(url, fixtureText(`html-list/${file}`)), config, LIVE_ENDPOINTS);
  expect(page.next).toBeNull();
  expect(page.entries).toHaveLength(1);
  return page.entries[0].inline!;
}

function stored(doc: DocumentSnapshot): StoredVersion {
  return {
    docId: doc.docId,
    version: 1,
    hash: 'h',
    text: doc.text,
    title: doc.title,
    fetchedAt: '2026-01-01T00:00:00Z',
    changeNote: null,
    extra: doc.extra ?? null,
  };
}

describe('html-list', () => {
  it('validates its config: key fields must be fields', () => {
    expect(htmlList.schema.safeParse(config).success).toBe(true);
    const bad = htmlList.schema.safeParse({ ...config, key: ['name'] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message).join()).toMatch(/"name" is not one of the fields/);
  });

  it('reads the page from GOV.UK in the html-page bucket', () => {
    expect(htmlList.listing(config, LIVE_ENDPOINTS)).toEqual({
      url: 'https://www.gov.uk/government/publications/debarment-list',
      bucket: 'html-page',
      accept: 'text/html',
    });
  });

  it.each(['debarment-list.html', 'debarment-list_row-added-and-removed.html'])(
    '%s parses to its golden rows',
    (file) => {
      expectGolden(read(file), join(FIXTURES, 'html-list', file.replace(/\.html$/, '.expected.json')));
    },
  );

  it('a table gaining one row and losing another: exactly supplier-debarred + supplier-removed', () => {
    const events = htmlList.compare!(
      stored(read('debarment-list.html')),
      read('debarment-list_row-added-and-removed.html'),
      config,
    );
    expect(events.map((e) => [e.type, e.title])).toEqual([
      ['supplier-debarred', 'Sample Imaging Systems Ltd'],
      ['supplier-removed', 'Fictional Vision Technology Co. Ltd'],
    ]);
    expect(events[0].summary).toMatch(
      /^Added to the debarment list: supplier: Sample Imaging Systems Ltd; companyNumber: 13579246; ground: Mandatory exclusion: national security/,
    );
  });

  it('reordered rows: the same document, nothing to compare', () => {
    const before = read('debarment-list.html');
    const after = read('debarment-list_reordered.html');
    expect(after.text).toBe(before.text);
    expect(after.extra).toEqual(before.extra);
    expect(htmlList.compare!(stored(before), after, config)).toEqual([]);
  });

  it('a changed end date is debarment-changed, naming the field and both values', () => {
    const events = htmlList.compare!(
      stored(read('debarment-list.html')),
      read('debarment-list_end-date-changed.html'),
      config,
    );
    expect(events).toEqual([
      expect.objectContaining({
        type: 'debarment-changed',
        title: 'Fictional Vision Technology Co. Ltd',
        summary: 'Changed on the debarment list: until: "16 June 2028" → "16 December 2026".',
      }),
    ]);
  });

  it('markup that the selectors no longer find is a ParseError, never "every row removed"', () => {
    expect(() => read('debarment-list_redesigned.html')).toThrow(ParseError);
    expect(() => read('debarment-list_redesigned.html')).toThrow(/markup changed/);
    // A table is there but its cells moved: the row selector finds rows without keys.
    expect(
      () =>
        read.call(null, 'debarment-list.html') &&
        htmlList.parseListing(
          fetched('https://www.gov.uk/x', fixtureText('html-list/debarment-list.html')),
          { ...config, fields: { ...config.fields, supplier: 'th' } },
          LIVE_ENDPOINTS,
        ),
    ).toThrow(/matched no rows/);
  });

  it('an empty list is allowed only when configured', () => {
    const empty = fixtureText('html-list/debarment-list.html').replace(
      /<tbody>[\s\S]*<\/tbody>/,
      '<tbody>\n  </tbody>',
    );
    expect(() => htmlList.parseListing(fetched('https://www.gov.uk/x', empty), config, LIVE_ENDPOINTS)).toThrow(
      ParseError,
    );
    const page = htmlList.parseListing(
      fetched('https://www.gov.uk/x', empty),
      { ...config, allowEmpty: true },
      LIVE_ENDPOINTS,
    );
    expect(page.entries[0].inline!.extra).toEqual({ rows: [] });
  });

  it('generic event names when the list is not configured with its own', () => {
    const { events: _e, ...plain } = config;
    const events = htmlList.compare!(
      stored(read('debarment-list.html')),
      read('debarment-list_row-added-and-removed.html'),
      plain as HtmlListConfig,
    );
    expect(events.map((e) => e.type)).toEqual(['row-added', 'row-removed']);
  });
});
