/** Tokens made by hand with the secret: each check of the verifier must refuse on its own. */
import { createHmac } from 'node:crypto';
import { createUnsubscribeToken, verifyUnsubscribeToken } from '../../../lambdas/core/unsubscribe-token';

const SECRET = 'unit-test-secret-0123456789';
const b64 = (s: string) => Buffer.from(s).toString('base64url');
/** A token signed exactly as the product signs, from any parts. */
const signed = (emailPart: string, issuedPart: string, version = 'v1') => {
  const mac = createHmac('sha256', SECRET).update(`v1.${emailPart}.${issuedPart}`).digest('base64url');
  return `${version}.${emailPart}.${issuedPart}.${mac}`;
};

it('is "v1.<address base64url>.<seconds base36>.<HMAC of v1.payload>"', () => {
  const at = new Date('2026-01-02T03:04:05.999Z');
  const seconds = Math.floor(at.getTime() / 1000).toString(36);
  expect(createUnsubscribeToken(' Campaigner@Example.org ', SECRET, at)).toBe(
    signed(b64('campaigner@example.org'), seconds),
  );
});

it('needs a secret to make or to check a token', () => {
  expect(() => createUnsubscribeToken('a@example.org', '')).toThrow(Error);
  expect(verifyUnsubscribeToken(signed(b64('a@example.org'), 'abc'), '')).toBeNull();
});

it('accepts a well-signed token of any issue time', () => {
  expect(verifyUnsubscribeToken(signed(b64('a@example.org'), '0'), SECRET)).toEqual({ email: 'a@example.org' });
});

it.each([
  ['another version', signed(b64('a@example.org'), 'abc', 'v2')],
  ['an address part outside base64url', signed(`${b64('a@example.org')}=`, 'abc')],
  ['an issue time in capitals', signed(b64('a@example.org'), 'ABC')],
  ['an empty issue time', signed(b64('a@example.org'), '')],
  ['a signed value that is no address', signed(b64('not an address'), 'abc')],
  ['an address with two @', signed(b64('a@b@example.org'), 'abc')],
  ['an address with angle brackets', signed(b64('<a@example.org>'), 'abc')],
  ['an address with nothing before the @', signed(b64('@example.org'), 'abc')],
  ['a token longer than 1024 characters', signed(b64(`${'a'.repeat(800)}@example.org`), 'abc')],
  ['a MAC one character short', signed(b64('a@example.org'), 'abc').slice(0, -1)],
  ['a MAC outside base64url', `${signed(b64('a@example.org'), 'abc').slice(0, -1)}+`],
])('refuses %s', (_name, token) => {
  expect(verifyUnsubscribeToken(token, SECRET)).toBeNull();
});

it('accepts a token of exactly 1024 characters', () => {
  // 718 + 12 bytes of address: 974 characters of base64url, 50 of version, time, MAC and dots.
  const email = `${'a'.repeat(718)}@example.org`;
  const token = signed(b64(email), 'ab');
  expect(token.length).toBe(1024);
  expect(verifyUnsubscribeToken(token, SECRET)).toEqual({ email });
});
