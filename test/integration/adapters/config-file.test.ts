/**
 * The config file as the CLI reads it from disk: a syntax error is reported at its line and column,
 * found by our own scan rather than read out of V8's message, so Node 20 and 22 say the same.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigFile } from '../../../lambdas/adapters/fs/config-file';
import { ConfigError } from '../../../lambdas/core/errors';

const dir = mkdtempSync(join(tmpdir(), 'procwatch-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problemsOf(text: string): string[] {
  const path = join(dir, 'procwatch.config.json');
  writeFileSync(path, text);
  try {
    loadConfigFile(path);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => p.replace(path, '<file>'));
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfigFile', () => {
  it('names the line and column of a trailing comma on line 5', () => {
    const text = [
      '{',
      '  "contact": "watch@campaign.example.net",',
      '  "alerts": {',
      '    "from": "alerts@campaign.example.net",',
      '  },',
      '  "sources": [{ "id": "bscc", "kind": "govuk-search" }]',
      '}',
    ].join('\n');
    const [problem, ...rest] = problemsOf(text);
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^<file>: is not valid JSON at line 5, column 3: \S/);
  });

  it('names the end of a file that stops too soon, where V8 states no position', () => {
    expect(problemsOf('{\n  "contact": "watch@campaign.example.net",\n  "alerts": {')[0]).toMatch(
      /^<file>: is not valid JSON at line 3, column 14: /,
    );
  });

  it('says why a file cannot be read, by its error code', () => {
    expect(() => loadConfigFile(join(dir, 'missing.json'))).toThrow(/missing\.json: cannot be read \(ENOENT\)\.$/);
  });
});
