/**
 * Contract: every OCDS release package the tests and the demo serve for Find a Tender and Contracts
 * Finder, recorded or composed, is valid against the OCDS 1.1 release package and release schemas
 * (open-contracting/standard, vendored under test/fixtures/schemas/ocds/; JSON Schema draft-04, so
 * ajv-draft-04). A composed file that drifts from the standard fails here, naming the field.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { FIXTURES } from '../../support/fixtures';
import { ROOT_DIR, replayRoutes } from '../../support/replay-files';

const SCHEMAS = join(FIXTURES, 'schemas', 'ocds');
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema(read(join(SCHEMAS, 'release-schema.json')));
const validatePackage = ajv.compile(read(join(SCHEMAS, 'release-package-schema.json')));
const validateRelease = ajv.getSchema('https://standard.open-contracting.org/schema/1__1__5/release-schema.json')!;

const errors = (v: typeof validatePackage) =>
  (v.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message}`).slice(0, 10);

// A parser's golden file sits beside its fixture: it is our output, not a response to judge.
const isGolden = (f: string) => f.endsWith('.expected.json');
const PORTALS = ['/api/1.0/ocdsReleasePackages', '/Published/Notices/OCDS/Search'];
const packages = [
  ...readdirSync(join(FIXTURES, 'ocds'))
    .filter((f) => f.startsWith('composed_') && !isGolden(f))
    .map((f) => join(FIXTURES, 'ocds', f)),
  ...replayRoutes()
    .filter((r) => r.file && PORTALS.includes(r.route.path))
    .map((r) => r.file!),
].map((f) => relative(ROOT_DIR, f));
const releases = readdirSync(join(FIXTURES, 'ocds')).filter((f) => f.startsWith('cfserver1_') && !isGolden(f));

describe('OCDS 1.1 contract (open-contracting/standard @ 715687a, tag 1.1)', () => {
  it('finds the files it judges', () => {
    expect(packages.length).toBeGreaterThanOrEqual(9);
    expect(releases).toHaveLength(2);
  });

  it.each(packages)('%s is a valid release package', (file) => {
    const ok = validatePackage(read(join(ROOT_DIR, file)));
    expect({ file, errors: ok ? [] : errors(validatePackage) }).toEqual({ file, errors: [] });
  });

  it.each(releases)('test/fixtures/ocds/%s (recorded) is a valid release', (file) => {
    const ok = validateRelease(read(join(FIXTURES, 'ocds', file)));
    expect({ file, errors: ok ? [] : errors(validateRelease as typeof validatePackage) }).toEqual({ file, errors: [] });
  });

  it('a release without its ocid is refused: the validator is not vacuous', () => {
    const { ocid: _ocid, ...broken } = read(join(FIXTURES, 'ocds', releases[0]));
    expect(validateRelease(broken)).toBe(false);
  });
});
