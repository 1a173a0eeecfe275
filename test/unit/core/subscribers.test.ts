/** Subscriber rules, the legacy `alerts.to`, and the digest hour in Europe/London across DST. */
import { parseConfig } from '../../../lambdas/config';
import {
  effectiveSubscribers,
  londonTime,
  matchedKeywords,
  wants,
  withStates,
} from '../../../lambdas/core/subscribers';

const alert = { sourceId: 'bscc-correspondence', type: 'new-correspondence' };
const change = { keywords: [{ term: 'Hikvision', excerpt: '…' }] };

it('keeps alerts.to as everyone, immediately, everything; an explicit entry refines it', () => {
  const subs = effectiveSubscribers(
    [{ email: 'Team <TEAM@example.org>', frequency: 'daily' }],
    ['team@example.org', 'other@example.org'],
  );
  expect(subs).toEqual([
    { email: 'team@example.org', frequency: 'daily' },
    { email: 'other@example.org', frequency: 'immediate' },
  ]);
  expect(wants(subs[1], alert, change)).toBe(true);
});

it('ANDs sources, types and keywords; unsubscribed people get nothing', () => {
  const base = { email: 'x@example.org', frequency: 'immediate' as const };
  expect(wants({ ...base, sources: ['procurement-bills'] }, alert, change)).toBe(false);
  expect(wants({ ...base, types: ['document-changed'] }, alert, change)).toBe(false);
  expect(wants({ ...base, keywords: ['dahua'] }, alert, change)).toBe(false);
  expect(wants({ ...base, keywords: ['hikvision'], types: ['new-correspondence'] }, alert, change)).toBe(true);
  expect(matchedKeywords({ ...base, keywords: ['hikvision'] }, change)).toEqual(['Hikvision']);
  expect(wants({ ...base, unsubscribedAt: '2026-01-01T00:00:00Z' }, alert, change)).toBe(false);
});

it('reads the London clock, in winter and in summer', () => {
  expect(londonTime(new Date('2026-01-15T08:30:00Z'))).toEqual({ day: '2026-01-15', hour: 8 });
  expect(londonTime(new Date('2026-07-15T07:30:00Z'))).toEqual({ day: '2026-07-15', hour: 8 });
});

it('stored flags win over the config: unsubscribed and suppressed people get nothing', () => {
  const people = withStates(effectiveSubscribers([], ['a@example.org', 'b@example.org', 'c@example.org']), [
    { email: 'a@example.org', unsubscribedAt: '2026-01-01T00:00:00Z', suppressedAt: null, suppressedReason: null },
    { email: 'b@example.org', unsubscribedAt: null, suppressedAt: '2026-01-02T00:00:00Z', suppressedReason: 'bounce' },
  ]);
  expect(people.map((p) => [p.email, wants(p, alert, change)])).toEqual([
    ['a@example.org', false],
    ['b@example.org', false],
    ['c@example.org', true],
  ]);
  expect(people[1]).toEqual(
    expect.objectContaining({ suppressedAt: '2026-01-02T00:00:00Z', suppressedReason: 'bounce' }),
  );
});

it('the config accepts the subscribers, unsubscribe and mailer sections docs/email.md shows, and rejects unknown keys', () => {
  const base = {
    contact: 'test@example.org',
    sources: [
      {
        id: 'bscc-correspondence',
        kind: 'govuk-search',
        organisations: ['biometrics-and-surveillance-camera-commissioner'],
        documentTypes: ['correspondence'],
      },
    ],
    alerts: { from: 'procurement-watch <alerts@example.org>', to: ['campaign-team@example.org'] },
  };
  const c = parseConfig({
    ...base,
    subscribers: [
      { email: 'letters@example.org', types: ['new-correspondence'], frequency: 'immediate' },
      {
        email: 'weekly-reader@example.org',
        sources: ['bscc-correspondence'],
        keywords: ['Hikvision', 'Dahua'],
        frequency: 'daily',
        digestHour: 8,
      },
    ],
    unsubscribe: { baseUrl: 'https://watch.example.org/unsubscribe', secretId: 'procwatch/unsubscribe' },
    mailer: {
      kind: 'smtp',
      smtp: { host: 'smtp.example.org', port: 587, user: 'alerts@example.org', secretEnv: 'PROCWATCH_SMTP_PASSWORD' },
    },
  });
  expect(c.subscribers).toHaveLength(2);
  expect(c.mailer.kind).toBe('smtp');
  expect(() => parseConfig({ ...base, subscribers: [{ email: 'x@example.org', password: 'no' }] })).toThrow(
    /unknown key/,
  );
  expect(() => parseConfig({ ...base, mailer: { kind: 'smtp', smtp: { host: 'h', password: 'inline' } } })).toThrow(
    /unknown key/,
  );
});
