/**
 * Change ids derive from the transition that caused them — (source, document, revision before →
 * revision after, event) — never from the new content alone. Public registers revert and re-apply
 * edits, so a document can come back to a state it had before, and that is a new change with a new
 * id; a retry of the same transition (a crash, two runs at once) computes the same id, which the
 * store's conditional write recognises as already recorded.
 */
import { stableId } from './ids';
import type { StoredDocument } from './model';

export interface Transition {
  /** The document's revision before this change (0 for a document never seen). */
  from: number;
  to: number;
}

/** Documents stored before revisions existed count their text versions instead. */
export function revisionOf(doc: Pick<StoredDocument, 'revision' | 'version'> | null): number {
  if (!doc) return 0;
  return typeof doc.revision === 'number' ? doc.revision : doc.version;
}

export function nextTransition(prior: Pick<StoredDocument, 'revision' | 'version'> | null): Transition {
  const from = revisionOf(prior);
  return { from, to: from + 1 };
}

export function documentChangeId(
  sourceId: string,
  docId: string,
  type: string,
  event: string,
  transition: Transition,
): string {
  return stableId(sourceId, docId, type, event, `r${transition.from}>r${transition.to}`);
}

/** Changes of a source rather than of a document (failing, recovered): one per episode. */
export function sourceChangeId(sourceId: string, type: string, episode: string | null): string {
  return stableId(sourceId, null, type, episode);
}
