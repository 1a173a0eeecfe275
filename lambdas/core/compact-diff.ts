/**
 * Keeps a diff readable and small enough to store with its change (an Act is ~1 MB): long
 * unchanged runs are cut to their edges, every insertion and deletion is kept whole.
 */
import type { DiffOp } from './model';

export function compactDiff(ops: DiffOp[], context = 300): DiffOp[] {
  return ops.map((op, i) => {
    if (op.op !== 'equal' || op.text.length <= context * 2 + 40) return op;
    // Only the cut side is shortened: the spaces beside a change stay, or words run together.
    const head = i === 0 ? '… ' : `${op.text.slice(0, context)} … `;
    const tail = i === ops.length - 1 ? '' : op.text.slice(-context);
    return { op: 'equal', text: `${head}${tail}` };
  });
}
