/** Subscriber rules, the legacy `alerts.to`, and the digest hour in Europe/London across DST. */
import { digestDue, effectiveSubscribers, londonTime, matchedKeywords, wants } from '../../../lambdas/core/subscribers';

const alert = { sourceId: 'bscc-correspondence', type: 'new-correspondence' };
const change = { keywords: [{ term: 'Hikvision', excerpt: '…' }] };

it('keeps alerts.to as everyone, immediately, everything; an explicit entry refines it', () => {
  const subs = effectiveSubscribers([{ email: 'Team <TEAM@example.org>', frequency: 'daily' }], ['team@example.org', 'other@example.org']);
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

it('reads the digest hour on the London clock, in winter and in summer', () => {
  expect(londonTime(new Date('2026-01-15T08:30:00Z'))).toEqual({ day: '2026-01-15', hour: 8 });
  expect(londonTime(new Date('2026-07-15T07:30:00Z'))).toEqual({ day: '2026-07-15', hour: 8 });
  const daily = { email: 'd@example.org', frequency: 'daily' as const, digestHour: 8 };
  expect(digestDue(daily, new Date('2026-07-15T06:59:00Z'))).toBeNull();
  expect(digestDue(daily, new Date('2026-07-15T07:00:00Z'))).toBe('2026-07-15');
  expect(digestDue({ ...daily, frequency: 'immediate' }, new Date('2026-07-15T09:00:00Z'))).toBeNull();
});
