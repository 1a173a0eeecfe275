/** Small interfaces the core depends on; adapters implement them. */
import type {
  Alert,
  AlertStatus,
  Change,
  ExtractedText,
  Fetched,
  FetchRequest,
  SourceState,
  StoredDocument,
  StoredVersion,
} from './model';

export interface Validators {
  etag?: string;
  lastModified?: string;
}

/** Reads the text out of a file body. A file it cannot read (corrupt, encrypted) is a ParseError in one sentence. */
export interface TextExtractor {
  /** The content types it reads (`application/pdf`). */
  readonly accepts: (contentType: string, bytes: Uint8Array) => boolean;
  extract(bytes: Uint8Array, where: { url: string; source?: string }): Promise<ExtractedText>;
}

export interface HttpFetcher {
  /**
   * GET a URL. Answers 2xx, 304, 404 and 410 as values; throws FetchError for everything
   * that is a failure of the network or server (after its own retries).
   */
  get(req: FetchRequest, validators?: Validators): Promise<Fetched>;
}

/**
 * One transition of a document with everything it causes. The store writes it atomically when it
 * fits one DynamoDB transaction, and otherwise in bounded, idempotent steps with the head last, so
 * a crash in between is resumed by the next run and never leaves a head that claims more.
 */
export interface ChangeWrite {
  /** Zero changes is allowed: a document whose signal moved but whose text did not. */
  changes: Change[];
  alerts: Alert[];
  /** The document's new head; `expectedRevision` (null: must not exist yet) guards against a concurrent writer. */
  document?: { next: StoredDocument; expectedRevision: number | null };
  version?: StoredVersion;
}

/**
 * `written`: everything is stored (items an earlier, interrupted attempt already wrote count as
 * written). `duplicate`: another writer moved the document's head first; nothing of this write
 * changed it.
 */
export type WriteOutcome = 'written' | 'duplicate';

/** What the change log can be filtered by: the CLI, the API and the feed all speak it. */
export interface ChangeFilter {
  /** Detection time. */
  since?: string;
  until?: string;
  /** The document's own date (`Change.datedAt`: the letter's date, else its publication). */
  datedSince?: string;
  datedUntil?: string;
  /** `detected` (default): newest detected first; `dated`: newest by the document's own date. */
  order?: 'detected' | 'dated';
  /** One id, or several comma-separated (repeated flags and parameters accumulate into this). */
  sourceId?: string;
  type?: string;
  threadId?: string;
  docId?: string;
  q?: string;
}

export interface ChangeQuery extends ChangeFilter {
  limit?: number;
  cursor?: string;
}

export interface ChangePage {
  items: Change[];
  cursor: string | null;
}

export interface Store {
  getSourceState(sourceId: string): Promise<SourceState | null>;
  putSourceState(state: SourceState): Promise<void>;
  listDocuments(sourceId: string): Promise<StoredDocument[]>;
  getDocument(docId: string): Promise<StoredDocument | null>;
  getVersion(docId: string, version: number): Promise<StoredVersion | null>;
  listVersions(docId: string): Promise<StoredVersion[]>;
  recordChange(write: ChangeWrite): Promise<WriteOutcome>;
  listChanges(query: ChangeQuery): Promise<ChangePage>;
  getChange(changeId: string): Promise<Change | null>;
  listAlerts(status: AlertStatus, limit?: number): Promise<Alert[]>;
  getAlert(alertId: string): Promise<Alert | null>;
  updateAlert(alertId: string, from: AlertStatus, patch: Partial<Alert>): Promise<boolean>;
}

/** Who holds a lease, and until when. */
export interface LeaseHolder {
  owner: string;
  since: string;
  until: string;
}

/**
 * Leases on named locks in the store (conditional writes, so they hold across processes and
 * machines): a holder that dies leaves a lease that simply runs out.
 */
