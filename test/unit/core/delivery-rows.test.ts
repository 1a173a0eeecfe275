/** Row keys, Message-IDs, the SES tag a bounce is matched by, and which digest an alert joins (London time). */
import {
  deliveryTags,
  digestSlot,
  DELIVERY_TAG,
  keyFromTag,
  londonInstant,
  messageIdFor,
} from '../../../lambdas/core/delivery-rows';

const daily = { email: 'd@example.org', frequency: 'daily' as const, digestHour: 8 };

describe('digestSlot', () => {
  it.each([
    ['winter, before the hour: today', '2026-01-15T07:59:00Z', '2026-01-15T08:00:00.000Z'],
    ['winter, after the hour: tomorrow', '2026-01-15T08:00:30Z', '2026-01-16T08:00:00.000Z'],
    ['summer (BST), before 08:00 London', '2026-07-15T06:30:00Z', '2026-07-15T07:00:00.000Z'],
    ['summer (BST), after 08:00 London', '2026-07-15T07:30:00Z', '2026-07-16T07:00:00.000Z'],
    ['late evening in London is the next London day', '2026-07-15T23:30:00Z', '2026-07-16T07:00:00.000Z'],
  ])('%s', (_name, raised, due) => {
    expect(digestSlot(daily, raised).dueAt).toBe(due);
  });

  it('a later slot is a day later, and the id names the day', () => {
    const first = digestSlot(daily, '2026-01-15T07:00:00Z');
    const later = digestSlot(daily, '2026-01-15T07:00:00Z', 1);
    expect(first.subjectId).toMatch(/^digest-2026-01-15-/);
    expect(later.subjectId).toMatch(/^digest-2026-01-16-/);
    expect(later.dueAt).toBe('2026-01-16T08:00:00.000Z');
  });

  it('finds 08:00 London across the clock changes', () => {
    expect(londonInstant('2026-03-29', 8).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(londonInstant('2026-10-25', 8).toISOString()).toBe('2026-10-25T08:00:00.000Z');
  });
});

describe('row identity', () => {
  const key = {
    subjectId: 'AABZq9i6I49mAjTc0tFaVg',
    recipient: 'a@example.org',
    channel: 'email' as const,
    generation: 0,
  };

  it('one Message-ID per row; a re-send generation has its own', () => {
    expect(messageIdFor(key)).toMatch(/^<AABZq9i6I49mAjTc0tFaVg\.[\w-]{12}@procurement-watch>$/);
    expect(messageIdFor({ ...key, generation: 2 })).toMatch(/\.g2@procurement-watch>$/);
  });

  it('the SES tag carries the row key in SES-allowed characters and reads back, recipient from the event', () => {
    const value = deliveryTags({ ...key, subjectId: 'digest-2026-01-15-abc_DEF-12', generation: 3 })[DELIVERY_TAG];
    expect(value).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(keyFromTag(value, 'A@Example.org')).toEqual({
      subjectId: 'digest-2026-01-15-abc_DEF-12',
      recipient: 'a@example.org',
      channel: 'email',
      generation: 3,
    });
    expect(keyFromTag('not base64!', 'a@example.org')).toBeNull();
    expect(keyFromTag(undefined, 'a@example.org')).toBeNull();
  });
});
