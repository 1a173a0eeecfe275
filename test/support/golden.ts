/**
 * Golden files: `<case>.expected.json` beside a recorded fixture. A test run never writes one: a
 * missing or different golden fails. Only the explicit command `UPDATE_GOLDEN=1 npx jest <test file>`
 * writes them, and a person reviews the diff against the fixture before committing it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

function updateCommand(): string {
  const testPath = expect.getState().testPath;
  return `UPDATE_GOLDEN=1 npx jest ${testPath ? relative(process.cwd(), testPath) : '<test file>'}`;
}

export function expectGolden(actual: unknown, path: string): void {
  const json: unknown = JSON.parse(JSON.stringify(actual));
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
    return;
  }
  if (!existsSync(path)) {
    throw new Error(
      `The golden file ${relative(process.cwd(), path)} is missing. Write it with \`${updateCommand()}\`, ` +
        'then check it against its fixture by hand before committing.',
    );
  }
  expect(json).toEqual(JSON.parse(readFileSync(path, 'utf8')));
}
