/** queryChanges: validation, the limit cap, and the store's cursor passed through. */
import { ProcwatchError } from '../../../lambdas/core/errors';
import type { ChangePage, ChangeQuery } from '../../../lambdas/core/ports';
import { MAX_LIMIT, parseChangeFilter, queryChanges } from '../../../lambdas/core/query-changes';

function recordingStore(page: ChangePage = { items: [], cursor: null }) {
  const seen: ChangeQuery[] = [];
  return { seen, store: { listChanges: async (q: ChangeQuery) => (seen.push(q), page) } };
}

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProcwatchError && err.code === 'invalid-parameter') return String(err.context.field);
    throw err;
  }
  return undefined;
}

describe('parseChangeFilter', () => {
  it('normalises times to UTC ISO and keeps a day a day', () => {
    expect(parseChangeFilter({ since: '2026-01-31T10:00:00+01:00', until: '2026-02-01' })).toEqual({
      since: '2026-01-31T09:00:00.000Z',
      until: '2026-02-01',
    });
  });

  it('lower-cases the keyword and folds its whitespace', () => {
    expect(parseChangeFilter({ q: '  Hikvision \t Letter ' }).q).toBe('hikvision letter');
  });

  it.each([
    [{ since: 'last week' }, 'since'],
    [{ until: '2026-02-30' }, 'until'],
    [{ since: '2026-03-01', until: '2026-02-01' }, 'until'],
    [{ sourceId: 'bscc correspondence' }, 'source'],
    [{ threadId: '../etc' }, 'thread'],
    [{ type: 'New' }, 'type'],
    [{ docId: 'govuk:/a\u0000b' }, 'document'],
    [{ q: 'x' }, 'q'],
    [{ q: 'y'.repeat(101) }, 'q'],
  ])('refuses %j naming %s', (filter, field) => {
    expect(fieldOf(() => parseChangeFilter(filter))).toBe(field);
  });
});

describe('queryChanges', () => {
  it('caps the page size and refuses one below 1', async () => {
    const { seen, store } = recordingStore();
    await queryChanges({ store }, { limit: 10_000 });
    expect(seen[0].limit).toBe(MAX_LIMIT);
    await expect(queryChanges({ store }, { limit: 0 })).rejects.toMatchObject({
      context: { field: 'limit' },
    });
    await expect(queryChanges({ store }, { limit: 2.5 })).rejects.toMatchObject({
      context: { field: 'limit' },
    });
  });

  it('hands the store cursor out and back as it is', async () => {
    const { seen, store } = recordingStore({ items: [], cursor: 'eyJwayI6IkNIQU5HRSNhIn0' });
    const first = await queryChanges({ store }, { sourceId: 'bscc-correspondence' });
    expect(first.cursor).toBe('eyJwayI6IkNIQU5HRSNhIn0');
    await queryChanges({ store }, { sourceId: 'bscc-correspondence', cursor: first.cursor ?? undefined });
    expect(seen[1].cursor).toBe('eyJwayI6IkNIQU5HRSNhIn0');
  });
});
