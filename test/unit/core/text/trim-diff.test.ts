import { compactDiff } from '../../../../lambdas/core/text/trim-diff';
import type { DiffOp } from '../../../../lambdas/core/model';

const long = (word: string) => Array.from({ length: 200 }, () => word).join(' ');

describe('compactDiff', () => {
  it('keeps short runs and every change whole', () => {
    const ops: DiffOp[] = [
      { op: 'equal', text: 'met on ' },
      { op: 'delete', text: '19' },
      { op: 'insert', text: '26' },
      { op: 'equal', text: ' January' },
    ];
    expect(compactDiff(ops)).toEqual(ops);
  });

  it('cuts long unchanged runs but keeps the spaces beside a change', () => {
    const ops: DiffOp[] = [
      { op: 'equal', text: `${long('alpha')} met on ` },
      { op: 'delete', text: '19' },
      { op: 'insert', text: '26' },
      { op: 'equal', text: ` January ${long('omega')} the end ${long('beta')}` },
      { op: 'insert', text: 'added' },
      { op: 'equal', text: ` ${long('gamma')}` },
    ];
    const out = compactDiff(ops, 50);
    expect(out[0].text.startsWith('… ')).toBe(true);
    expect(out[0].text.endsWith('met on ')).toBe(true);
    expect(out[3].text.startsWith(' January')).toBe(true);
    expect(out[3].text).toContain(' … ');
    expect(out[3].text.endsWith('beta')).toBe(true);
    expect(out[5].text.startsWith(' gamma')).toBe(true);
    expect(out.filter((o) => o.op !== 'equal')).toEqual(ops.filter((o) => o.op !== 'equal'));
    expect(out[3].text.length).toBeLessThan(ops[3].text.length);
  });
});
