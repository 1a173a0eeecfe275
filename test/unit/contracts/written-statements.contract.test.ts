/**
 * Contract: every Written Statements API response the tests serve is valid against the API's own
 * OpenAPI description (the Written Questions Service API, vendored under
 * test/fixtures/schemas/parliament-questions/, provenance beside it). No recorded statement exists in
 * any public repository found, so every file is composed: this is what makes it trustworthy.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FIXTURES } from '../../support/fixtures';
import { describeErrors, loadOpenApiContract } from '../../support/openapi-contract';
import { ROOT_DIR, replayRoutes } from '../../support/replay-files';

const SPEC = join(FIXTURES, 'schemas', 'parliament-questions', 'openapi.yaml');
const contract = loadOpenApiContract(SPEC, 'Written Questions Service API');
const DIR = join(FIXTURES, 'parliament-statements');

/** Which request each fixture answers, from its name: a search page, or one statement by date and uin. */
const pathOf = (file: string) =>
  file.startsWith('composed_statements-search')
    ? '/api/writtenstatements/statements'
    : '/api/writtenstatements/statements/2026-03-05/HCWS412';

const files = readdirSync(DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'));

describe('Written Statements API contract (OpenAPI description, APIs-guru/openapi-directory @ 4d66b23)', () => {
  it('finds the files it judges', () => expect(files.length).toBeGreaterThanOrEqual(6));

  it('a search answers StatementsViewModelSearchResult; a statement by date and uin, StatementsViewModelItem', () => {
    expect(contract.forPath('/api/writtenstatements/statements').schema).toBe('StatementsViewModelSearchResult');
    expect(contract.forPath('/api/writtenstatements/statements/2026-03-05/HCWS412').schema).toBe(
      'StatementsViewModelItem',
    );
  });

  it.each(files)('test/fixtures/parliament-statements/%s validates', (file) => {
    const { validate, schema } = contract.forPath(pathOf(file));
    const ok = validate(JSON.parse(readFileSync(join(DIR, file), 'utf8')));
    expect({ file, schema, errors: ok ? [] : describeErrors(validate) }).toEqual({ file, schema, errors: [] });
  });

  // The demo's steps serve statements too (t0 empty searches, t4 one statement): the same check on what they serve.
  const served = replayRoutes().filter((r) => r.file && r.route.path.startsWith('/api/writtenstatements/'));
  it('the demo replay serves Written Statements API files', () => expect(served.length).toBeGreaterThanOrEqual(4));

  it.each(served.map((r) => [relative(ROOT_DIR, r.file!), r.route.path] as const))(
    '%s (served at %s) validates',
    (file, path) => {
      const { validate, schema } = contract.forPath(path);
      const ok = validate(JSON.parse(readFileSync(join(ROOT_DIR, file), 'utf8')));
      expect({ file, schema, errors: ok ? [] : describeErrors(validate) }).toEqual({ file, schema, errors: [] });
    },
  );

  it('a misspelt key is refused: the description closes its objects, so the check is not vacuous', () => {
    const body = JSON.parse(readFileSync(join(DIR, 'composed_statement-HCWS412.json'), 'utf8'));
    body.value.dateMadeUtc = body.value.dateMade;
    const { validate } = contract.forPath(pathOf('composed_statement-HCWS412.json'));
    expect(validate(body)).toBe(false);
    expect(describeErrors(validate)).toContain('/value must NOT have additional properties: dateMadeUtc');
  });
});
