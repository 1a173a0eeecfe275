import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SourceMap } from 'node:module';
import { frameText, mapStacksLazily, repoPath } from '../../../../lambdas/adapters/log/lazy-source-map';

/** A call site as V8 hands it to prepareStackTrace, with only what frameText reads. */
const site = (file: string, line: number, column: number, fn: string | null, ctor = false) =>
  ({
    getFileName: () => file,
    getLineNumber: () => line,
    getColumnNumber: () => column,
    getFunctionName: () => fn,
    isConstructor: () => ctor,
    toString: () => `${fn ?? '<anonymous>'} (${file}:${line}:${column})`,
  }) as unknown as NodeJS.CallSite;

// One mapping: generated line 1, column 10 → errors.ts line 128 (0-based 127), column 5 (0-based 4).
const map = new SourceMap({
  version: 3,
  file: 'index.js',
  sources: ['../../../work/main/lambdas/core/errors.ts'],
  names: [],
  mappings: 'UA+HI',
} as unknown as ConstructorParameters<typeof SourceMap>[0]);

describe('lazy source maps', () => {
  it('names a source as the repository does', () => {
    expect(repoPath('../../../work/main/lambdas/core/errors.ts')).toBe('lambdas/core/errors.ts');
    expect(repoPath('../node_modules/undici/lib/core/util.js')).toBe('node_modules/undici/lib/core/util.js');
    expect(repoPath('<stdin>')).toBe('<stdin>');
  });

  it('maps a frame of the bundle to its TypeScript line, and leaves other files as V8 writes them', () => {
    expect(frameText(site('/var/task/index.js', 1, 11, 'ConfigError', true), '/var/task/index.js', map)).toBe(
      '    at new ConfigError (lambdas/core/errors.ts:128:5)',
    );
    expect(frameText(site('/var/task/index.js', 1, 11, null), '/var/task/index.js', map)).toBe(
      '    at lambdas/core/errors.ts:128:5',
    );
    expect(frameText(site('node:internal/x', 1, 11, 'f'), '/var/task/index.js', map)).toBe(
      '    at f (node:internal/x:1:11)',
    );
    expect(frameText(site('/var/task/index.js', 1, 11, 'f'), '/var/task/index.js', null)).toBe(
      '    at f (/var/task/index.js:1:11)',
    );
  });

  it('installs nothing where no map lies beside the file, and reads an unreadable map as none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'procwatch-map-'));
    // eslint-disable-next-line @typescript-eslint/unbound-method -- saved to be put back, never called here.
    const saved = Error.prepareStackTrace;
    try {
      expect(mapStacksLazily(join(dir, 'index.js'))).toBe(false);
      // eslint-disable-next-line @typescript-eslint/unbound-method -- compared, not called.
      expect(Error.prepareStackTrace).toBe(saved);
      writeFileSync(join(dir, 'index.js.map'), '{ not json');
      expect(mapStacksLazily(join(dir, 'index.js'))).toBe(true);
      const stack = Error.prepareStackTrace(new TypeError('bad'), [site(join(dir, 'index.js'), 1, 2, 'f')]);
      expect(stack).toBe(`TypeError: bad\n    at f (${join(dir, 'index.js')}:1:2)`);
    } finally {
      Error.prepareStackTrace = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
