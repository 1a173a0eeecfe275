/** The domain's data: what sources list, what documents hold, what changes and alerts are. */

/** A request a source plugin asks the fetcher to make. Fetching itself stays outside plugins. */
export interface FetchRequest {
  url: string;
  /** Which rate-limit bucket the request belongs to (e.g. `govuk-content`). */
  bucket: string;
  accept?: string;
  /** A site's own pages (not an API): the site's robots.txt is read first and obeyed. */
  robots?: boolean;
  /** The body is a file (a PDF), kept as bytes rather than decoded as text. */
  binary?: boolean;
}

/** The text read out of a file body (a PDF) before the plugin parses it. */
export interface ExtractedText {
  pages: number;
  /** Empty when the file has no text layer (a scanned letter). */
  text: string;
  /** sha256 of the bytes: what a file without text is compared by. */
  sha256: string;
  /** Why the file could not be read at all (corrupt, encrypted), in one sentence; then `text` is empty. */
  unreadable?: string;
}

/** What the fetcher hands back to a plugin's pure parser. */
export interface Fetched {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  /** A binary body (`FetchRequest.binary`). */
  bytes?: Uint8Array;
  /** What the reader of its kind (PDF) got out of `bytes`. */
  extracted?: ExtractedText;
  /** True when a conditional request answered 304: the plugin is not called then. */
  notModified?: boolean;
}

/** One document as a listing shows it: enough to decide whether its detail must be fetched. */
export interface ListingEntry {
  docId: string;
  url: string;
  title: string;
  /** The listing's change signal (e.g. `public_timestamp`): detail is fetched only when it moved. */
  signal: string;
  /** Where to read the detail; absent when the listing already carries the whole document. */
  detail?: FetchRequest;
  /** A document carried whole by the listing (no detail fetch needed). */
  inline?: DocumentSnapshot;
  /** The document this one was found in (a publication, for its HTML attachments). */
  parentId?: string;
  /** The parent's latest change note: attachments carry none of their own. */
  changeNote?: string | null;
}

export interface Withdrawal {
  at: string | null;
  explanation: string;
}

export interface Attachment {
  id: string;
  title: string;
  url: string;
  kind: 'html' | 'file' | 'external';
  contentType?: string;
  /** Bytes, as the publisher states it: a re-issued file usually changes its size or its address. */
  fileSize?: number;
}

/** A document as read from its source, normalized: the unit that is versioned. */
export interface DocumentSnapshot {
  docId: string;
  url: string;
  title: string;
  documentType: string;
  text: string;
  signal: string;
  publishedAt: string | null;
  updatedAt: string | null;
  changeNote: string | null;
  withdrawn: Withdrawal | null;
  organisations: string[];
  attachments: Attachment[];
  parentId: string | null;
  /** Source-specific extra fields (rows of a table, bill stage…), kept as JSON. */
  extra?: Record<string, unknown>;
  /**
   * Why this document has no text to compare (a scanned PDF has no text layer), in one sentence that
   * says where to read it. Its changes are then found by its bytes and said so, never as an empty diff.
   */
  noText?: string | null;
}

/** What the store remembers of a document between cycles. */
export interface StoredDocument {
  docId: string;
  sourceId: string;
  url: string;
  title: string;
  documentType: string;
  signal: string;
  hash: string;
  /** The latest text version (V#…): moves when the stored text moves. */
  version: number;
  /**
   * Moves with every recorded transition (text changed, withdrawn, restored): change ids derive
   * from it, so a document that returns to an earlier state records a new change. Documents
   * stored before it existed read it as their version.
   */
  revision: number;
  status: 'active' | 'withdrawn';
  knownId: string | null;
  threadId: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  /**
   * Where the document's detail is read, as a locator relative to the source's site
   * (`govuk:/api/content/…`), resolved against the current endpoints: used to confirm a document
   * that left its listing. Older items hold an absolute URL.
   */
  detailUrl: string | null;
  detailBucket: string | null;
  /** Set for documents found inside another (attachments): they are current while it is. */
  parentId: string | null;
}

