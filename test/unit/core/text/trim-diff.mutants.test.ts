/** The trimmer's edges exactly: where a run starts being cut, what is kept on each side, in each unit. */
import type { DiffOp } from '../../../../lambdas/core/model';
import { compactDiff, trimUnchanged } from '../../../../lambdas/core/text/trim-diff';

const change: DiffOp = { op: 'insert', text: 'X' };
const equal = (text: string): DiffOp => ({ op: 'equal', text });

describe('trimUnchanged by characters', () => {
  it('leaves a run of exactly twice `keep` plus 40 characters whole, and cuts one character more', () => {
    const exact = 'a'.repeat(2 * 5 + 40);
    expect(trimUnchanged([change, equal(exact), change], 5, 'chars')[1].text).toBe(exact);
    const over = `${'a'.repeat(5)}${'m'.repeat(41)}${'z'.repeat(5)}`;
    expect(trimUnchanged([change, equal(over), change], 5, 'chars')[1].text).toBe('aaaaa … zzzzz');
  });

  it('keeps only the side that touches a change', () => {
    const run = `${'a'.repeat(10)}${'m'.repeat(60)}${'z'.repeat(10)}`;
    expect(trimUnchanged([equal(run), change], 10, 'chars')).toEqual([equal('… zzzzzzzzzz'), change]);
    expect(trimUnchanged([change, equal(run)], 10, 'chars')).toEqual([change, equal('aaaaaaaaaa … ')]);
  });

  it('a run with no change beside it keeps neither edge', () => {
    expect(trimUnchanged([equal('b'.repeat(100))], 10, 'chars')).toEqual([equal('… ')]);
  });

  it('keeps nothing of either edge when `keep` is 0', () => {
    expect(trimUnchanged([change, equal('c'.repeat(41)), change], 0, 'chars')[1].text).toBe('… ');
    expect(trimUnchanged([change, equal('c'.repeat(40)), change], 0, 'chars')[1].text).toBe('c'.repeat(40));
  });

  it('compactDiff keeps 300 characters a side by default', () => {
    const run = `${'a'.repeat(300)}${'m'.repeat(41)}${'z'.repeat(300)}`;
    expect(compactDiff([change, equal(run), change])[1].text).toBe(`${'a'.repeat(300)} … ${'z'.repeat(300)}`);
    const short = 'q'.repeat(640);
    expect(compactDiff([change, equal(short), change])[1].text).toBe(short);
  });

  it('leaves changes as they are', () => {
    const del: DiffOp = { op: 'delete', text: 'd'.repeat(500) };
    expect(trimUnchanged([del, change], 1, 'chars')).toEqual([del, change]);
  });
});

describe('trimUnchanged by words', () => {
  it('keeps `keep` words each side of a change, with their spacing', () => {
    const run = ' one two three four five six seven ';
    expect(trimUnchanged([change, equal(run), change], 2, 'words')[1].text).toBe(' one two … six seven ');
  });

  it('leaves a run of no more words than it keeps whole', () => {
    const run = ' one two three four ';
    expect(trimUnchanged([change, equal(run), change], 2, 'words')[1].text).toBe(run);
    expect(trimUnchanged([equal('one two'), change], 2, 'words')[0].text).toBe('one two');
    expect(trimUnchanged([equal('one two three'), change], 2, 'words')[0].text).toBe('… two three');
    expect(trimUnchanged([change, equal('one two three')], 2, 'words')[1].text).toBe('one two …');
  });

  it('a run between no changes is cut to its mark alone', () => {
    expect(trimUnchanged([equal('one')], 2, 'words')[0].text).toBe('…');
  });

  it('keeps no words with `keep` 0', () => {
    expect(trimUnchanged([change, equal(' one two '), change], 0, 'words')[1].text).toBe('…');
  });
});
