import { jsonErrorPosition } from '../../../lambdas/adapters/fs/json-error-position';

/** A config file broken on its line 5, column 3: a trailing comma before the closing brace. */
const BROKEN_CONFIG = [
  '{',
  '  "contact": "watch@campaign.example.net",',
  '  "alerts": {',
  '    "from": "alerts@campaign.example.net",',
  '  },',
  '  "sources": []',
  '}',
].join('\n');

describe('jsonErrorPosition', () => {
  it('finds a trailing comma at the brace after it, by line and column', () => {
    expect(jsonErrorPosition(BROKEN_CONFIG)).toEqual({ offset: BROKEN_CONFIG.indexOf('  },') + 2, line: 5, column: 3 });
  });

  it('is null for valid JSON, whatever its shape', () => {
    for (const text of ['{}', ' [1, -2.5e+3, "a\\u00e9\\n", true, false, null, {"k": []}] ', '0', '"x"'])
      expect(jsonErrorPosition(text)).toBeNull();
    expect(jsonErrorPosition(BROKEN_CONFIG.replace('.net",\n  }', '.net"\n  }'))).toBeNull();
  });

  it.each([
    ['a missing comma', '{\n  "a": 1\n  "b": 2\n}', 3, 3],
    ['a single-quoted key', "{\n  'a': 1\n}", 2, 3],
    ['a text that ends too soon', '{\n  "a": [1, 2', 2, 13],
    ['a leading zero', '{"a": 01}', 1, 8],
    ['a bad escape', '{"a": "\\q"}', 1, 9],
    ['a control character in a string', '{"a": "x\ty"}', 1, 9],
    ['trailing text', '{}\n}', 2, 1],
    ['a comment', '{\n  // sources\n  "a": 1\n}', 2, 3],
    ['a misspelt literal', '[tru]', 1, 5],
    ['Windows line ends', '{\r\n  "a": 1,\r\n}', 3, 1],
    ['an empty file', '', 1, 1],
  ])('%s', (_name, text, line, column) => {
    expect(jsonErrorPosition(text)).toMatchObject({ line, column });
  });

  it('agrees with the position V8 states, where its message states one (wording differs by Node version)', () => {
    const broken = ['{"a": 1,}', '[1 2]', '{"a" 1}', '{"a": nul}', '{"a": 1}}', BROKEN_CONFIG];
    for (const text of broken) {
      const stated = /position (\d+)/.exec(messageOf(() => JSON.parse(text)))?.[1];
      if (stated !== undefined) expect(jsonErrorPosition(text)?.offset).toBe(Number(stated));
    }
  });
});

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  throw new Error('expected a syntax error');
}
