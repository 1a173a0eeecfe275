import { boundEvents, MAX_EVENTS_EACH } from '../../../lambdas/core/bound-events';
import type { StructuredEvent } from '../../../lambdas/core/source-kind';

const ev = (type: string, i: number): StructuredEvent => ({
  type,
  key: `row:${i}`,
  title: `Row ${i}`,
  summary: `Row ${i} moved.`,
  text: `Row ${i} text`,
});

describe('boundEvents', () => {
  it('keeps up to MAX_EVENTS_EACH events of a type one by one', () => {
    const events = Array.from({ length: MAX_EVENTS_EACH }, (_, i) => ev('added', i));
    expect(boundEvents(events, 'The list', 2)).toEqual(events);
  });

  it('summarises a type beyond the bound into one event that still holds every row for keyword search', () => {
    const events = [...Array.from({ length: 57 }, (_, i) => ev('added', i)), ev('removed', 99)];
    const out = boundEvents(events, 'The list', 3);
    expect(out.map((e) => e.type)).toEqual(['added', 'removed']);
    expect(out[0]).toEqual(expect.objectContaining({ key: 'summary:57', title: '57 at once on The list' }));
    expect(out[0].summary).toBe(
      '57 at once on The list: Row 0; Row 1; Row 2; Row 3; Row 4; and 52 more. Every one is in version 3 of the document.',
    );
    expect(out[0].text?.split('\n')).toHaveLength(57);
    expect(out[1]).toEqual(ev('removed', 99));
  });
});
