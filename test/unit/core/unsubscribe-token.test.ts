/** One-click unsubscribe tokens: round trip, forgery, tampering, wrong secret. */
import { createUnsubscribeToken, verifyUnsubscribeToken } from '../../../lambdas/core/unsubscribe-token';

const SECRET = 'unit-test-secret-0123456789';

it('round-trips a lower-cased address and is stable for the same issue time', () => {
  const at = new Date('2026-01-02T03:04:05Z');
  const token = createUnsubscribeToken('Campaigner@Example.org', SECRET, at);
  expect(token).toMatch(/^v1\.[\w-]+\.[0-9a-z]+\.[\w-]+$/);
  expect(createUnsubscribeToken('campaigner@example.org', SECRET, at)).toBe(token);
  expect(verifyUnsubscribeToken(token, SECRET)).toEqual({ email: 'campaigner@example.org' });
});

it('rejects a wrong secret, a tampered address or time, and junk', () => {
  const token = createUnsubscribeToken('a@example.org', SECRET);
  expect(verifyUnsubscribeToken(token, 'another-secret-0123456789')).toBeNull();
  const [v, , issued, mac] = token.split('.');
  expect(
    verifyUnsubscribeToken([v, Buffer.from('b@example.org').toString('base64url'), issued, mac].join('.'), SECRET),
  ).toBeNull();
  expect(verifyUnsubscribeToken([v, token.split('.')[1], 'zz', mac].join('.'), SECRET)).toBeNull();
  for (const junk of ['', 'v1', 'v1.a.b.c', 'v2.a.b.c.d', `${token}x`, 'x'.repeat(5000)])
    expect(verifyUnsubscribeToken(junk, SECRET)).toBeNull();
});
