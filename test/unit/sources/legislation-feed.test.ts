import { join } from 'node:path';
import { ParseError } from '../../../lambdas/core/errors';
import type { DocumentSnapshot, StoredVersion } from '../../../lambdas/core/model';
import { LIVE_ENDPOINTS } from '../../../lambdas/config';
import { legislationFeed, type LegislationFeedConfig } from '../../../lambdas/sources/legislation-feed';
import { fetched, FIXTURES, fixtureText } from '../../support/fixtures';
import { expectGolden } from '../../support/golden';
import { storedVersionOf } from '../../support/source-results';
import { legislationFeedDeclaration } from '../../../lambdas/sources/legislation-feed/declaration';

const newFeed: LegislationFeedConfig = {
  id: 'new-legislation',
  kind: 'legislation-feed',
  path: '/new/data.feed',
  terms: ['procurement', 'public contracts'],
  maxPages: 2,
};
const everything: LegislationFeedConfig = {
  id: 'all-new-legislation',
  kind: 'legislation-feed',
  path: '/new/data.feed',
  maxPages: 2,
};
const actFeed: LegislationFeedConfig = {
  id: 'procurement-act',
  kind: 'legislation-feed',
  // The list feed, not /search/data.feed: legislation.gov.uk documents that a search always redirects to it.
  path: '/ukpga/data.feed',
  query: { title: 'procurement act' },
  terms: ['procurement'],
  watch: ['ukpga/2023/54'],
};

function parse(file: string, config: LegislationFeedConfig, url = legislationFeed.listing(config, LIVE_ENDPOINTS).url) {
  return legislationFeed.parseListing(fetched(url, fixtureText(`legislation/${file}`)), config, LIVE_ENDPOINTS);
}

function docs(file: string, config: LegislationFeedConfig): DocumentSnapshot[] {
  return parse(file, config).entries.map((e) => e.inline!);
}

const stored = (doc: DocumentSnapshot): StoredVersion => storedVersionOf(doc);

