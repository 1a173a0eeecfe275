/** Signed cursors: the store's key leaves the HTTP layer signed and bound to its filter. */
import { ProcwatchError } from '../../../lambdas/core/errors';
import type { ChangePage, ChangeQuery } from '../../../lambdas/core/ports';
import { querySignedChanges, signCursor, verifyCursor } from '../../../lambdas/http/signed-cursor';

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

describe('querySignedChanges', () => {
  it('signs the store cursor on the way out and hands the bare one back on the way in', async () => {
    const { seen, store } = recordingStore({ items: [], cursor: 'eyJwayI6IkNIQU5HRSNhIn0' });
    const first = await querySignedChanges({ store, cursorSecret: SECRET }, { sourceId: 'bscc-correspondence' });
    expect(first.cursor).toMatch(/^eyJwayI6IkNIQU5HRSNhIn0\.[A-Za-z0-9_-]{43}$/);
    await querySignedChanges(
      { store, cursorSecret: SECRET },
      { sourceId: 'bscc-correspondence', cursor: first.cursor! },
    );
    expect(seen[1].cursor).toBe('eyJwayI6IkNIQU5HRSNhIn0');
  });

  it('checks the filter and the page size before the cursor', async () => {
    const { store } = recordingStore();
    await expect(querySignedChanges({ store, cursorSecret: SECRET }, { limit: 0, cursor: 'x' })).rejects.toMatchObject({
      context: { field: 'limit' },
    });
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
