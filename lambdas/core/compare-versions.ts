/**
 * `compareVersions`: the word diff between any two stored versions of a document, older first, with
 * long unchanged runs cut to their edges (an Act's text is ~1 MB). Read-only; null when either is missing.
 */
import type { DiffOp, StoredVersion } from './model';
import type { DocumentStore } from './ports';
import { compactDiff } from './text/trim-diff';
import { diffSummary, diffWords } from './text/word-diff';

export interface VersionComparison {
  from: Omit<StoredVersion, 'text' | 'extra'>;
  to: Omit<StoredVersion, 'text' | 'extra'>;
  diff: DiffOp[];
  inserted: number;
  deleted: number;
}

export async function compareVersions(
  deps: { store: Pick<DocumentStore, 'getVersion'> },
  input: { docId: string; from: number; to: number },
): Promise<VersionComparison | null> {
  // Either order is accepted; the diff always reads from the older to the newer.
  const [lo, hi] = input.from <= input.to ? [input.from, input.to] : [input.to, input.from];
  const [a, b] = await Promise.all([deps.store.getVersion(input.docId, lo), deps.store.getVersion(input.docId, hi)]);
  if (!a || !b) return null;
  const ops = diffWords(a.text, b.text);
  const { text: _a, extra: _ax, ...from } = a;
  const { text: _b, extra: _bx, ...to } = b;
  return { from, to, diff: compactDiff(ops), ...diffSummary(ops) };
}
