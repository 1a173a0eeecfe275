/** The listing's fingerprint and the shrink guard, value by value. */
import { freshState } from '../../../lambdas/core/source-health';
import { ParseError, SecondLookError } from '../../../lambdas/core/errors';
import { stableId } from '../../../lambdas/core/ids';
import { guardShrink, listingFingerprint } from '../../../lambdas/core/listing-guards';
import type { DocumentSnapshot, ListingEntry, SourceState } from '../../../lambdas/core/model';
import { fingerprint } from '../../../lambdas/core/text/normalize';

const entry = (docId: string, signal: string, extra: Partial<ListingEntry> = {}): ListingEntry => ({
  docId,
  url: `https://example.org/${docId}`,
  title: docId,
  signal,
  ...extra,
});
const snapshot = (text: string, extra: DocumentSnapshot['extra'], withdrawn: boolean): DocumentSnapshot => ({
  docId: 'x',
  url: 'https://example.org/x',
  title: 'x',
  documentType: 'notice',
  text,
  signal: 's',
  publishedAt: null,
  updatedAt: null,
  changeNote: null,
  withdrawn: withdrawn ? { at: null, explanation: 'gone' } : null,
  organisations: [],
  attachments: [],
  parentId: null,
  extra,
});
const state = (over: Partial<SourceState> = {}): SourceState => ({ ...freshState('debarment-list'), ...over });

describe('listingFingerprint', () => {
  it('is the stable id of each entry’s id, signal and inline content', () => {
    const entries = [
      entry('a', '2026-01-01'),
      entry('b', '2026-01-02', { inline: snapshot('Body', { rows: 1 }, true) }),
      entry('c', 's', { inline: snapshot('Body', undefined, false) }),
    ];
    expect(listingFingerprint(entries)).toBe(
      stableId(
        'a\u241e2026-01-01\u241e',
        `b\u241e2026-01-02\u241e${fingerprint('Body\n{"rows":1}\nwithdrawn')}`,
        `c\u241es\u241e${fingerprint('Body\nnull\n')}`,
      ),
    );
  });

  it('moves with a signal, an inline text or a withdrawal, and not with the title or URL', () => {
    const base = listingFingerprint([entry('a', '1')]);
    expect(listingFingerprint([entry('a', '2')])).not.toBe(base);
    expect(listingFingerprint([{ ...entry('a', '1'), title: 'x', url: 'https://x' }])).toBe(base);
    const withText = (withdrawn: boolean) =>
      listingFingerprint([entry('a', '1', { inline: snapshot('t', undefined, withdrawn) })]);
    expect(withText(true)).not.toBe(withText(false));
    expect(withText(false)).not.toBe(base);
  });
});

describe('guardShrink', () => {
  const thrown = (fn: () => void): SecondLookError => {
    try {
      fn();
    } catch (err) {
      return err as SecondLookError;
    }
    throw new Error('did not throw');
  };

  it('believes any listing when nothing active is stored', () => {
    expect(() => guardShrink('s', state({ lastListingSize: 100 }), 0, 0, 0.5)).not.toThrow();
  });

  it('refuses an empty listing, naming the source and holding nothing', () => {
    const err = thrown(() => guardShrink('debarment-list', state(), 0, 3, 0.5));
    expect(err).toBeInstanceOf(SecondLookError);
    expect(err).toBeInstanceOf(ParseError);
    expect(err.code).toBe('parse');
    expect(err.hold).toEqual({});
    expect(err.context).toEqual({ source: 'debarment-list', sourceNamed: true });
    expect(err.message).toContain('where 3 documents');
  });

  it('an empty listing is refused even when the same emptiness was pending', () => {
    expect(() => guardShrink('s', state({ pendingShrink: 0 }), 0, 3, 0.5)).toThrow(SecondLookError);
  });

  it('compares with the last listing size, or the active count when none is known', () => {
    // 10 listed before, ratio 0.5: 4 is a shrink, 5 is not.
    const err = thrown(() => guardShrink('s', state({ lastListingSize: 10 }), 4, 3, 0.5));
    expect(err.hold).toEqual({ pendingShrink: 4 });
    expect(err.context).toEqual({ source: 's', sourceNamed: true });
    expect(err.message).toContain('from 10 to 4');
    expect(() => guardShrink('s', state({ lastListingSize: 10 }), 5, 3, 0.5)).not.toThrow();
    expect(() => guardShrink('s', state(), 4, 10, 0.5)).toThrow(SecondLookError);
    expect(() => guardShrink('s', state(), 5, 10, 0.5)).not.toThrow();
  });

  it('believes a shrink the previous run saw too, and only that one', () => {
    expect(() => guardShrink('s', state({ lastListingSize: 10, pendingShrink: 4 }), 4, 3, 0.5)).not.toThrow();
    const err = thrown(() => guardShrink('s', state({ lastListingSize: 10, pendingShrink: 3 }), 4, 3, 0.5));
    expect(err.hold).toEqual({ pendingShrink: 4 });
  });
});
