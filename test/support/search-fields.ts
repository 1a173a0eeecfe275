/**
 * GOV.UK's Search API fields, from its own definitions (alphagov/search-api
 * config/schema/field_definitions.json, vendored in test/fixtures/schemas/search-api with provenance),
 * and the debug keys its result presenter adds to every result (lib/search/presenters/result_presenter.rb).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './fixtures';

const definitions = JSON.parse(
  readFileSync(join(FIXTURES, 'schemas', 'search-api', 'field_definitions.json'), 'utf8'),
) as Record<string, { type: string }>;

/** result_presenter.rb#add_debug_values and #add_virtual_fields. */
const PRESENTER_KEYS = new Set([
  'index',
  'es_score',
  '_id',
  '_explanation',
  'elasticsearch_type',
  'document_type',
  'title_with_highlighting',
  'description_with_highlighting',
]);

export const fieldType = (name: string): string | undefined => definitions[name]?.type;

/** What is wrong with one search result, strictly: unknown keys and values of the wrong type. */
export function resultProblems(result: Record<string, unknown>, strict = true): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(result)) {
    const type = fieldType(key);
    if (!type) {
      if (strict && !PRESENTER_KEYS.has(key)) problems.push(`${key} is not a Search API field`);
      continue;
    }
    if (type === 'date' && value !== null && (typeof value !== 'string' || Number.isNaN(Date.parse(value)))) {
      problems.push(`${key} is not a date: ${JSON.stringify(value)}`);
    }
    if (type === 'identifiers' && value !== null && !Array.isArray(value)) problems.push(`${key} is not a list`);
    if (type === 'identifier' && value !== null && typeof value !== 'string') problems.push(`${key} is not a string`);
  }
  return problems;
}
