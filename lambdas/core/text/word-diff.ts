import type { DiffOp } from '../model';

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
  const parts: string[] = [];
  ops.forEach((o, i) => {
    if (o.op === 'delete') parts.push(`[-${o.text}-]`);
    else if (o.op === 'insert') parts.push(`{+${o.text}+}`);
    else parts.push(elide(o.text, i > 0, i < ops.length - 1, context));
  });
  return parts.join('');
}

type Op = DiffOp['op'];

/** Past this many steps of exact diffing for one block, anchors or a coarse replace take over. */
const WORK_BUDGET = 2_000_000;
/** Caps the edit distance searched exactly, which bounds the memory of the trace (~D²). */
const MAX_EDITS = 1_500;

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

/** A run of `count` tokens of one kind: the edit script before it becomes text. */
interface Run {
  op: Op;
  count: number;
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

type Task = { range: [number, number, number, number] } | { run: Run };

/**
 * Edit script between two sequences. An explicit task stack instead of recursion: anchor
 * splitting may nest deeply on long texts and must not overflow the call stack.
 */
function diffSequences(a: Int32Array, b: Int32Array): Run[] {
  const runs: Run[] = [];
  const stack: Task[] = [{ range: [0, a.length, 0, b.length] }];
  const emit = (op: Op, count: number) => {
    if (count === 0) return;
    const last = runs[runs.length - 1];
    if (last && last.op === op) last.count += count;
    else runs.push({ op, count });
  };
  while (stack.length > 0) {
    const task = stack.pop()!;
    if ('run' in task) {
      emit(task.run.op, task.run.count);
      continue;
    }
    let [alo, ahi, blo, bhi] = task.range;
    let prefix = 0;
    for (; alo < ahi && blo < bhi && a[alo] === b[blo]; alo++, blo++) prefix++;
    let suffix = 0;
    for (; ahi > alo && bhi > blo && a[ahi - 1] === b[bhi - 1]; ahi--, bhi--) suffix++;
    emit('equal', prefix);
    const later: Task[] = [];
    if (alo === ahi || blo === bhi) {
      emit('delete', ahi - alo);
      emit('insert', bhi - blo);
    } else {
      const exact = myers(a, alo, ahi, b, blo, bhi);
      if (exact) for (const run of exact) emit(run.op, run.count);
      else {
        const anchors = patienceAnchors(a, alo, ahi, b, blo, bhi);
        if (anchors.length === 0) {
          emit('delete', ahi - alo);
          emit('insert', bhi - blo);
        } else {
          let pa = alo;
          let pb = blo;
          for (const [ai, bi] of anchors) {
            later.push({ range: [pa, ai, pb, bi] }, { run: { op: 'equal', count: 1 } });
            pa = ai + 1;
            pb = bi + 1;
          }
          later.push({ range: [pa, ahi, pb, bhi] });
        }
      }
    }
    later.push({ run: { op: 'equal', count: suffix } });
    for (let i = later.length - 1; i >= 0; i--) stack.push(later[i]);
  }
  return runs;
}

/** Myers' O(ND) shortest edit script, or null when it would exceed the work budget. */
function myers(a: Int32Array, alo: number, ahi: number, b: Int32Array, blo: number, bhi: number): Run[] | null {
  const n = ahi - alo;
  const m = bhi - blo;
  const maxD = Math.min(MAX_EDITS, n + m, Math.floor(WORK_BUDGET / (n + m)));
  const off = maxD + 1;
  const v = new Int32Array(2 * maxD + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= maxD; d++) {
    trace.push(v.slice(off - d - 1, off + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      for (; x < n && y < m && a[alo + x] === b[blo + y]; y++) x++;
      v[off + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m);
    }
  }
  return null;
}

function backtrack(trace: Int32Array[], n: number, m: number): Run[] {
  const steps: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const at = (k: number) => trace[d][k + d + 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    for (; x > prevX && y > prevY; x--, y--) steps.push('equal');
    if (d > 0) steps.push(x === prevX ? 'insert' : 'delete');
    x = prevX;
    y = prevY;
  }
  const runs: Run[] = [];
  for (let i = steps.length - 1; i >= 0; i--) {
    const last = runs[runs.length - 1];
    if (last && last.op === steps[i]) last.count++;
    else runs.push({ op: steps[i], count: 1 });
  }
  return runs;
}

/**
 * Tokens that occur exactly once on each side, kept in the longest order-preserving chain
 * (patience sorting): safe places to cut a block that is too big to diff exactly.
 */
function patienceAnchors(
  a: Int32Array,
  alo: number,
  ahi: number,
  b: Int32Array,
  blo: number,
  bhi: number,
): [number, number][] {
  const inA = new Map<number, number>();
  for (let i = alo; i < ahi; i++) inA.set(a[i], inA.has(a[i]) ? -1 : i);
  const inB = new Map<number, number>();
  for (let j = blo; j < bhi; j++) if (inA.has(b[j])) inB.set(b[j], inB.has(b[j]) ? -1 : j);
  const pairs: [number, number][] = [];
  for (let i = alo; i < ahi; i++) {
    const j = inB.get(a[i]);
    if (inA.get(a[i]) === i && j !== undefined && j >= 0) pairs.push([i, j]);
  }
  // Longest increasing subsequence of the b positions, in O(k log k).
  const tails: number[] = [];
  const prev = new Int32Array(pairs.length).fill(-1);
  for (let p = 0; p < pairs.length; p++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]][1] < pairs[p][1]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[p] = tails[lo - 1];
    tails[lo] = p;
  }
  const chain: [number, number][] = [];
  for (let p = tails.length ? tails[tails.length - 1] : -1; p >= 0; p = prev[p]) chain.push(pairs[p]);
  return chain.reverse();
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

/** Keeps `context` words of unchanged text next to each change it touches. */
function elide(text: string, changeBefore: boolean, changeAfter: boolean, context: number): string {
  const words = [...text.matchAll(/\S+/g)];
  if (words.length <= (changeBefore ? context : 0) + (changeAfter ? context : 0)) return text;
  const headEnd = changeBefore && context > 0 ? words[context - 1].index + words[context - 1][0].length : 0;
  const tailStart = changeAfter && context > 0 ? words[words.length - context].index : text.length;
  return [text.slice(0, headEnd), '…', text.slice(tailStart)].filter((part) => part !== '').join(' ');
}
