/** Ids from transitions: revisions, the next transition and the exact parts each id is made of. */
import { documentChangeId, nextTransition, revisionOf, sourceChangeId } from '../../../lambdas/core/change-ids';
import { stableId } from '../../../lambdas/core/ids';
import type { StoredDocument } from '../../../lambdas/core/model';

/** An item written before revisions existed: it has no `revision` attribute at all. */
const legacy = JSON.parse('{"version":3}') as Pick<StoredDocument, 'revision' | 'version'>;

describe('revisionOf and nextTransition', () => {
  it('a document never seen is revision 0, and its first change goes 0 → 1', () => {
    expect(revisionOf(null)).toBe(0);
    expect(nextTransition(null)).toEqual({ from: 0, to: 1 });
  });

  it('reads the revision when there is one, even 0, else the text version', () => {
    expect(revisionOf({ revision: 7, version: 3 })).toBe(7);
    expect(revisionOf({ revision: 0, version: 3 })).toBe(0);
    expect(revisionOf(legacy)).toBe(3);
    expect(nextTransition({ revision: 7, version: 3 })).toEqual({ from: 7, to: 8 });
  });
});

describe('change ids', () => {
  it('a document change is the id of source, document, type, event and "r<from>>r<to>"', () => {
    expect(documentChangeId('src', 'doc', 'document-changed', 'text', { from: 2, to: 3 })).toBe(
      stableId('src', 'doc', 'document-changed', 'text', 'r2>r3'),
    );
  });

  it('a revert to an earlier state is a new change: the transition, not the content, decides', () => {
    const id = (from: number, to: number) => documentChangeId('s', 'd', 't', 'e', { from, to });
    expect(new Set([id(1, 2), id(2, 3), id(3, 4)]).size).toBe(3);
    expect(id(2, 3)).toBe(id(2, 3));
  });

  it('a source change is the id of source, no document, type and episode', () => {
    expect(sourceChangeId('src', 'source-failing', '2026-03-01T00:00:00Z')).toBe(
      stableId('src', null, 'source-failing', '2026-03-01T00:00:00Z'),
    );
    expect(sourceChangeId('src', 'source-failing', null)).toBe(stableId('src', '', 'source-failing', ''));
  });
});
