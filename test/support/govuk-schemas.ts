/**
 * GOV.UK's own content schemas (alphagov/publishing-api content_schemas/dist/formats/<format>/frontend,
 * JSON Schema draft-04, vendored in test/fixtures/schemas/publishing-api with their provenance), and
 * a validator per `schema_name`: what a Content API response for that format may contain.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { FIXTURES } from './fixtures';

const FORMATS = ['publication', 'html_publication', 'document_collection'] as const;
export type GovukFormat = (typeof FORMATS)[number];

let validators: Map<string, ValidateFunction> | null = null;

function load(): Map<string, ValidateFunction> {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return new Map(
    FORMATS.map((f) => {
      const schema = JSON.parse(
        readFileSync(join(FIXTURES, 'schemas', 'publishing-api', `${f}.frontend.schema.json`), 'utf8'),
      );
      return [f, ajv.compile(schema)];
    }),
  );
}

/** The problems of a content item against its format's schema; empty when it validates. */
export function contentItemProblems(item: { schema_name?: string }): string[] {
  validators ??= load();
  const validate = validators.get(item.schema_name ?? '');
  if (!validate) return [`schema_name ${JSON.stringify(item.schema_name)} is not one of ${FORMATS.join(', ')}`];
  if (validate(item)) return [];
  return (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`.trim());
}
