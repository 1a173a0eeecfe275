/**
 * govuk-search's edges that mutation testing found unchecked (docs/test-strength.md): organisations in
 * every shape the Search API has used, the context a ParseError carries, phrase quoting, the signal.
 */
import { describeFailure } from '../../../lambdas/core/errors';
import { LIVE_ENDPOINTS } from '../../../lambdas/config';
import { keepMatching } from '../../../lambdas/sources/govuk-search/filter-check';
import {
  govukSearch,
  phrase,
  readSearchPage,
  searchUrl,
  type GovukSearchConfig,
} from '../../../lambdas/sources/govuk-search';
import { fetched } from '../../support/fixtures';
import { parseErrorOf } from '../../support/source-results';

const config: GovukSearchConfig = {
  id: 'bscc',
  kind: 'govuk-search',
  organisations: ['biometrics-and-surveillance-camera-commissioner'],
  documentTypes: ['correspondence'],
};
const url = searchUrl(config, LIVE_ENDPOINTS.govuk, 0);
const result = (over: Record<string, unknown> = {}) => ({
  title: 'Letter to Hikvision',
  link: '/government/publications/letter-to-hikvision',
  public_timestamp: '2023-09-05T09:00:00.000Z',
  updated_at: '2023-09-05T09:00:00.412Z',
  content_store_document_type: 'correspondence',
  organisations: [{ slug: 'biometrics-and-surveillance-camera-commissioner' }],
  ...over,
});
const page = (results: unknown[]) => fetched(url, JSON.stringify({ results, total: results.length, start: 0 }));

describe('govuk-search organisations', () => {
  it('reads slugs given as strings or as objects, and skips entries that are neither', () => {
    const organisations = ['home-office', { slug: 'cabinet-office' }, null, 42, { slug: 7 }, { title: 'No slug' }];
    const [read] = readSearchPage(page([result({ organisations })]), 'bscc').results;
    expect(read.organisations).toEqual(['home-office', 'cabinet-office']);
  });

  it('keeps a result filed under several organisations when one of them is filtered for', () => {
    const both = result({ organisations: ['home-office', 'biometrics-and-surveillance-camera-commissioner'] });
    const { results } = readSearchPage(page([both]), 'bscc');
    expect(keepMatching(results, config, url)).toHaveLength(1);
  });

  it('names the source, address and field in the error when no result matches the filter', () => {
    const err = parseErrorOf(() =>
      govukSearch.parseListing(page([result({ organisations: [] })]), config, LIVE_ENDPOINTS),
    );
    expect(err.context).toEqual({ url, source: 'bscc', sourceNamed: true, field: 'results' });
    // The sentence names the source itself, so describeFailure adds no "(source bscc)".
    expect(describeFailure(err)).not.toContain('(source bscc)');
  });
});

describe('govuk-search responses of the wrong shape', () => {
  it('refuses a body that is not JSON, naming the address and source', () => {
    const err = parseErrorOf(() => readSearchPage(fetched(url, '<html>Service unavailable</html>'), 'bscc'));
    expect(err.context).toEqual({ url, source: 'bscc' });
  });

  it('names the path of the wrong field, or (root) when the body is not an object at all', () => {
    const nested = parseErrorOf(() => readSearchPage(page([result({ title: 12 })]), 'bscc'));
    expect(nested.context).toEqual({ url, source: 'bscc', field: 'results.0.title' });
    expect(parseErrorOf(() => readSearchPage(fetched(url, '[]'), 'bscc')).context.field).toBe('(root)');
  });
});

describe('govuk-search phrase and paging', () => {
  it('quotes a phrase once, trimmed, and drops quotes that do not wrap the whole of it', () => {
    expect(phrase('  Hikvision  ')).toBe('Hikvision');
    expect(phrase('  surveillance camera ')).toBe('"surveillance camera"');
    expect(phrase('Act "2023 guidance"')).toBe('"Act 2023 guidance"');
    expect(phrase('"Procurement Act" 2023')).toBe('"Procurement Act 2023"');
    // Already one quoted phrase: left exactly as written, inner quotes and all.
    expect(phrase('"a "b" c"')).toBe('"a "b" c"');
  });

  it('paces the listing and its next pages in the govuk-search bucket', () => {
    expect(govukSearch.listing(config, LIVE_ENDPOINTS).bucket).toBe('govuk-search');
    const first = fetched(url, JSON.stringify({ results: [result()], total: 2, start: 0 }));
    expect(govukSearch.parseListing(first, config, LIVE_ENDPOINTS).next?.bucket).toBe('govuk-search');
  });

  it('signals with updated_at alone when the result has no public_timestamp', () => {
    const { entries } = govukSearch.parseListing(page([result({ public_timestamp: null })]), config, LIVE_ENDPOINTS);
    expect(entries[0].signal).toBe('2023-09-05T09:00:00.412Z');
  });
});
