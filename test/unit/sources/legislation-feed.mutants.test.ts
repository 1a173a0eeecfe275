/**
 * legislation-feed's edges that mutation testing found unchecked (docs/test-strength.md), on small Atom
 * feeds written here: damaged or partial entries, paging, which entries are relevant, and the wording
 * of the facts an event states (its label, terms, what changed), not of error messages.
 */
import type { DocumentSnapshot, StoredVersion } from '../../../lambdas/core/model';
import { LIVE_ENDPOINTS } from '../../../lambdas/config';
import { legislationFeed, type LegislationFeedConfig } from '../../../lambdas/sources/legislation-feed';
import { legislationKey, parseFeed } from '../../../lambdas/sources/legislation-feed/atom-feed';
import { fetched } from '../../support/fixtures';
import { parseErrorOf } from '../../support/source-results';
import { legislationFeedDeclaration } from '../../../lambdas/sources/legislation-feed/declaration';

const FEED_URL = 'https://www.legislation.gov.uk/new/data.feed';
const terms: LegislationFeedConfig = {
  id: 'new-legislation',
  kind: 'legislation-feed',
  path: '/new/data.feed',
  terms: ['procurement', 'public contracts'],
  maxPages: 3,
};
const everything: LegislationFeedConfig = { ...terms, id: 'all', terms: undefined };

interface EntryXml {
  id?: string;
  title?: string;
  summary?: string;
  type?: string;
  year?: string;
  number?: string;
  subjects?: string[];
  categories?: (string | null)[];
}

function entry(e: EntryXml = {}): string {
  const meta = (tag: string, v?: string) => (v === undefined ? '' : `<ukm:${tag} Value="${v}"/>`);
  return [
    '<entry>',
    e.id === undefined ? '<id>http://www.legislation.gov.uk/id/uksi/2024/1</id>' : e.id && `<id>${e.id}</id>`,
    `<title>${e.title ?? 'The Procurement Regulations 2024'}</title>`,
    '<updated>2024-01-02T00:00:00Z</updated>',
    e.summary === undefined ? '' : `<summary>${e.summary}</summary>`,
    meta('DocumentMainType', e.type),
    meta('Year', e.year),
    meta('Number', e.number),
    ...(e.subjects ?? []).map((s) => `<ukm:Subject Value="${s}"/>`),
    ...(e.categories ?? []).map((c) => (c === null ? '<category scheme="x"/>' : `<category term="${c}"/>`)),
    '</entry>',
  ].join('');
}

function feed(entries: string[], extra = ''): string {
  return `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:ukm="u" xmlns:leg="l">${extra}${entries.join('')}</feed>`;
}

const detailEntry = { docId: 'x', url: FEED_URL, title: '', signal: '' };
const page = (xml: string, url = FEED_URL) => parseFeed(fetched(url, xml), 'src');
const listing = (xml: string, config = terms, url = FEED_URL) =>
  legislationFeed.parseListing(fetched(url, xml), config, LIVE_ENDPOINTS);
const docOf = (e: EntryXml, config = everything): DocumentSnapshot =>
  legislationFeed.parseDetail(fetched(FEED_URL, feed([entry(e)])), detailEntry, config, LIVE_ENDPOINTS).documents[0];

function stored(doc: DocumentSnapshot, extra: Record<string, unknown> | null = doc.extra ?? null): StoredVersion {
  return {
    docId: doc.docId,
    version: 1,
    hash: 'h',
    text: doc.text,
    title: doc.title,
    fetchedAt: 'x',
    changeNote: null,
    extra,
  };
}

describe('reading an Atom feed', () => {
  it('reads an entry with no summary and no metadata as empty fields, and "legislation" as its type', () => {
    const [e] = page(feed([entry()])).entries;
    expect(e).toMatchObject({ summary: '', type: '', year: '', number: '', subjects: [] });
    expect(docOf({}).documentType).toBe('legislation');
  });

  it('reads text inside an element with attributes, and folds runs of whitespace in it', () => {
    const xml = feed([
      entry({ title: '', summary: 'x' }).replace('<title></title>', '<title type="text">A  B\n  C</title>'),
    ]);
    expect(page(xml).entries[0].title).toBe('A B C');
  });

  it('keeps subjects and category terms once each, skipping a category without a term', () => {
    const [e] = page(
      feed([entry({ subjects: ['Procurement'], categories: ['Procurement', null, 'Defence'] })]),
    ).entries;
    expect(e.subjects).toEqual(['Procurement', 'Defence']);
  });

  it('keys an item by its path, from an /id/ address or any other address', () => {
    expect(legislationKey('http://www.legislation.gov.uk/id/ukpga/2023/54')).toBe('ukpga/2023/54');
    expect(legislationKey('http://www.legislation.gov.uk/ukpga/2023/54')).toBe('ukpga/2023/54');
    expect(legislationKey('https://legislation.gov.uk/uksi/2024/1')).toBe('uksi/2024/1');
  });

  it('refuses a body that is not XML, XML that is not a feed, and an entry without an id', () => {
    expect(parseErrorOf(() => page('<<<')).context).toEqual({ url: FEED_URL, source: 'src' });
    for (const notFeed of ['<html><body>Down</body></html>', '<feed>just text</feed>'])
      expect(parseErrorOf(() => page(notFeed)).context).toEqual({ url: FEED_URL, source: 'src', field: 'feed' });
    const noId = parseErrorOf(() => page(feed([entry({ id: '' })])));
    expect(noId.context).toEqual({ url: FEED_URL, source: 'src', field: 'entry.id' });
  });

  it("takes the page from the address asked for, else the feed's leg:page, else 1", () => {
    const third = feed([entry()], '<leg:page>3</leg:page>');
    expect(page(third).page).toBe(3);
    expect(page(third, `${FEED_URL}?page=2`).page).toBe(2);
    expect(page(feed([entry()])).page).toBe(1);
  });

  it('has a next page only when a link says rel="next"', () => {
    expect(page(feed([entry()], '<link rel="self" href="a"/>')).hasNext).toBe(false);
    expect(page(feed([entry()], '<link rel="self" href="a"/><link rel="next" href="b"/>')).hasNext).toBe(true);
  });
});

