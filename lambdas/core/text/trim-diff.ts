/**
 * The one diff trimmer: long unchanged runs are cut to the edges next to a change ("…" marks what
 * is left out), every insertion and deletion is kept whole. The stored diff is trimmed by characters
 * (an Act is ~1 MB), the e-mail again by characters, the terminal by words.
 */
import type { DiffOp } from '../model';

/** How unchanged text is measured and kept. */
export type TrimUnit = 'chars' | 'words';

export function trimUnchanged(ops: readonly DiffOp[], keep: number, unit: TrimUnit): DiffOp[] {
  return ops.map((op, i) =>
    op.op === 'equal' ? { op: 'equal', text: trimRun(op.text, i > 0, i < ops.length - 1, keep, unit) } : op,
  );
}

/** The diff stored with its change: small enough for its item, readable on any screen. */
export function compactDiff(ops: readonly DiffOp[], keep = 300): DiffOp[] {
  return trimUnchanged(ops, keep, 'chars');
}

/** Keeps `keep` characters or words of `text` on each side that touches a change. */
function trimRun(text: string, changeBefore: boolean, changeAfter: boolean, keep: number, unit: TrimUnit): string {
  const [head, tail] =
    unit === 'chars'
      ? charEdges(text, changeBefore, changeAfter, keep)
      : wordEdges(text, changeBefore, changeAfter, keep);
  if (head === null) return text;
  // Only the cut side is shortened: the spaces beside a change stay, or words run together. A run cut by
  // characters keeps the space after "…" even at the end: diffs already stored were written so.
  if (unit === 'chars') return `${head === '' ? '' : `${head} `}… ${tail}`;
  return [head, '…', tail].filter((part) => part !== '').join(' ');
}

type Edges = [head: string, tail: string] | [null, null];

/** A little slack (40) so a run barely longer than its two edges is not cut for nothing. */
function charEdges(text: string, before: boolean, after: boolean, keep: number): Edges {
  if (text.length <= keep * 2 + 40) return [null, null];
  return [before && keep > 0 ? text.slice(0, keep) : '', after && keep > 0 ? text.slice(-keep) : ''];
}

function wordEdges(text: string, before: boolean, after: boolean, keep: number): Edges {
  const words = [...text.matchAll(/\S+/g)];
  if (words.length <= (before ? keep : 0) + (after ? keep : 0)) return [null, null];
  const headEnd = before && keep > 0 ? words[keep - 1].index + words[keep - 1][0].length : 0;
  const tailStart = after && keep > 0 ? words[words.length - keep].index : text.length;
  return [text.slice(0, headEnd), text.slice(tailStart)];
}
