/**
 * Edit scripts between two sequences of interned tokens, bounded in time and memory: Myers' O(ND)
 * diff within a work budget, and past it patience anchors (tokens unique to both sides) to cut the
 * block smaller, or one whole replacement when there are none. word-diff.ts turns the runs into text.
 */
export type Op = 'equal' | 'delete' | 'insert';

/** Past this many steps of exact diffing for one block, anchors or a coarse replace take over. */
const WORK_BUDGET = 2_000_000;
/** Caps the edit distance searched exactly, which bounds the memory of the trace (~D²). */
const MAX_EDITS = 1_500;

/** A run of `count` tokens of one kind: the edit script before it becomes text. */
export interface Run {
  op: Op;
  count: number;
}

type Task = { range: [number, number, number, number] } | { run: Run };

/**
 * Edit script between two sequences. An explicit task stack instead of recursion: anchor
 * splitting may nest deeply on long texts and must not overflow the call stack.
 */
export function diffSequences(a: Int32Array, b: Int32Array): Run[] {
  const runs: Run[] = [];
  const stack: Task[] = [{ range: [0, a.length, 0, b.length] }];
  const emit = (op: Op, count: number) => {
    if (count === 0) return;
    const last = runs[runs.length - 1];
    if (last && last.op === op) last.count += count;
    else runs.push({ op, count });
  };
  for (let task = stack.pop(); task; task = stack.pop()) {
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
