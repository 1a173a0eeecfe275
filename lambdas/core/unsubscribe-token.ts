/**
 * One-click unsubscribe tokens (RFC 8058 links): `v1.<email, base64url>.<issued, base36 seconds>.<HMAC-SHA256>`.
 * The token names the address it unsubscribes and proves we issued it; it carries no expiry because
 * an unsubscribe link in a year-old email must still work (RFC 8058 asks for links that keep working).
 * The HTTP endpoint imports `verifyUnsubscribeToken` from here; keep these signatures stable.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { addressOf } from './subscribers';

const VERSION = 'v1';

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(`${VERSION}.${payload}`).digest('base64url');
}

export function createUnsubscribeToken(email: string, secret: string, issuedAt: Date = new Date()): string {
  if (!secret) throw new Error('An unsubscribe secret is required.');
  const address = Buffer.from(addressOf(email)).toString('base64url');
  const payload = `${address}.${Math.floor(issuedAt.getTime() / 1000).toString(36)}`;
  return `${VERSION}.${payload}.${sign(payload, secret)}`;
}

/** The address the token unsubscribes, or null when the token is malformed or was not signed with `secret`. */
export function verifyUnsubscribeToken(token: string, secret: string): { email: string } | null {
  if (!secret || typeof token !== 'string' || token.length > 1024) return null;
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) return null;
  const [, emailPart, issuedPart, mac] = parts;
  if (!/^[A-Za-z0-9_-]+$/.test(emailPart) || !/^[0-9a-z]+$/.test(issuedPart) || !/^[A-Za-z0-9_-]+$/.test(mac))
    return null;
  const expected = Buffer.from(sign(`${emailPart}.${issuedPart}`, secret));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const email = Buffer.from(emailPart, 'base64url').toString('utf8');
  return /^[^\s@<>]+@[^\s@<>]+$/.test(email) ? { email } : null;
}
