/**
 * Deterministic ids: the same change found twice (a retry, two cycles at once) gets the same id,
 * so the store's conditional write turns the second into a no-op instead of a duplicate alert.
 */
import { createHash } from 'node:crypto';

export function stableId(...parts: (string | number | null | undefined)[]): string {
  return createHash('sha256')
    .update(parts.map((p) => String(p ?? '')).join('\u241f'))
    .digest('base64url')
    .slice(0, 22);
}

export function newRunId(now: Date): string {
  return `${now.toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${Math.random().toString(36).slice(2, 8)}`;
}
