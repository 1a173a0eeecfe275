/** Small interfaces the core depends on; adapters implement them. */
import type {
  Alert,
  AlertStatus,
  Change,
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

export interface HttpFetcher {
  /**
   * GET a URL. Answers 2xx, 304, 404 and 410 as values; throws FetchError for everything
   * that is a failure of the network or server (after its own retries).
   */
  get(req: FetchRequest, validators?: Validators): Promise<Fetched>;
}

/** One change with everything it causes, written atomically (one TransactWriteItems). */
export interface ChangeWrite {
  /** Zero changes is allowed: a document whose signal moved but whose text did not. */
  changes: Change[];
  alerts: Alert[];
  /** The document's new head; `expectedVersion` guards against a concurrent writer. */
  document?: { next: StoredDocument; expectedVersion: number | null };
  version?: StoredVersion;
}

export interface ChangeQuery {
  since?: string;
  until?: string;
  sourceId?: string;
  type?: string;
  threadId?: string;
  docId?: string;
  q?: string;
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
  /** 'duplicate' when another writer recorded the same change first: nothing is half-written. */
  recordChange(write: ChangeWrite): Promise<'written' | 'duplicate'>;
  listChanges(query: ChangeQuery): Promise<ChangePage>;
  getChange(changeId: string): Promise<Change | null>;
  listAlerts(status: AlertStatus, limit?: number): Promise<Alert[]>;
  getAlert(alertId: string): Promise<Alert | null>;
  updateAlert(alertId: string, from: AlertStatus, patch: Partial<Alert>): Promise<boolean>;
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
