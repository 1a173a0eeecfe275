/** What the source tests read back from a parser: the ParseError it threw, a document as the store holds it. */
import { ParseError } from '../../lambdas/core/errors';
import type { DocumentSnapshot, StoredVersion } from '../../lambdas/core/model';

/** The ParseError `fn` throws; anything else thrown is rethrown, and no error at all fails the test. */
export function parseErrorOf(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('no ParseError thrown');
}

/** `doc` as the store would hold it as version 1, for a kind's compare step. */
export function storedVersionOf(doc: DocumentSnapshot, fetchedAt = '2026-01-01T00:00:00Z'): StoredVersion {
  return {
    docId: doc.docId,
    version: 1,
    hash: 'h',
    text: doc.text,
    title: doc.title,
    fetchedAt,
    changeNote: null,
    extra: doc.extra ?? null,
  };
}
