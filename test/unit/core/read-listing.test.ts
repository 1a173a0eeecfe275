/** readListing's paging guards, with a stand-in `get` (the logic under test is pure paging). */
import { readListing } from '../../../lambdas/core/read-listing';
import type { Fetched, FetchRequest, ListingEntry } from '../../../lambdas/core/model';
import type { SourceKind } from '../../../lambdas/core/source-kind';
import { LIVE_ENDPOINTS } from '../../../lambdas/config';

const entry = (n: number): ListingEntry => ({ docId: `d${n}`, url: `https://x/${n}`, title: `${n}`, signal: 's' });

/** A listing of endless distinct pages: page N holds document N and points at page N + 1. */
function endless(opts: { empty?: boolean } = {}): SourceKind {
  const page = (n: number): FetchRequest => ({ url: `https://www.gov.uk/list?page=${n}`, bucket: 'b' });
  return {
    kind: 'endless',
    listing: () => page(1),
    parseListing: (f) => {
      const n = Number(new URL(f.url).searchParams.get('page'));
      return opts.empty ? { entries: [], next: page(n + 1), scanned: 0 } : { entries: [entry(n)], next: page(n + 1) };
    },
    parseDetail: () => ({ documents: [], follow: [] }),
  };
}

const get = async (req: FetchRequest): Promise<Fetched> => ({ url: req.url, status: 200, headers: {}, body: '' });
const source = (extra = {}) => ({ id: 'src', kind: 'endless', ...extra });

describe('readListing', () => {
  it('stops at the page cap in one sentence', async () => {
    await expect(
      readListing(get, endless(), source({ maxListingPages: 7 }), LIVE_ENDPOINTS, undefined),
    ).rejects.toThrow('The listing of src still had more pages after 7; stopped there and recorded nothing.');
  });

  it('stops on an empty page that promises more', async () => {
    await expect(readListing(get, endless({ empty: true }), source(), LIVE_ENDPOINTS, undefined)).rejects.toThrow(
      'Page 1 of the listing of src brought nothing new but promised more pages; stopped there and recorded nothing.',
    );
  });

  it('reads every page of a finite listing, once each, and keeps the first response for its validators', async () => {
    const kind: SourceKind = {
      ...endless(),
      parseListing: (f) => {
        const n = Number(new URL(f.url).searchParams.get('page'));
        return {
          entries: [entry(n), entry(n + 100)],
          next: n < 3 ? { url: `https://www.gov.uk/list?page=${n + 1}`, bucket: 'b' } : null,
        };
      },
    };
    const urls: string[] = [];
    const listing = await readListing(
      async (r) => (urls.push(r.url), get(r)),
      kind,
      source(),
      LIVE_ENDPOINTS,
      undefined,
    );
    expect(listing !== 'not-modified' && listing.entries.map((e) => e.docId)).toEqual([
      'd1',
      'd101',
      'd2',
      'd102',
      'd3',
      'd103',
    ]);
    expect(urls).toHaveLength(3);
    expect(listing !== 'not-modified' && listing.first.url).toBe('https://www.gov.uk/list?page=1');
  });
});
