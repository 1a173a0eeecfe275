/**
 * The DeliveryStore port in memory, with the same conditions as the DynamoDB adapter. Used when a
 * caller wires no persistent store (the alert-level claim still keeps senders apart) and by unit tests.
 */
import { randomUUID } from 'node:crypto';
import type { Alert } from './model';
import type { ClaimResult, DeliveryStore, SendKey, SendRecord, SendStatus } from './ports';

export class MemoryDeliveryStore implements DeliveryStore {
  readonly records = new Map<string, SendRecord>();
  readonly unsubscribed = new Map<string, string>();

  constructor(private readonly alerts: () => Promise<Alert[]> = async () => []) {}

  private id(key: SendKey): string {
    return `${key.alertId}\u0000${key.recipient}`;
  }

  async claim(init: Parameters<DeliveryStore['claim']>[0], now: Date, leaseMs: number): Promise<ClaimResult> {
    const prior = this.records.get(this.id(init));
    const at = now.toISOString();
    const free =
      !prior ||
      (prior.status === 'retry' && (prior.nextAttemptAt ?? '') <= at) ||
      (prior.status === 'claimed' && (prior.leaseUntil ?? '') < at);
    if (!free) {
      const outcome =
        prior.status === 'sent'
          ? 'sent'
          : prior.status === 'failed'
            ? 'failed'
            : prior.status === 'retry'
              ? 'waiting'
              : 'busy';
      return { outcome, record: { ...prior } };
    }
    const record: SendRecord = {
      alertId: init.alertId,
      recipient: init.recipient,
      kind: init.kind,
      status: 'claimed',
      messageId: prior?.messageId ?? init.messageId,
      claimToken: randomUUID(),
      leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
      sendStartedAt: prior?.sendStartedAt ?? null,
      providerMessageId: prior?.providerMessageId ?? null,
      attempts: (prior?.attempts ?? 0) + 1,
      lastError: prior?.lastError ?? null,
      nextAttemptAt: null,
      sentAt: null,
      digestId: prior?.digestId ?? init.digestId ?? null,
      items: prior?.items ?? init.items ?? null,
      resent: prior?.resent ?? false,
    };
    this.records.set(this.id(init), record);
    return { outcome: 'claimed', record: { ...record } };
  }

  private transition(key: SendKey, token: string, status: SendStatus, patch: Partial<SendRecord>): boolean {
    const r = this.records.get(this.id(key));
    if (!r || r.claimToken !== token) return false;
    this.records.set(this.id(key), { ...r, ...patch, status });
    return true;
  }

  async markSending(key: SendKey, token: string, at: Date): Promise<boolean> {
    return this.transition(key, token, 'claimed', { sendStartedAt: at.toISOString() });
  }

  async markSent(key: SendKey, token: string, providerMessageId: string, at: Date, resent = false): Promise<boolean> {
    return this.transition(key, token, 'sent', {
      providerMessageId,
      sentAt: at.toISOString(),
      leaseUntil: null,
      claimToken: null,
      resent,
    });
  }

  async markFailed(key: SendKey, token: string, reason: string): Promise<boolean> {
    return this.transition(key, token, 'failed', { lastError: reason, leaseUntil: null, claimToken: null });
  }

  async markRetry(key: SendKey, token: string, reason: string, next: Date): Promise<boolean> {
    return this.transition(key, token, 'retry', {
      lastError: reason,
      nextAttemptAt: next.toISOString(),
      leaseUntil: null,
      claimToken: null,
      sendStartedAt: null,
    });
  }

  async getSend(key: SendKey): Promise<SendRecord | null> {
    const r = this.records.get(this.id(key));
    return r ? { ...r } : null;
  }

  async reserve(key: SendKey, digestId: string, messageId: string): Promise<boolean> {
    const prior = this.records.get(this.id(key));
    if (prior && prior.digestId !== digestId) return false;
    if (!prior) {
      this.records.set(this.id(key), {
        ...key,
        kind: 'digest',
        status: 'reserved',
        messageId,
        claimToken: null,
        leaseUntil: null,
        sendStartedAt: null,
        providerMessageId: null,
        attempts: 0,
        lastError: null,
        nextAttemptAt: null,
        sentAt: null,
        digestId,
        items: null,
        resent: false,
      });
    }
    return true;
  }

  async settleReserved(key: SendKey, digestId: string, providerMessageId: string, at: Date): Promise<void> {
    const r = this.records.get(this.id(key));
    if (r && r.digestId === digestId && r.status === 'reserved')
      this.records.set(this.id(key), { ...r, status: 'sent', providerMessageId, sentAt: at.toISOString() });
  }

  async listStale(now: Date): Promise<SendRecord[]> {
    return [...this.records.values()].filter((r) => r.status === 'claimed' && (r.leaseUntil ?? '') < now.toISOString());
  }

  async listByStatus(status: SendStatus): Promise<SendRecord[]> {
    return [...this.records.values()].filter((r) => r.status === status);
  }

  async listAlertsCreated(since: string, until: string): Promise<Alert[]> {
    return (await this.alerts()).filter((a) => a.createdAt >= since && a.createdAt <= until);
  }

  async listSubscriberStates(): Promise<{ email: string; unsubscribedAt: string | null }[]> {
    return [...this.unsubscribed.entries()].map(([email, unsubscribedAt]) => ({ email, unsubscribedAt }));
  }

  async unsubscribe(email: string, at: Date = new Date()): Promise<void> {
    const address = email.trim().toLowerCase();
    if (!this.unsubscribed.has(address)) this.unsubscribed.set(address, at.toISOString());
  }
}