describe('legislation-feed', () => {
  it('asks legislation.gov.uk for the feed in the rate-limited legislation bucket', () => {
    expect(legislationFeed.listing(newFeed, LIVE_ENDPOINTS)).toEqual({
      url: 'https://www.legislation.gov.uk/new/data.feed',
      bucket: 'legislation',
      accept: 'application/atom+xml',
    });
    expect(legislationFeed.listing(actFeed, LIVE_ENDPOINTS).url).toBe(
      'https://www.legislation.gov.uk/ukpga/data.feed?title=procurement+act',
    );
  });

  it.each([
    ['legislation-parser_latest.feed.xml', everything],
    ['composed_new-feed_procurement-regulations.feed.xml', newFeed],
    ['composed_procurement-act.feed.xml', actFeed],
    ['composed_empty.feed.xml', newFeed],
    ['composed_new-feed_page-2.feed.xml', everything],
  ] as const)('%s parses to its golden listing', (file, config) => {
    expectGolden(parse(file, config), join(FIXTURES, 'legislation', file.replace(/\.feed\.xml$/, '.expected.json')));
  });

  it('reads the recorded feed: 20 entries with id, type, year, number, subjects and summary; the updated time is the signal', () => {
    const all = docs('legislation-parser_latest.feed.xml', everything);
    expect(all).toHaveLength(20);
    expect(all[0]).toEqual(
      expect.objectContaining({
        docId: 'legislation:uksi/2015/2028',
        url: 'https://www.legislation.gov.uk/uksi/2015/2028',
        signal: '2015-12-16T08:56:57.487Z',
        documentType: 'UnitedKingdomStatutoryInstrument',
      }),
    );
    expect(all[0].extra).toEqual({
      key: 'uksi/2015/2028',
      type: 'UnitedKingdomStatutoryInstrument',
      year: '2015',
      number: '2028',
      subjects: ['POLICE, ENGLAND AND WALES'],
    });
  });

  it('facts read by hand from the feeds, independently of the goldens: the Act, the new regulations, page 2', () => {
    const [act] = docs('composed_procurement-act.feed.xml', actFeed);
    expect(act).toEqual(
      expect.objectContaining({
        docId: 'legislation:ukpga/2023/54',
        title: 'Procurement Act 2023',
        url: 'https://www.legislation.gov.uk/ukpga/2023/54',
        signal: '2025-02-24T10:00:00Z',
        publishedAt: '2023-10-27T00:05:11.000Z',
        documentType: 'UnitedKingdomPublicGeneralAct',
      }),
    );
    expect(act.extra!.subjects).toEqual(['PUBLIC PROCUREMENT']);
    expect(act.text).toContain('An Act to make provision about procurement.');
    const [regs] = docs('composed_new-feed_procurement-regulations.feed.xml', newFeed);
    expect([regs.title, regs.extra!.year, regs.extra!.number]).toEqual([
      'The Procurement (Amendment) Regulations 2026',
      '2026',
      '312',
    ]);
    expect(docs('composed_new-feed_page-2.feed.xml', everything)).toHaveLength(10);
  });

  it('pages by the next link, up to maxPages; the last page, a feed without next and an empty feed end it', () => {
    const first = parse('legislation-parser_latest.feed.xml', newFeed);
    expect(first.next).toEqual({
      url: 'https://www.legislation.gov.uk/new/data.feed?page=2',
      bucket: 'legislation',
      accept: 'application/atom+xml',
    });
    expect(parse('legislation-parser_latest.feed.xml', { ...newFeed, maxPages: 1 }).next).toBeNull();
    // A page with nothing of interest still leads to the next one.
    expect(first.entries).toEqual([]);
    expect(parse('composed_procurement-act.feed.xml', actFeed).next).toBeNull();
    expect(parse('composed_empty.feed.xml', newFeed)).toEqual({ entries: [], next: null });
    const second = parse('composed_new-feed_page-2.feed.xml', everything, first.next!.url);
    expect(second.entries).toHaveLength(10);
    expect(second.next).toBeNull();
  });

  it('keeps only entries whose title or subject matches, each raising new-legislation; the feed is a window', () => {
    expect(docs('legislation-parser_latest.feed.xml', newFeed)).toEqual([]);
    expect(legislationFeed.windowed!(newFeed)).toBe(true);
    const kept = docs('composed_new-feed_procurement-regulations.feed.xml', newFeed);
    expect(kept.map((d) => d.docId)).toEqual(['legislation:uksi/2026/312']);
    const events = kept.flatMap((d) => legislationFeed.compareNew!(d, newFeed) ?? []);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'new-legislation',
        key: 'new:uksi/2026/312',
        title: 'The Procurement (Amendment) Regulations 2026',
      }),
    ]);
    expect(events[0].summary).toMatch(
      /^New on legislation.gov.uk: The Procurement \(Amendment\) Regulations 2026 \(UnitedKingdomStatutoryInstrument 2026\/312\), matching procurement\. These Regulations are made under the Procurement Act 2023/,
    );
  });

  it('a revision of the watched Act raises legislation-changed; an unwatched entry that only moved its time does not change', () => {
    const [before] = docs('composed_procurement-act.feed.xml', actFeed);
    const [after] = docs('composed_procurement-act_revised.feed.xml', actFeed);
    expect(after.extra).not.toEqual(before.extra);
    expect(legislationFeed.compare!(stored(before), after, actFeed)).toEqual([
      expect.objectContaining({
        type: 'legislation-changed',
        key: 'changed:ukpga/2023/54',
        summary:
          'Procurement Act 2023 (UnitedKingdomPublicGeneralAct 2023/54): revised on legislation.gov.uk (updated 2026-03-02). Changes to it: https://www.legislation.gov.uk/changes/affected/ukpga/2023/54',
      }),
    ]);
    const unwatched = { ...actFeed, watch: [] as string[] };
    const [b2] = docs('composed_procurement-act.feed.xml', unwatched);
    const [a2] = docs('composed_procurement-act_revised.feed.xml', unwatched);
    expect(a2.text).toBe(b2.text);
    expect(a2.extra).toEqual(b2.extra);
  });

  it('answers that are not an Atom feed are a ParseError', () => {
    expect(() => parse('legislation-parser_uksi-2015-1978.data.xml', newFeed)).toThrow(ParseError);
    expect(() =>
      legislationFeed.parseListing(
        fetched('https://www.legislation.gov.uk/new/data.feed', '{"not": "xml"}'),
        newFeed,
        LIVE_ENDPOINTS,
      ),
    ).toThrow(ParseError);
  });

  it('validates its config', () => {
    expect(legislationFeedDeclaration.schema.safeParse(actFeed).success).toBe(true);
    expect(legislationFeedDeclaration.schema.safeParse({ ...actFeed, path: '/ukpga/2023/54' }).success).toBe(false);
    expect(legislationFeedDeclaration.schema.safeParse({ ...actFeed, watch: ['Procurement Act'] }).success).toBe(false);
  });
});
