/**
 * readListing: every page of a source's listing, with the guards that keep a misbehaving server
 * from hanging a run: a page cap, no page asked for twice, and progress on every page (a page
 * whose entries were all seen already, or an empty page that still promises more, stops the read).
 * Each stop fails the source in one sentence; nothing stored is touched.
 */
import { FetchError, namingSource, ParseError } from './errors';
import type { Fetched, FetchRequest, ListingEntry } from './model';
import type { Validators } from './ports';
import type { Endpoints, SourceConfigBase, SourceKind } from './source-kind';

/** Pages read at most per cycle unless the source says otherwise (`maxListingPages`). */
export const DEFAULT_MAX_LISTING_PAGES = 50;

export type Get = (req: FetchRequest, validators?: Validators) => Promise<Fetched>;

export interface Listing {
  entries: ListingEntry[];
  /** The first page's response: its validators make the next cycle's request conditional. */
  first: { url: string; response: Fetched };
  pages: number;
}

export async function readListing(
  get: Get,
  kind: SourceKind,
  source: SourceConfigBase,
  endpoints: Endpoints,
  validators: Validators | undefined,
  at?: string,
): Promise<Listing | 'not-modified'> {
  const firstRequest = kind.listing(source, endpoints, at);
  const maxPages = source.maxListingPages ?? DEFAULT_MAX_LISTING_PAGES;
  const seenUrls = new Set<string>();
  const seenDocs = new Map<string, number>();
  const entries: ListingEntry[] = [];
  let request: FetchRequest | null = firstRequest;
  let first: Listing['first'] | null = null;
  let pages = 0;
  while (request) {
    if (seenUrls.has(request.url)) {
      throw new ParseError(`The listing pages of ${source.id} loop back to ${request.url}.`, namingSource(source.id));
    }
    if (pages >= maxPages) {
      throw new ParseError(
        `The listing of ${source.id} still had more pages after ${maxPages}; stopped there and recorded nothing.`,
        namingSource(source.id, { url: request.url }),
      );
    }
    seenUrls.add(request.url);
    const fetched = await get(request, pages === 0 ? validators : undefined);
    if (pages === 0 && fetched.notModified) return 'not-modified';
    if (fetched.status === 404 || fetched.status === 410) {
      const context = namingSource(source.id, { url: fetched.url, status: fetched.status });
      throw new FetchError(`The listing of ${source.id} answered HTTP ${fetched.status}.`, context, undefined, false);
    }
    first ??= { url: firstRequest.url, response: fetched };
    pages++;
    const page = kind.parseListing(fetched, source, endpoints);
    // A document listed twice (a tender notice and its later amendment on another page) is kept
    // in its newest state: a later, greater signal of an inline document replaces the earlier one.
    const fresh = page.entries.filter((e) => {
      const at = seenDocs.get(e.docId);
      return at === undefined || (e.inline !== undefined && e.signal > entries[at].signal);
    });
    if (page.next && (page.scanned === 0 || (page.entries.length > 0 && fresh.length === 0))) {
      throw new ParseError(
        `Page ${pages} of the listing of ${source.id} brought nothing new but promised more pages; ` +
          'stopped there and recorded nothing.',
        namingSource(source.id, { url: fetched.url }),
      );
    }
    for (const e of fresh) {
      const at = seenDocs.get(e.docId);
      if (at === undefined) seenDocs.set(e.docId, entries.push(e) - 1);
      else entries[at] = e;
    }
    request = page.next;
  }
  if (!first) throw new ParseError(`The listing of ${source.id} was never read.`, namingSource(source.id));
  return { entries, first, pages };
}
