/**
 * The contract every kind of source implements (one folder each under lambdas/sources/).
 * Plugins are pure: they say what to fetch and parse what came back; fetching, storing and
 * deciding alerts stay in the use-case.
 */
import type { ZodType } from 'zod';
import type { DocumentSnapshot, Fetched, FetchRequest, ListingEntry, StoredVersion } from './model';

/** Where each family of sources lives; the replay server stands in for all of them in tests. */
export interface Endpoints {
  govuk: string;
  /** GOV.UK's asset host, where file attachments (PDFs) are served. */
  govukAssets: string;
  parliament: string;
  legislation: string;
  findATender: string;
  contractsFinder: string;
  parliamentQuestions: string;
  /**
   * A site outside these families (a campaign group's own website), keyed by the host its
   * source declares (`freetibet.org`): a replay server can stand in for it like the rest.
   */
  [siteHost: string]: string;
}

/** Fields every source entry in the watchlist has, whatever its kind. */
export interface SourceConfigBase {
  id: string;
  kind: string;
  /** Human name used in alerts and progress lines. */
  name?: string;
  /** Schedule group (e.g. `govuk` every 15 minutes, `parliament` hourly); the CDK stack reads it. */
  group?: string;
  /** What a document never seen before is called: a letter, or any other document. */
  alertOnNew?: 'new-correspondence' | 'new-document';
  enabled?: boolean;
  /** Listing pages read at most per cycle (default 50): a server that never stops paging fails the source. */
  maxListingPages?: number;
}

export interface ListingPage {
  entries: ListingEntry[];
  /** The next page, when the listing is paged. */
  next: FetchRequest | null;
  /**
   * How many items the page held before the kind kept only those of interest (a feed filtered to
   * procurement): a page that held nothing yet promises more stops the read. Defaults to the entries.
   */
  scanned?: number;
  /** How many items the whole listing holds, when the publisher says (GOV.UK search's `total`). */
  total?: number;
}

export interface DetailResult {
  documents: DocumentSnapshot[];
  /** Further documents found inside this one (a publication's HTML attachments). */
  follow: ListingEntry[];
}

/** A change event of a source with structured content (a table row, a bill stage). */
export interface StructuredEvent {
  type: string;
  /** Stable key of the thing that changed (row key, stage id), part of the change id. */
  key: string;
  title: string;
  summary: string;
  text?: string;
  /** The thread the change joins (a question naming Hikvision joins `hikvision--parliament`). */
  threadId?: string | null;
}

/**
 * What the configuration needs of a kind: its schema and the hosts it fetches from. Each kind declares
 * these in its own `declaration.ts`, which imports no parser, so that the handlers that only read the
 * config (the API, the sender) do not bundle HTML, XML and CSV parsers (issue 17).
 */
export interface SourceDeclaration<C extends SourceConfigBase = SourceConfigBase> {
  readonly kind: string;
  readonly schema: ZodType<C>;
  /** The documents this source may fetch from, for the host allowlist. */
  hosts(config: C, endpoints: Endpoints): string[];
  /**
   * Optional: the origin of a site outside the endpoint families that this source declares
   * (`https://freetibet.org`); the config adds it to the endpoints under its host.
   */
  site?(config: C): string | null;
}

/**
 * What the checker runs of a kind: its requests and parsers, and no config schema. The config a kind is
 * handed was validated against its declaration's schema before (by the CLI, or at synth for a deployed
 * function, which reads it already resolved), so a checker's bundle neither carries nor builds the
 * schemas (issue 17). The two registries list the same kinds (test/unit/sources/declarations.test.ts).
 */
export interface SourceKind<C extends SourceConfigBase = SourceConfigBase> {
  /** The `kind` of the config entries it runs, as its declaration names it. */
  readonly kind: string;
  /** `at`: the run's time (ISO), for listings that are a moving window of recent updates. */
  listing(config: C, endpoints: Endpoints, at?: string): FetchRequest;
  parseListing(fetched: Fetched, config: C, endpoints: Endpoints): ListingPage;
  parseDetail(fetched: Fetched, entry: ListingEntry, config: C, endpoints: Endpoints): DetailResult;
  /**
   * Optional: compare structured content instead of raising one `document-changed`. Returning
   * an empty list means "nothing worth an alert" (e.g. rows only reordered).
   */
  compare?(before: StoredVersion, after: DocumentSnapshot, config: C): StructuredEvent[];
  /**
   * True when `compare` reports only a structured part (a collection's members) and the document's
   * text is still compared word by word beside it (`document-changed` when the text moved).
   */
  readonly diffsText?: boolean;
  /**
   * Optional: the events of a document seen for the first time outside a baseline (a new stage's
   * amendments, a new entry of a legislation feed). `null` keeps the default `new-document`
   * classification; an empty list records the document silently.
   */
  compareNew?(after: DocumentSnapshot, config: C): StructuredEvent[] | null;
  /**
   * Optional: true when the listing is a moving window (the newest entries of a feed, filtered to
   * those of interest), so a smaller or empty listing is normal and not a sign of failure.
   */
  windowed?(config: C): boolean;
  /**
   * Optional: a reason, in one sentence, when a change to this document looks more like a broken
   * or half-served page than a real edit (most rows gone at once, the table's structure changed).
   * Such a change is held for a second look: the source fails once with the reason, and the change
   * is recorded only when the next run sees the same content again.
   */
  suspicious?(before: StoredVersion, after: DocumentSnapshot, config: C): string | null;
}