export interface StoredVersion {
  docId: string;
  version: number;
  hash: string;
  text: string;
  title: string;
  fetchedAt: string;
  changeNote: string | null;
  /** Structured content beside the text (table rows, bill stages): what row-level diffs compare. */
  extra?: Record<string, unknown> | null;
}

export type ChangeType =
  | 'first-seen'
  | 'known'
  | 'new-correspondence'
  | 'new-document'
  | 'document-changed'
  | 'document-withdrawn'
  | 'document-restored'
  | 'source-failing'
  | 'source-recovered'
  | 'baseline';

/**
 * The core's own types, plus the event types a source kind declares (an html-list's `supplier-debarred`):
 * `string & {}` keeps the named ones visible to the compiler instead of collapsing the union to string.
 */
export type KindEventType = string & {};
export type AlertType = Exclude<ChangeType, 'first-seen' | 'known' | 'source-recovered'> | KindEventType;

export interface DiffOp {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface Letter {
  from: string | null;
  to: string | null;
  date: string | null;
  threadId: string | null;
}

export interface KnownMatch {
  match: string | null;
  similarity: number;
  thread: string | null;
}

/** One entry of the change log. */
export interface Change {
  changeId: string;
  sourceId: string;
  docId: string | null;
  type: ChangeType | KindEventType;
  detectedAt: string;
  /** The document's own dates as its publisher states them (null for source events and older changes). */
  publishedAt?: string | null;
  updatedAt?: string | null;
  /**
   * The date the change log files the change under beside its detection: the letter's own date when it
   * has one, else the document's first publication. What `dated-since`, `dated-until` and `order=dated` use.
   */
  datedAt?: string | null;
  runId: string;
  title: string;
  url: string | null;
  summary: string;
  version: number | null;
  previousVersion: number | null;
  diff: DiffOp[] | null;
  changeNote: string | null;
  threadId: string | null;
  letter: Letter | null;
  knownMatch: KnownMatch | null;
  keywords: KeywordHit[];
}

export interface KeywordHit {
  term: string;
  excerpt: string;
}

/**
 * What to tell, as decided when the change was recorded: written once, in the same transaction as
 * its change, and never updated. Who is told, and whether they were, lives in the outbox's delivery
 * rows (one per alert, recipient and channel); until the outbox has expanded an alert into its rows,
 * the alert item carries one index entry saying so (docs/data-model.md).
 */
export interface Alert {
  alertId: string;
  changeId: string;
  type: AlertType;
  sourceId: string;
  createdAt: string;
  subject: string;
  priority: 'normal' | 'high';
}

export type { Channel, Delivery, DeliveryKey, DeliveryStatus } from './delivery-model';

/** Per-source memory: validators for conditional requests, health. */
export interface SourceState {
  sourceId: string;
  validators: Record<string, { etag?: string; lastModified?: string }>;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  consecutiveFailures: number;
  lastError: string | null;
  failingAlertOpen: boolean;
  failingSince: string | null;
  /** How many documents the last complete listing held: a sudden shrink is suspicious. */
  lastListingSize: number | null;
  /** A shrink seen once waits for a second run before anything is called withdrawn. */
  pendingShrink: number | null;
  /** Fingerprint of the last fully processed listing: an identical listing skips all document reads. */
  listingHash?: string | null;
  /**
   * Changes a source kind found implausible (most rows gone at once, the table's structure changed),
   * held for a second look: recorded only when the next run sees the same content again.
   */
  pendingSuspects?: { docId: string; hash: string }[] | null;
}

/** How one source's check ended: outcomes are values. */
export type SourceOutcome =
  | { kind: 'unchanged'; sourceId: string; requests: number }
  | { kind: 'updated'; sourceId: string; requests: number; changes: Change[] }
  | { kind: 'baseline'; sourceId: string; requests: number; documents: number }
  | {
      kind: 'failed';
      sourceId: string;
      requests: number;
      reason: string;
      alerted: boolean;
      /** This machine had no network: nothing was counted against the source (the cycle decides). */
      offline?: boolean;
      /** When offline: what could not be reached and why, for the cycle's one sentence. */
      unreached?: string;
    }
  /** Another run was writing to the store: this one left the source to it (not a failure). */
  | { kind: 'busy'; sourceId: string; requests: number; reason: string };
