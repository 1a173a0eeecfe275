/**
 * Contract: every Bills API response the tests and the demo serve — recorded or composed — is valid
 * against the API's own OpenAPI description (ajv, all errors). A composed file that drifts from the
 * real schema fails here, naming the field.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describeErrors, loadBillsContract } from '../../support/bills-openapi';
import { FIXTURES } from '../../support/fixtures';
import { ROOT_DIR, replayRoutes } from '../../support/replay-files';

const contract = loadBillsContract();

/** Which request each fixture answers, from its name: every fixture must match one rule. */
const FIXTURE_PATHS: [RegExp, string][] = [
  [/^snommoc_bill-2818\.json$/, '/api/v1/Bills/2818'],
  [/^snommoc_bill-2818_publications\.json$/, '/api/v1/Bills/512/Publications'],
  [/^snommoc_bill-2818_stages\.json$/, '/api/v1/Bills/2818/Stages'],
  [/^snommoc_bill_stages\.json$/, '/api/v1/Stages'],
  [/^snommoc_bill_types\.json$/, '/api/v1/BillTypes'],
  [/^snommoc_bills\.json$/, '/api/v1/Bills'],
  [/^composed_bills-search.*\.json$/, '/api/v1/Bills'],
  [/^composed_bill-3159(_third-reading)?\.json$/, '/api/v1/Bills/3159'],
  [/^composed_bill-3159_stages.*\.json$/, '/api/v1/Bills/3159/Stages'],
  [/^composed_bill-3159_stage-\d+.*\.json$/, '/api/v1/Bills/3159/Stages/15011'],
  [/^composed_bill-3159_publications.*\.json$/, '/api/v1/Bills/3159/Publications'],
  [/^composed_bill-3159_.*amendments.*\.json$/, '/api/v1/Bills/3159/Stages/15011/Amendments'],
  [/^composed_bill-3159_amendment-\d+.*\.json$/, '/api/v1/Bills/3159/Stages/15011/Amendments/7010'],
];

/**
 * The one recorded file the repository's author edited by hand (PROVENANCE.md): a `comment` key was
 * added. It is not the API's, so it is taken out before validating; everything else is checked as is.
 */
function asServed(file: string, body: unknown): unknown {
  if (file === 'snommoc_bill-2818.json') {
    const { comment: _comment, ...rest } = body as Record<string, unknown>;
    return rest;
  }
  return body;
}

const fixtures = readdirSync(join(FIXTURES, 'parliament-bills')).filter(
  (f) => f.endsWith('.json') && !f.endsWith('.expected.json'),
);

describe('Bills API contract (OpenAPI description, APIs-guru/openapi-directory @ 4d66b23)', () => {
  it('every fixture is mapped to the request it answers', () => {
    const unmapped = fixtures.filter((f) => !FIXTURE_PATHS.some(([re]) => re.test(f)));
    expect(unmapped).toEqual([]);
  });

  it.each(fixtures)('test/fixtures/parliament-bills/%s validates', (file) => {
    const path = FIXTURE_PATHS.find(([re]) => re.test(file))![1];
    const { validate, schema } = contract.forPath(path);
    const body = asServed(file, JSON.parse(readFileSync(join(FIXTURES, 'parliament-bills', file), 'utf8')));
    const ok = validate(body);
    expect({ file, schema, errors: ok ? [] : describeErrors(validate) }).toEqual({ file, schema, errors: [] });
  });

  const served = replayRoutes().filter((r) => r.route.path.startsWith('/api/v1/') && r.file);
  it('the demo replay serves Bills API files', () => {
    expect(served.length).toBeGreaterThan(5);
  });

  it.each(served.map((r) => [relative(ROOT_DIR, r.file!), r.route.path] as const))(
    '%s (served at %s) validates',
    (file, path) => {
      const { validate, schema } = contract.forPath(path);
      const ok = validate(JSON.parse(readFileSync(join(ROOT_DIR, file), 'utf8')));
      expect({ file, schema, errors: ok ? [] : describeErrors(validate) }).toEqual({ file, schema, errors: [] });
    },
  );

  it('the validator is strict: an invented key, a wrong type and a missing null alternative fail', () => {
    const validate = contract.forSchema('AmendmentSearchItem');
    expect(validate({ amendmentId: 1, summaryText: null, sponsors: null })).toBe(true);
    expect(validate({ amendmentId: 1, summaryTxt: ['x'] })).toBe(false);
    expect(describeErrors(validate)).toEqual(['(root) must NOT have additional properties: summaryTxt']);
    expect(validate({ amendmentId: '1' })).toBe(false);
    expect(validate({ amendmentId: 1, decision: 'Maybe' })).toBe(false);
    expect(contract.forSchema('Bill')({ billId: 1, isAct: null })).toBe(false);
    expect(contract.forSchema('Bill')({ billId: 1, lastUpdate: 'yesterday' })).toBe(false);
    expect(contract.forSchema('Bill')({ billId: 1, lastUpdate: '2021-05-04T10:42:08.0579851' })).toBe(true);
  });
});
