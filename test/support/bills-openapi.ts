/**
 * The UK Parliament Bills API's own OpenAPI 3.0 description (vendored unmodified under
 * test/fixtures/schemas/parliament-bills/, provenance beside it) turned into an ajv validator for
 * response bodies. OpenAPI 3.0 component schemas are not JSON Schema: `nullable: true` becomes a
 * `null` alternative, and the two formats the description uses are given their meaning here.
 */
import { join } from 'node:path';
import { FIXTURES } from './fixtures';
import { loadOpenApiContract, type OpenApiContract } from './openapi-contract';

export { describeErrors } from './openapi-contract';

export const BILLS_OPENAPI = join(FIXTURES, 'schemas', 'parliament-bills', 'openapi.yaml');

/**
 * Fields the live API answers with that the 2021 description does not list (it closes every object
 * with `additionalProperties: false`). Each is seen in a real recording, never invented here:
 * `formerShortTitle` in beatonma/snommoc's recorded `/api/v1/Bills` and `/api/v1/Bills/2818`.
 */
export const FIELDS_ADDED_SINCE: Record<string, Record<string, unknown>> = {
  Bill: { formerShortTitle: { type: 'string', nullable: true } },
  BillSummary: { formerShortTitle: { type: 'string', nullable: true } },
};

export type BillsContract = OpenApiContract;

export function loadBillsContract(): BillsContract {
  return loadOpenApiContract(BILLS_OPENAPI, 'Bills API', FIELDS_ADDED_SINCE);
}
