/** The golden helper never writes a file on its own: a missing golden fails with the command that writes it. */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectGolden } from '../../support/golden';

describe('expectGolden', () => {
  const dir = mkdtempSync(join(tmpdir(), 'golden-'));
  const saved = process.env.UPDATE_GOLDEN;
  afterEach(() => {
    if (saved === undefined) delete process.env.UPDATE_GOLDEN;
    else process.env.UPDATE_GOLDEN = saved;
  });

  it('fails on a missing golden, names the command that writes it, and writes nothing', () => {
    delete process.env.UPDATE_GOLDEN;
    const path = join(dir, 'missing.expected.json');
    expect(() => expectGolden({ a: 1 }, path)).toThrow(
      /is missing\. Write it with `UPDATE_GOLDEN=1 npx jest test\/unit\/support\/golden\.test\.ts`/,
    );
    expect(existsSync(path)).toBe(false);
  });

  it('fails when the output differs from the golden', () => {
    delete process.env.UPDATE_GOLDEN;
    const path = join(dir, 'different.expected.json');
    writeFileSync(path, '{"a": 2}\n');
    expect(() => expectGolden({ a: 1 }, path)).toThrow();
  });

  it('writes the golden only under UPDATE_GOLDEN=1', () => {
    process.env.UPDATE_GOLDEN = '1';
    const path = join(dir, 'written.expected.json');
    expectGolden({ a: 1 }, path);
    expect(existsSync(path)).toBe(true);
    delete process.env.UPDATE_GOLDEN;
    expectGolden({ a: 1 }, path);
  });
});
