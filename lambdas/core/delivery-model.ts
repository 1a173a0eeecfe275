/** The outbox's one record and its one state machine (issue 16): what a delivery row is. */

/**
 * How a row reaches its recipient: an email, or a signed POST to one of the subscriber's webhooks
 * (generic JSON, Slack, Teams). Same rows, same state machine, each channel failing on its own.
 */
export type Channel = 'email' | 'webhook';

/**
 * One delivery row's state: pending (due at `dueAt`: now, a digest's hour, or a retry's backoff) →
 * sending (held by one sender until `leaseUntil`) → sent | failed. A temporary failure goes back to
 * pending, due later; a sending row whose lease ran out is due again (its sender died).
 */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** Which row: the alert (or digest) it carries, to whom, how, and which try of a re-send. */
export interface DeliveryKey {
  /** The alert id, or a digest's id (`digest-<London day>-<hash of the recipient>`). */
  subjectId: string;
  recipient: string;
  channel: Channel;
  /** 0 for the row the expansion wrote; each `procwatch resend` of a failed row adds one. */
  generation: number;
}

export interface Delivery extends DeliveryKey {
  kind: 'alert' | 'digest';
  /** The alerts the message carries: one for an alert row, the day's items for a digest. */
  alertIds: string[];
  status: DeliveryStatus;
  dueAt: string;
  leaseUntil: string | null;
  claimToken: string | null;
  /** Claims so far (each try of a sender). */
  attempts: number;
  /** The provider's reason for the last failure, or the bounce or complaint it reported later. */
  lastError: string | null;
  providerMessageId: string | null;
  sentAt: string | null;
  failedAt: string | null;
  /** What the provider reported after accepting it (SES feedback). */
  bouncedAt: string | null;
  complainedAt: string | null;
  /** Set when a re-send replaced this failed row with the next generation. */
  supersededBy: number | null;
}
