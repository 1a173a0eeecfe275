import type { DiffOp } from '../model';
import { diffSequences, type Op } from './sequence-diff';
import { trimUnchanged } from './trim-diff';

/**
 * Word-level diff that stays fast on texts the size of an Act (~1 MB): lines are diffed first,
 * then words only inside the blocks of lines that changed. Every step is bounded: when a block
 * would cost too much to diff exactly, it is split on lines/words unique to both sides
 * (patience anchors), and a block with no anchors at all is reported as a whole replacement.
 *
 * Guarantees: the 'equal' + 'delete' texts concatenate to `before`, the 'equal' + 'insert'
 * texts to `after`; no two adjacent ops have the same kind; within a change, the deletion
 * comes before the insertion.
 */
export function diffWords(before: string, after: string): DiffOp[] {
  if (before === after) return before === '' ? [] : [{ op: 'equal', text: before }];
  return tidyOps(diffAtLevel(before, after, 0));
}

/** Coarse to fine: a paragraph with no line breaks (common in Acts) is still cut into sentences. */
const LEVELS: ((text: string) => string[])[] = [splitLines, splitSentences, splitWords];

/** Diffs at one level, then each run of changed tokens again at the next, finer level. */
function diffAtLevel(before: string, after: string, level: number): DiffOp[] {
  const ops = diffTokens(LEVELS[level](before), LEVELS[level](after));
  if (level === LEVELS.length - 1) return ops;
  const out: DiffOp[] = [];
  let deleted = '';
  let inserted = '';
  const flush = () => {
    if (deleted !== '' && inserted !== '') out.push(...diffAtLevel(deleted, inserted, level + 1));
    else out.push({ op: 'delete', text: deleted }, { op: 'insert', text: inserted });
    deleted = inserted = '';
  };
  for (const op of ops) {
    if (op.op === 'equal') {
      flush();
      out.push(op);
    } else if (op.op === 'delete') deleted += op.text;
    else inserted += op.text;
  }
  flush();
  return out;
}

/** Words added and removed: what a one-line summary of a change reports. */
export function diffSummary(ops: readonly DiffOp[]): { inserted: number; deleted: number } {
  let inserted = 0;
  let deleted = 0;
  for (const { op, text } of ops) {
    if (op === 'insert') inserted += countWords(text);
    else if (op === 'delete') deleted += countWords(text);
  }
  return { inserted, deleted };
}

/**
 * The diff for a terminal: changes in full, as `[-deleted-]` and `{+inserted+}`, and only
 * `context` words of unchanged text on each side of them ("…" marks what is left out).
 * An empty string when nothing changed.
 */
export function renderDiffPlain(ops: readonly DiffOp[], context = 12): string {
  if (!ops.some((o) => o.op !== 'equal')) return '';
  return trimUnchanged(ops, context, 'words')
    .map((o) => (o.op === 'delete' ? `[-${o.text}-]` : o.op === 'insert' ? `{+${o.text}+}` : o.text))
    .join('');
}

function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function splitSentences(text: string): string[] {
  return text.match(/[^.!?;:]*(?:[.!?;:]+\s*|$)/g)?.filter((t) => t !== '') ?? [];
}

function splitWords(text: string): string[] {
  return text.match(/[\p{L}\p{N}_]+|\s+|[^\p{L}\p{N}_\s]/gu) ?? [];
}

function countWords(text: string): number {
  return text.match(/\S*[\p{L}\p{N}]\S*/gu)?.length ?? 0;
}

/** Diffs two token lists and turns the runs back into text ops. */
function diffTokens(a: string[], b: string[]): DiffOp[] {
  const ids = new Map<string, number>();
  const intern = (tokens: string[]) =>
    Int32Array.from(tokens, (t) => ids.get(t) ?? (ids.set(t, ids.size), ids.size - 1));
  const runs = diffSequences(intern(a), intern(b));
  const ops: DiffOp[] = [];
  let ai = 0;
  let bi = 0;
  for (const { op, count } of runs) {
    if (count === 0) continue;
    const text = op === 'insert' ? b.slice(bi, bi + count).join('') : a.slice(ai, ai + count).join('');
    if (op !== 'insert') ai += count;
    if (op !== 'delete') bi += count;
    push(ops, op, text);
  }
  return ops;
}

function push(ops: DiffOp[], op: Op, text: string): void {
  if (text === '') return;
  const last = ops[ops.length - 1];
  if (last && last.op === op) last.text += text;
  else ops.push({ op, text });
}

/**
 * Readable ops: whitespace left unchanged between two changes is folded into them, so
 * "a b" → "c d" reads as one replacement, and each change shows its deletion then its insertion.
 */
function tidyOps(ops: DiffOp[]): DiffOp[] {
  const out: DiffOp[] = [];
  let deleted = '';
  let inserted = '';
  const flush = () => {
    push(out, 'delete', deleted);
    push(out, 'insert', inserted);
    deleted = inserted = '';
  };
  ops.forEach((o, i) => {
    const between = i > 0 && i < ops.length - 1 && ops[i - 1].op !== 'equal' && ops[i + 1].op !== 'equal';
    if (o.op === 'equal' && !(between && o.text.trim() === '')) {
      flush();
      push(out, 'equal', o.text);
    } else if (o.op === 'equal') {
      deleted += o.text;
      inserted += o.text;
    } else if (o.op === 'delete') deleted += o.text;
    else inserted += o.text;
  });
  flush();
  return out;
}
