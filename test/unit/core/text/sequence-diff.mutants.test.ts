/** The edit script itself: exact runs on small cases, minimal (Myers) within the budget, anchored past it. */
import fc from 'fast-check';
import { diffSequences, type Run } from '../../../../lambdas/core/text/sequence-diff';

const seq = (xs: number[]) => Int32Array.from(xs);
const rep = (value: number, n: number) => Array.from({ length: n }, () => value);

/** Applies the script: equal runs must match token for token; returns the number of edits. */
function apply(runs: Run[], a: number[], b: number[]): number {
  let i = 0;
  let j = 0;
  let edits = 0;
  for (const { op, count } of runs) {
    expect(count).toBeGreaterThan(0);
    if (op === 'equal') {
      expect(a.slice(i, i + count)).toEqual(b.slice(j, j + count));
      i += count;
      j += count;
    } else if (op === 'delete') {
      i += count;
      edits += count;
    } else {
      j += count;
      edits += count;
    }
  }
  expect([i, j]).toEqual([a.length, b.length]);
  runs.forEach((r, k) => k > 0 && expect(r.op).not.toBe(runs[k - 1].op));
  return edits;
}

function lcs(a: number[], b: number[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = x === b[j - 1] ? diag + 1 : Math.max(row[j], row[j - 1]);
      diag = up;
    }
  }
  return row[b.length];
}

describe('diffSequences on small cases', () => {
  it.each<[string, number[], number[], Run[]]>([
    ['both empty', [], [], []],
    ['identical', [1, 2, 3], [1, 2, 3], [{ op: 'equal', count: 3 }]],
    ['all inserted', [], [4, 5], [{ op: 'insert', count: 2 }]],
    ['all deleted', [4, 5], [], [{ op: 'delete', count: 2 }]],
    [
      'one replaced in the middle',
      [1, 2, 3],
      [1, 4, 3],
      [
        { op: 'equal', count: 1 },
        { op: 'delete', count: 1 },
        { op: 'insert', count: 1 },
        { op: 'equal', count: 1 },
      ],
    ],
    [
      'one deleted in the middle',
      [1, 2, 3],
      [1, 3],
      [
        { op: 'equal', count: 1 },
        { op: 'delete', count: 1 },
        { op: 'equal', count: 1 },
      ],
    ],
    [
      'one inserted at the start',
      [2, 3],
      [1, 2, 3],
      [
        { op: 'insert', count: 1 },
        { op: 'equal', count: 2 },
      ],
    ],
    [
      'an inner match found by Myers, not by prefix or suffix',
      [1, 7, 8, 2],
      [3, 7, 8, 4],
      [
        { op: 'delete', count: 1 },
        { op: 'insert', count: 1 },
        { op: 'equal', count: 2 },
        { op: 'delete', count: 1 },
        { op: 'insert', count: 1 },
      ],
    ],
  ])('%s', (_name, a, b, runs) => {
    expect(diffSequences(seq(a), seq(b))).toEqual(runs);
  });

  it('is a shortest edit script for any pair of short sequences (property)', () => {
    const tokens = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 14 });
    fc.assert(
      fc.property(tokens, tokens, (a, b) => {
        const edits = apply(diffSequences(seq(a), seq(b)), a, b);
        expect(edits).toBe(a.length + b.length - 2 * lcs(a, b));
      }),
      { numRuns: 400 },
    );
  });
});

describe('diffSequences past the work budget', () => {
  it('cuts on tokens unique to both sides, then diffs each block exactly', () => {
    // 10 blocks of 300 tokens all replaced: 6,000 edits, past the 500 a 6,020-token pair may search.
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 10; i++) {
      a.push(100 + i, ...rep(1, 300));
      b.push(100 + i, ...rep(2, 300));
    }
    a.push(9);
    b.push(9);
    const expected: Run[] = [];
    for (let i = 0; i < 10; i++)
      expected.push({ op: 'equal', count: 1 }, { op: 'delete', count: 300 }, { op: 'insert', count: 300 });
    expected.push({ op: 'equal', count: 1 });
    expect(diffSequences(seq(a), seq(b))).toEqual(expected);
  });

  it('keeps the longest chain of anchors in order on both sides', () => {
    // Anchors 100..109 in order, except that b swaps 103 and 104: one of them cannot be kept.
    const a: number[] = [];
    const b: number[] = [];
    const order = [0, 1, 2, 4, 3, 5, 6, 7, 8, 9];
    for (let i = 0; i < 10; i++) {
      a.push(100 + i, ...rep(1, 300));
      b.push(100 + order[i], ...rep(2, 300));
    }
    const runs = diffSequences(seq(a), seq(b));
    const edits = apply(runs, a, b);
    expect(runs.filter((r) => r.op === 'equal')).toEqual(rep(1, 9).map((count) => ({ op: 'equal', count })));
    expect(edits).toBe(a.length + b.length - 2 * 9);
  });

  it('an anchor repeated on either side is no anchor', () => {
    const a = [50, ...rep(1, 1000), 60, ...rep(1, 1000), 50];
    const b = [70, ...rep(2, 1000), 60, ...rep(2, 1000), 60, 80];
    expect(diffSequences(seq(a), seq(b))).toEqual([
      { op: 'delete', count: a.length },
      { op: 'insert', count: b.length },
    ]);
  });

  it('with no anchors, replaces the whole block rather than searching on', () => {
    const a = [...rep(1, 1000), ...rep(2, 1000)];
    const b = [...rep(2, 1000), ...rep(1, 1000)];
    expect(diffSequences(seq(a), seq(b))).toEqual([
      { op: 'delete', count: 2000 },
      { op: 'insert', count: 2000 },
    ]);
  });

  it('stays exact just within the budget', () => {
    // 400 + 400 tokens, all different: 800 edits, within min(1500, 800, 2,500).
    const a = [...rep(1, 200), 5, ...rep(1, 200)];
    const b = [...rep(2, 200), 5, ...rep(2, 200)];
    expect(diffSequences(seq(a), seq(b))).toEqual([
      { op: 'delete', count: 200 },
      { op: 'insert', count: 200 },
      { op: 'equal', count: 1 },
      { op: 'delete', count: 200 },
      { op: 'insert', count: 200 },
    ]);
  });
});
