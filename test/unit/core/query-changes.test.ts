/** queryChanges: validation, the limit cap, and cursors that are signed and bound to their filter. */
import { ProcwatchError } from '../../../lambdas/core/errors';
import type { ChangePage, ChangeQuery } from '../../../lambdas/core/ports';
import {
  MAX_LIMIT,
  parseChangeFilter,
  queryChanges,
  signCursor,
  verifyCursor,
} from '../../../lambdas/core/query-changes';

const SECRET = 'unit-test-secret-0123456789';

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
    await queryChanges({ store, cursorSecret: SECRET }, { limit: 10_000 });
    expect(seen[0].limit).toBe(MAX_LIMIT);
    await expect(queryChanges({ store, cursorSecret: SECRET }, { limit: 0 })).rejects.toMatchObject({
      context: { field: 'limit' },
    });
    await expect(queryChanges({ store, cursorSecret: SECRET }, { limit: 2.5 })).rejects.toMatchObject({
      context: { field: 'limit' },
    });
  });

  it('signs the store cursor on the way out and hands the bare one back on the way in', async () => {
    const { seen, store } = recordingStore({ items: [], cursor: 'eyJwayI6IkNIQU5HRSNhIn0' });
    const first = await queryChanges({ store, cursorSecret: SECRET }, { sourceId: 'bscc-correspondence' });
    expect(first.cursor).toMatch(/^eyJwayI6IkNIQU5HRSNhIn0\.[A-Za-z0-9_-]{43}$/);
    await queryChanges({ store, cursorSecret: SECRET }, { sourceId: 'bscc-correspondence', cursor: first.cursor! });
    expect(seen[1].cursor).toBe('eyJwayI6IkNIQU5HRSNhIn0');
  });
});

describe('cursors', () => {
  const filter = { threadId: 'bscc--hikvision' };
  const signed = signCursor('eyJwayI6IkNIQU5HRSNhIn0', filter, SECRET);

  it('verify what they sign', () => {
    expect(verifyCursor(signed, filter, SECRET)).toBe('eyJwayI6IkNIQU5HRSNhIn0');
  });

  it.each([
    ['another secret', signed, filter, 'another-secret-0123456789'],
    ['another filter', signed, { threadId: 'bscc--dahua' }, SECRET],
    ['an edited key', `eyJwayI6IkNIQU5HRSNiIn0.${signed.split('.')[1]}`, filter, SECRET],
    ['no signature', 'eyJwayI6IkNIQU5HRSNhIn0', filter, SECRET],
    ['an empty string', '', filter, SECRET],
    ['a truncated signature', signed.slice(0, -1), filter, SECRET],
  ])('refuse %s', (_name, cursor, f, secret) => {
    expect(fieldOf(() => verifyCursor(cursor, f, secret))).toBe('cursor');
  });
});