export interface Leases {
  /** Takes the lock when it is free, expired or already ours (then its lease is extended). */
  acquire(
    name: string,
    owner: string,
    now: Date,
    leaseMs: number,
  ): Promise<{ acquired: true } | { acquired: false; holder: LeaseHolder }>;
  /** Releases it if we still hold it. */
  release(name: string, owner: string): Promise<void>;
}

export interface OutgoingMessage {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  /** Stable id so a retried send can be recognised (used as Message-ID). */
  messageId: string;
}

export interface Mailer {
  readonly name: string;
  send(message: OutgoingMessage): Promise<{ messageId: string }>;
}

export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** One email to one recipient: an immediate alert, or a daily digest (then `alertId` is the digest id). */
export interface SendKey {
  alertId: string;
  recipient: string;
}

/** claimed → sent | failed, or claimed → retry (transient error) → claimed…; a claim past its lease is swept. */
/** `reserved`: an item held for a digest (its `digestId`) until that digest is sent. */
export type SendStatus = 'claimed' | 'retry' | 'sent' | 'failed' | 'reserved';

/** The send record per (alert, recipient): what makes delivery exactly-once. */
export interface SendRecord extends SendKey {
  kind: 'immediate' | 'digest';
  status: SendStatus;
  /** Our stable Message-ID for this (alert, recipient): every resend carries the same one. */
  messageId: string;
  /** Random per claim: only the holder of the current claim may mark the record. */
  claimToken: string | null;
  leaseUntil: string | null;
  /** Set just before the provider is called: a stale claim without it was never handed over. */
  sendStartedAt: string | null;
  providerMessageId: string | null;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  /** The digest this item went out in (digest items), or the alert ids a digest carries (digests). */
  digestId: string | null;
  items: string[] | null;
  /** True when a stale claim that had already reached the provider was sent again (same Message-ID). */
  resent: boolean;
}

export type ClaimResult =
  { outcome: 'claimed'; record: SendRecord } | { outcome: 'sent' | 'failed' | 'busy' | 'waiting'; record: SendRecord };

export interface DeliveryStore {
  /** Conditional write: claims a new record, a `retry` record that is due, or a `claimed` one whose lease ran out. */
  claim(
    init: Pick<SendRecord, 'alertId' | 'recipient' | 'kind' | 'messageId'> & {
      digestId?: string | null;
      items?: string[] | null;
    },
    now: Date,
    leaseMs: number,
  ): Promise<ClaimResult>;
  markSending(key: SendKey, claimToken: string, at: Date): Promise<boolean>;
  /** `resent`: this send repeated one that may already have reached the provider (same Message-ID). */
  markSent(key: SendKey, claimToken: string, providerMessageId: string, at: Date, resent?: boolean): Promise<boolean>;
  markFailed(key: SendKey, claimToken: string, reason: string): Promise<boolean>;
  markRetry(key: SendKey, claimToken: string, reason: string, nextAttemptAt: Date): Promise<boolean>;
  getSend(key: SendKey): Promise<SendRecord | null>;
  /** Holds (alert, recipient) for digest `digestId`: true when free or already held by that digest. */
  reserve(key: SendKey, digestId: string, messageId: string): Promise<boolean>;
  /** After the digest went out: its reserved items become `sent`. */
  settleReserved(key: SendKey, digestId: string, providerMessageId: string, at: Date): Promise<void>;
  /** Records in `claimed` whose lease ended before `now`: the sweeper's work. */
  listStale(now: Date, limit?: number): Promise<SendRecord[]>;
  listByStatus(status: SendStatus, limit?: number): Promise<SendRecord[]>;
  /** Alerts created in [since, until), whatever their status: what a digest may carry. */
  listAlertsCreated(since: string, until: string): Promise<Alert[]>;
  listSubscriberStates(): Promise<{ email: string; unsubscribedAt: string | null }[]>;
  /** One-click unsubscribe: idempotent; the flag outlives config edits. */
  unsubscribe(email: string, at?: Date): Promise<void>;
}
