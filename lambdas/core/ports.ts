/** Small interfaces the core depends on; adapters implement them. */
import type {
  Alert,
  Change,
  Channel,
  Delivery,
  DeliveryKey,
  ExtractedText,
  Fetched,
  FetchRequest,
  SourceState,
  StoredDocument,
  StoredVersion,
} from './model';
import type { SubscriberRules } from './subscribers';

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

/**
 * Documents, their versions, and the one write that moves a document on (its changes and alerts
 * with it): what a check of a source reads and writes.
 */
export interface DocumentStore {
  listDocuments(sourceId: string): Promise<StoredDocument[]>;
  getDocument(docId: string): Promise<StoredDocument | null>;
  getVersion(docId: string, version: number): Promise<StoredVersion | null>;
  listVersions(docId: string): Promise<StoredVersion[]>;
  recordChange(write: ChangeWrite): Promise<WriteOutcome>;
}

/** The change log read back, and the alerts it raised: the query API, the feed, the CLI and delivery. */
export interface ChangeLog {
  listChanges(query: ChangeQuery): Promise<ChangePage>;
  getChange(changeId: string): Promise<Change | null>;
  getAlert(alertId: string): Promise<Alert | null>;
}

/** What the checker remembers of each source between runs: validators, failures, second looks held. */
export interface SourceStateStore {
  getSourceState(sourceId: string): Promise<SourceState | null>;
  putSourceState(state: SourceState): Promise<void>;
}

/** The three together, as the DynamoDB adapter implements them and the composition hands them out. */
export interface Store extends DocumentStore, ChangeLog, SourceStateStore {}

/** What a check of a source (and so a cycle) is given: its documents and its state, not the log. */
export type CheckStore = DocumentStore & SourceStateStore;

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
  /** Stable id so a retried send can be recognised (used as Message-ID; SES replaces it with its own). */
  messageId: string;
  /** Provider tags (SES message tags): how a bounce reported later finds its delivery row. */
  tags?: Record<string, string>;
}

export interface Mailer {
  readonly name: string;
  send(message: OutgoingMessage): Promise<{ messageId: string }>;
}

/** One signed POST to a subscriber's webhook (core/compose-webhook.ts builds it). */
export interface OutgoingWebhook {
  url: string;
  /** The exact bytes that were signed: sent as they are. */
  body: string;
  headers: Record<string, string>;
  /** Stable per row and generation (the `Procwatch-Delivery-Id` header): receivers dedupe by it. */
  deliveryId: string;
}

/**
 * POSTs a webhook. Resolves with the endpoint's status when it answered 2xx; throws DeliveryError,
 * `permanent` for a refusal (4xx other than 408/429, a redirect, a private address), temporary
 * for 5xx, 408, 429, timeouts and network errors.
 */
export interface WebhookSender {
  readonly name: string;
  post(request: OutgoingWebhook): Promise<{ status: number }>;
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

/** Counters for the operator's alarms (CloudWatch through EMF log lines in Lambda; nothing locally). */
export interface Metrics {
  count(name: string, value?: number): void;
}

export const noMetrics: Metrics = { count() {} };

/** A row the expansion writes: an alert row of its own (due now), or the alert added to a digest row. */
export interface ExpansionTarget {
  recipient: string;
  channel: Channel;
  digest?: { subjectId: string; dueAt: string };
}

/** `closed`: these digests were already being sent (or sent), so the alert must join later ones. */
export type ExpandOutcome = { outcome: 'expanded' } | { outcome: 'already' } | { outcome: 'closed'; digests: string[] };

/**
 * How a claimed row ends this try. `pending`: a temporary failure, due again later. `failed` with
 * `listed: false` is a row deliberately not sent (the person unsubscribed meanwhile): it is neither
 * re-sent nor alarmed.
 */
export type Settlement =
  | { status: 'sent'; providerMessageId: string; at: Date }
  | { status: 'pending'; dueAt: Date; reason: string }
  | { status: 'failed'; reason: string; at: Date; listed: boolean };

/** A bounce or complaint the provider reported after accepting a message. */
export interface DeliveryFeedback {
  /** The row, from the message's tags; null when the message carried none of ours. */
  key: DeliveryKey | null;
  recipient: string;
  kind: 'bounce' | 'complaint';
  /** A permanent bounce (the address will never accept mail); a complaint is always final. */
  permanent: boolean;
  /** The provider's own words: bounce type and diagnostic, or the complaint's feedback type. */
  reason: string;
  at: string;
}

/** What the table remembers of a subscriber, beside the config's rules. */
export interface SubscriberState {
  email: string;
  /** What `procwatch subscribers add|import` stored: the person's rules; null for a flag-only item. */
  rules?: SubscriberRules | null;
  unsubscribedAt: string | null;
  /** Set by a permanent bounce or a complaint: nothing more is sent there. */
  suppressedAt: string | null;
  suppressedReason: string | null;
}

/**
 * The outbox: one delivery row per (alert or digest, recipient, channel, generation), one state
 * machine (model.ts `DeliveryStatus`), every transition a conditional write, so two senders, or a
 * sender and the sweeper after a crash, never both hand a row to the provider while its lease holds.
 */
export interface Outbox {
  /** Alerts not yet expanded into rows (their one index entry). */
  listUnexpanded(limit?: number): Promise<Alert[]>;
  /** Writes the alert's rows and clears its entry, together; `already` when another sender did. */
  expand(alert: Alert, targets: ExpansionTarget[], at: Date): Promise<ExpandOutcome>;
  /** Pending rows whose time came and sending rows whose lease ran out: the sender's and sweeper's work. */
  listDue(now: Date, limit?: number): Promise<Delivery[]>;
  /** Takes a due row for `leaseMs` (a new claim token); null when another sender has it or it is not due. */
  claim(key: DeliveryKey, now: Date, leaseMs: number): Promise<Delivery | null>;
  /** Conditional on the claim token: false when the lease was lost to another sender. */
  settle(key: DeliveryKey, claimToken: string, outcome: Settlement): Promise<boolean>;
  /** Failed rows not yet re-sent, newest first. */
  listFailed(limit?: number): Promise<Delivery[]>;
  /** Writes a failed row's next generation, due now; false when that row was already re-sent. */
  resend(failed: Delivery, at: Date): Promise<boolean>;
  /** Records a bounce or complaint on its row; false when the row is unknown or already says so. */
  recordFeedback(feedback: DeliveryFeedback): Promise<boolean>;
}

/** Subscribers' stored state (SUBSCRIBER# items), beside the rules in the config. */
export interface SubscriberStore {
  listSubscriberStates(): Promise<SubscriberState[]>;
  /** One-click unsubscribe: idempotent; the flag outlives config edits. */
  unsubscribe(email: string, at?: Date): Promise<void>;
  /** After a permanent bounce or a complaint: idempotent, the first reason kept. */
  suppress(email: string, reason: string, at: Date): Promise<void>;
}
