/**
 * Webhook signatures, Stripe-style: `Procwatch-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>">`. The timestamp is inside what is signed, so an old request replayed later is
 * refused by its age, and a tampered body or timestamp by its signature. docs/webhooks.md gives a
 * receiver's recipe; `verifyWebhook` is that recipe (the tests' receiver uses it).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Procwatch-Signature';
export const DELIVERY_ID_HEADER = 'Procwatch-Delivery-Id';
/** A signed request older (or newer) than this is refused. */
export const SIGNATURE_TOLERANCE_S = 300;

function hmac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function signWebhook(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${hmac(secret, t, body)}`;
}

export type Verification = { valid: true; timestamp: number } | { valid: false; reason: string };

/** Checks a received signature header against the raw body: outcome as a value, never a throw. */
export function verifyWebhook(
  secret: string,
  header: string | undefined,
  body: string,
  now: Date,
  toleranceS = SIGNATURE_TOLERANCE_S,
): Verification {
  const parts = new Map((header ?? '').split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const given = [...(header ?? '').matchAll(/(?:^|,)\s*v1=([0-9a-f]{64})/g)].map((m) => m[1]);
  if (!Number.isInteger(t) || !given.length) return { valid: false, reason: 'no t= and v1= in the signature header' };
  if (Math.abs(now.getTime() / 1000 - t) > toleranceS) return { valid: false, reason: 'timestamp outside tolerance' };
  const expected = Buffer.from(hmac(secret, t, body), 'hex');
  const ok = given.some((g) => timingSafeEqual(Buffer.from(g, 'hex'), expected));
  return ok ? { valid: true, timestamp: t } : { valid: false, reason: 'signature does not match' };
}
