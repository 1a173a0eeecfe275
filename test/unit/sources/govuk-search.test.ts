import { join } from 'node:path';
import { ParseError } from '../../../lambdas/core/errors';
import { govukSearch, searchUrl, type GovukSearchConfig } from '../../../lambdas/sources/govuk-search';
import { LIVE_ENDPOINTS } from '../../../lambdas/config';
import { fetched, FIXTURES, fixtureText } from '../../support/fixtures';
import { expectGolden } from '../../support/golden';

const config: GovukSearchConfig = {
  id: 'dwp',
  kind: 'govuk-search',
  organisations: ['department-for-work-pensions'],
  documentTypes: ['policy'],
  count: 10,
};

function parse(file: string, start = 0) {
  const url = searchUrl(config, LIVE_ENDPOINTS.govuk, start);
  return govukSearch.parseListing(fetched(url, fixtureText(`govuk-search/${file}`)), config, LIVE_ENDPOINTS);
}

describe('govuk-search', () => {
  it('asks the Search API for the organisation, type, newest first, explicit fields, and a page', () => {
    const url = new URL(govukSearch.listing(config, LIVE_ENDPOINTS).url);
    expect(url.origin + url.pathname).toBe('https://www.gov.uk/api/search.json');
    expect(url.searchParams.getAll('filter_organisations')).toEqual(['department-for-work-pensions']);
    expect(url.searchParams.getAll('filter_content_store_document_type')).toEqual(['policy']);
    expect(url.searchParams.get('order')).toBe('-public_timestamp');
    expect(url.searchParams.getAll('fields')).toEqual(
      expect.arrayContaining(['title', 'link', 'public_timestamp', 'content_store_document_type']),
    );
    expect(url.searchParams.get('start')).toBe('0');
    expect(url.searchParams.get('count')).toBe('10');
  });

  it.each([
    'gds-api-adapters_new_policies_for_dwp.json',
    'gds-api-adapters_old_policies_for_dwp.json',
    'finder-frontend_business_readiness_results.json',
    'frontend_manual_unscoped_search.json',
    'gds-api-adapters_sub_sector_organisations.json',
  ])('%s parses to its golden listing', (file) => {
    expectGolden(parse(file), join(FIXTURES, 'govuk-search', file.replace(/\.json$/, '.expected.json')));
  });

  it('pages with start/count until total: 10 of 11 results asks for start=10 next', () => {
    const page = parse('gds-api-adapters_new_policies_for_dwp.json');
    expect(page.entries).toHaveLength(10);
    expect(new URL(page.next!.url).searchParams.get('start')).toBe('10');
  });

  it('stops paging on the last page and on an empty page', () => {
    expect(parse('gds-api-adapters_new_policies_for_dwp.json', 10).next).toBeNull();
    expect(parse('gds-api-adapters_sub_sector_organisations.json').next).toBeNull();
    expect(parse('gds-api-adapters_sub_sector_organisations.json').entries).toEqual([]);
  });

  it('uses public_timestamp as the change signal and reads details from the Content API', () => {
    const [first] = parse('gds-api-adapters_new_policies_for_dwp.json').entries;
    expect(first.signal).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(first.detail!.url).toBe(`https://www.gov.uk/api/content${new URL(first.url).pathname}`);
    expect(first.detail!.bucket).toBe('govuk-content');
  });

  it('names the missing field when the response changes shape', () => {
    const bad = fetched(searchUrl(config, LIVE_ENDPOINTS.govuk, 0), '{"documents": []}');
    expect(() => govukSearch.parseListing(bad, config, LIVE_ENDPOINTS)).toThrow(ParseError);
    expect(() => govukSearch.parseListing(bad, config, LIVE_ENDPOINTS)).toThrow(/field "results"/);
  });
});
