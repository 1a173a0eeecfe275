/**
 * Contract: the Search API requests and responses against GOV.UK's own field definitions. Every field
 * the govuk-search kind asks for exists (a misspelt field is silently dropped by the API); every
 * composed response the demo serves holds only documented fields, with dates that are dates; the real
 * recordings (some from before fields were retired) have the right types in the fields the parser reads.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SEARCH_FIELDS } from '../../../lambdas/sources/govuk-search';
import { FIXTURES } from '../../support/fixtures';
import { ROOT_DIR, replayRoutes } from '../../support/replay-files';
import { fieldType, resultProblems } from '../../support/search-fields';

type Results = { results: Record<string, unknown>[] };
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Results;

const recorded = readdirSync(join(FIXTURES, 'govuk-search'))
  .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
  .map((f) => join(FIXTURES, 'govuk-search', f));
const composed = [
  ...new Set(
    replayRoutes()
      .filter((s) => s.file && s.route.path === '/api/search.json')
      .map((s) => s.file as string),
  ),
];

describe('GOV.UK Search API against search-api field definitions', () => {
  it('every field the source requests is a documented field', () => {
    expect(SEARCH_FIELDS.filter((f) => !fieldType(f))).toEqual([]);
    expect(fieldType('updated_at')).toBe('date');
  });

  it('finds the files it checks', () => {
    expect(recorded.length).toBeGreaterThanOrEqual(5);
    expect(composed.length).toBeGreaterThanOrEqual(4);
  });

  it.each(composed.map((f) => [relative(ROOT_DIR, f)]))('composed %s holds only documented fields', (file) => {
    const { results } = read(join(ROOT_DIR, file));
    expect(results.flatMap((r) => resultProblems(r))).toEqual([]);
  });

  it.each(recorded.map((f) => [relative(ROOT_DIR, f)]))('recorded %s: documented fields well typed', (file) => {
    const { results } = read(join(ROOT_DIR, file));
    expect(results.flatMap((r) => resultProblems(r, false))).toEqual([]);
  });

  it('the checker fails a result GOV.UK could not send (an unknown field, a date that is not one)', () => {
    const { results } = read(composed[0]);
    const broken = { ...results[0], updated: 'yesterday', public_timestamp: '16/06/2023' };
    expect(resultProblems(broken)).toEqual([
      'public_timestamp is not a date: "16/06/2023"',
      'updated is not a Search API field',
    ]);
  });
});
