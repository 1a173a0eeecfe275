/**
 * Golden files: `<case>.expected.json` beside a recorded fixture. `UPDATE_GOLDEN=1` writes them;
 * a reviewer reads the diff of the expected file in the commit, as for any other test change.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function expectGolden(actual: unknown, path: string): void {
  const json = JSON.parse(JSON.stringify(actual));
  if (process.env.UPDATE_GOLDEN || !existsSync(path)) {
    if (!process.env.UPDATE_GOLDEN && process.env.CI) throw new Error(`golden file ${path} is missing`);
    writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
  }
  expect(json).toEqual(JSON.parse(readFileSync(path, 'utf8')));
}