describe('legislation-feed listing', () => {
  const next = '<link rel="next" href="b"/>';

  it('is read from the legislation host, one page at a time up to maxPages', () => {
    expect(legislationFeedDeclaration.hosts(terms, LIVE_ENDPOINTS)).toEqual(['www.legislation.gov.uk']);
    expect(listing(feed([entry()])).next).toBeNull();
    expect(listing(feed([], next)).next).toBeNull();
    expect(listing(feed([entry()], next)).next?.url).toBe(`${FEED_URL}?page=2`);
  });

  it('keeps an entry whose subject alone matches a term, and a watched one that matches none', () => {
    const bySubject = entry({ title: 'The Widgets Regulations', subjects: ['Procurement'] });
    const watched = entry({ id: 'http://www.legislation.gov.uk/id/ukpga/2023/54', title: 'An Act' });
    const other = entry({ id: 'http://www.legislation.gov.uk/id/uksi/2024/9', title: 'The Roads Order' });
    const keys = listing(feed([bySubject, watched, other]), { ...terms, watch: ['ukpga/2023/54'] }).entries.map(
      (e) => e.docId,
    );
    expect(keys).toEqual(['legislation:uksi/2024/1', 'legislation:ukpga/2023/54']);
  });

  it('reads the documents of a detail page as the listing does', () => {
    const detail = legislationFeed.parseDetail(fetched(FEED_URL, feed([entry()])), detailEntry, terms, LIVE_ENDPOINTS);
    expect(detail.follow).toEqual([]);
    expect(detail.documents).toEqual([listing(feed([entry()])).entries[0].inline]);
  });
});

describe('legislation-feed events', () => {
  it('announces a new item with its label, every matched term and its summary; nothing for an irrelevant one', () => {
    const doc = docOf(
      {
        type: 'UnitedKingdomStatutoryInstrument',
        year: '2024',
        number: '1',
        summary: 'On public contracts.',
        subjects: ['Public contracts'],
      },
      terms,
    );
    const [event] = legislationFeed.compareNew!(doc, terms)!;
    expect(event.summary).toBe(
      'New on legislation.gov.uk: The Procurement Regulations 2024 (UnitedKingdomStatutoryInstrument 2024/1), ' +
        'matching procurement, public contracts. On public contracts.',
    );
    expect(legislationFeed.compareNew!(docOf({ title: 'The Roads Order' }, terms), terms)).toEqual([]);
  });

  it('labels an item by what it has: no type, or no year', () => {
    const noType = legislationFeed.compareNew!(docOf({ year: '2024', number: '1' }), everything)![0];
    expect(noType.summary).toBe('New on legislation.gov.uk: The Procurement Regulations 2024 (2024/1).');
    const noYear = legislationFeed.compareNew!(docOf({ type: 'Act', number: '1' }), everything)![0];
    expect(noYear.summary).toBe('New on legislation.gov.uk: The Procurement Regulations 2024 (Act).');
    const numeric = { ...docOf({ type: 'Act' }), extra: { key: 'ukpga/2023/54', type: 'Act', year: 2023, number: 54 } };
    expect(legislationFeed.compareNew!(numeric, everything)![0].summary).toContain('(Act 2023/54)');
  });

  it('says what changed: the title, a watched revision, both, or else the summary or subjects', () => {
    const watch = { ...everything, watch: ['uksi/2024/1'] };
    const before = docOf({}, watch);
    const revised = {
      ...before,
      title: 'The Procurement (Amendment) Regulations 2024',
      extra: { ...before.extra, updated: '2025-02-24T10:00:00Z' },
    };
    const [both] = legislationFeed.compare!(stored(before), revised, watch);
    expect(both.summary).toContain(
      ': title "The Procurement Regulations 2024" → "The Procurement (Amendment) Regulations 2024"; ' +
        'revised on legislation.gov.uk (updated 2025-02-24). Changes to it:',
    );
    const plain = docOf({ summary: 'Now about something else.' });
    const [other] = legislationFeed.compare!(stored(docOf({})), plain, everything);
    expect(other.summary).toContain(': its summary or subjects changed. Changes to it:');
    // Watched once, no longer: its old revision time is not news, and an old version may have no extra.
    const [unwatched] = legislationFeed.compare!(stored(before), plain, everything);
    expect(unwatched.summary).toContain(': its summary or subjects changed.');
    expect(legislationFeed.compare!(stored(before, null), plain, everything)[0].summary).toContain('its summary');
    expect(legislationFeed.compare!(stored(before), docOf({ title: 'The Roads Order' }, terms), terms)).toEqual([]);
  });
});
