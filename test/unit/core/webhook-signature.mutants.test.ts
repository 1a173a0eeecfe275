/** The signature header's exact form and each way verification refuses or accepts it. */
import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook } from '../../../lambdas/core/webhook-signature';

const at = new Date('2026-03-02T09:00:00.750Z');
const t = 1772442000;
const mac = (secret: string, ts: number, body: string) =>
  createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');

describe('signWebhook', () => {
  it('signs "<seconds>.<body>" with HMAC-SHA256, seconds rounded down', () => {
    expect(signWebhook('k', '{"a":1}', at)).toBe(`t=${t},v1=${mac('k', t, '{"a":1}')}`);
  });
});

describe('verifyWebhook', () => {
  const body = '{"a":1}';
  const header = `t=${t},v1=${mac('k', t, body)}`;

  it('accepts a good signature and returns its timestamp', () => {
    expect(verifyWebhook('k', header, body, at)).toEqual({ valid: true, timestamp: t });
  });

  it('accepts spaces after the commas and any one matching v1 among several', () => {
    const other = 'f'.repeat(64);
    expect(verifyWebhook('k', `t=${t}, v1=${other}, v1=${mac('k', t, body)}`, body, at)).toEqual({
      valid: true,
      timestamp: t,
    });
  });

  it.each([
    ['no header', undefined],
    ['no timestamp', `v1=${mac('k', t, body)}`],
    ['a timestamp that is not a whole number', `t=${t}.5,v1=${mac('k', t, body)}`],
    ['no v1', `t=${t}`],
    ['a v1 of the wrong length', `t=${t},v1=${mac('k', t, body).slice(1)}`],
    ['a v1 in capitals', `t=${t},v1=${mac('k', t, body).toUpperCase()}`],
    ['a v1 glued to another field', `t=${t},xv1=${mac('k', t, body)}`],
  ])('refuses %s as malformed', (_name, h) => {
    expect(verifyWebhook('k', h, body, at)).toEqual({
      valid: false,
      reason: 'no t= and v1= in the signature header',
    });
  });

  it('accepts exactly the tolerance either way, and refuses a second more', () => {
    const ok = (seconds: number) => verifyWebhook('k', header, body, new Date((t + seconds) * 1000)).valid;
    expect([ok(300), ok(-300), ok(301), ok(-301)]).toEqual([true, true, false, false]);
    expect(verifyWebhook('k', header, body, new Date((t + 301) * 1000))).toEqual({
      valid: false,
      reason: 'timestamp outside tolerance',
    });
    expect(verifyWebhook('k', header, body, new Date((t + 10) * 1000), 5).valid).toBe(false);
  });

  it('refuses another secret, body or timestamp as a mismatch', () => {
    const mismatch = { valid: false, reason: 'signature does not match' };
    expect(verifyWebhook('other', header, body, at)).toEqual(mismatch);
    expect(verifyWebhook('k', header, '{"a":2}', at)).toEqual(mismatch);
    expect(verifyWebhook('k', header.replace(`t=${t}`, `t=${t + 1}`), body, at)).toEqual(mismatch);
  });
});
