/** The mutation runs' test sequencer: which related test files hold the tests Stryker asked for. */
import { filesFor, namesInPattern } from '../../../devtools/mutation/covering-sequencer';

// The pattern exactly as Stryker's jest runner builds it: each test's full name regex-escaped, in parentheses.
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pattern = (...names: string[]) => names.map((n) => `(${escape(n)})`).join('|');

const index = {
  testResults: [
    { name: '/repo/test/unit/a.test.ts', assertionResults: [{ fullName: 'parse keeps (1) row' }, { fullName: 'x' }] },
    { name: '/repo/test/unit/b.test.ts', assertionResults: [{ fullName: 'render a|b' }, { fullName: 'x' }] },
  ],
};

describe('covering sequencer', () => {
  it("reads back the names in Stryker's pattern, brackets and bars included", () => {
    expect(namesInPattern(pattern('parse keeps (1) row', 'render a|b', 'U+00B4 \\ é'))).toEqual([
      'parse keeps (1) row',
      'render a|b',
      'U+00B4 \\ é',
    ]);
  });

  it('trusts no names from a pattern of another shape', () => {
    expect(namesInPattern('parse.*row')).toBeNull();
    expect(namesInPattern('(unclosed')).toBeNull();
  });

  it('keeps the files that hold one of the names, every file holding a shared name', () => {
    expect(filesFor(pattern('parse keeps (1) row'), index, '/repo')).toEqual(new Set(['test/unit/a.test.ts']));
    expect(filesFor(pattern('x'), index, '/repo')).toEqual(new Set(['test/unit/a.test.ts', 'test/unit/b.test.ts']));
  });

  it('keeps every file when a name is not in the index, or there is no pattern', () => {
    expect(filesFor(pattern('render a|b', 'a test added since'), index, '/repo')).toBeNull();
    expect(filesFor(undefined, index, '/repo')).toBeNull();
    expect(filesFor('', index, '/repo')).toBeNull();
  });
});
