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

  // Read by hand from each recording (its `total`, `results[].title`, `link`, `public_timestamp`), not from
  // the goldens: a golden written wrong once would otherwise be the only judge of itself.
  it.each([
    {
      file: 'gds-api-adapters_new_policies_for_dwp.json',
      count: 10,
      first: {
        title: 'Welfare reform',
        url: 'https://www.gov.uk/government/policies/welfare-reform',
        signal: '2015-04-23T09:31:18.369Z',
      },
      last: 'Child maintenance reform',
      nextStart: '10',
    },
    {
      file: 'gds-api-adapters_old_policies_for_dwp.json',
      count: 10,
      // The same policies at their older addresses; the timestamp's offset is kept as GOV.UK gave it.
      first: {
        title: 'Employment',
        url: 'https://www.gov.uk/government/policies/helping-people-to-find-and-stay-in-work',
        signal: '2015-03-26T15:06:42.000+00:00',
      },
      last: 'Child maintenance reform',
      nextStart: '10',
    },
    {
      file: 'finder-frontend_business_readiness_results.json',
      count: 9,
      first: {
        title: 'Food labelling changes after Brexit',
        url: 'https://www.gov.uk/guidance/food-labelling-changes-after-brexit',
        signal: '2019-02-05T12:00:00.000+00:00',
      },
      last: 'Oil and gas production and preparing for EU Exit',
      nextStart: null,
    },
    {
      file: 'frontend_manual_unscoped_search.json',
      count: 3,
      first: {
        title: 'Tax your vehicle',
        url: 'https://www.gov.uk/vehicle-tax',
        signal: '2014-12-09T16:21:03.000+00:00',
      },
      last: 'Check if a vehicle is taxed',
      // 3 of 44423 results: the next page starts at 3.
      nextStart: '3',
    },
  ])('$file: facts read by hand from the recording', ({ file, count, first, last, nextStart }) => {
    const page = parse(file);
    expect(page.entries).toHaveLength(count);
    expect(page.entries[0]).toMatchObject({ ...first, docId: `govuk:${new URL(first.url).pathname}` });
    expect(page.entries[count - 1].title).toBe(last);
    expect(page.next ? new URL(page.next.url).searchParams.get('start') : null).toBe(nextStart);
  });

  it('keeps titles as GOV.UK wrote them and results in the order the API gave', () => {
    const brexit = parse('finder-frontend_business_readiness_results.json').entries[5];
    expect(brexit.title).toBe('Exporting and importing fish if there’s no Brexit deal');
    expect(brexit.url).toBe('https://www.gov.uk/guidance/exporting-and-importing-fish-if-theres-no-brexit-deal');
    // Not newest first, as recorded: the listing is not re-sorted.
    expect(parse('frontend_manual_unscoped_search.json').entries.map((e) => e.signal)).toEqual([
      '2014-12-09T16:21:03.000+00:00',
      '2015-02-11T14:42:57.000+00:00',
      '2014-12-04T00:01:05.000+00:00',
    ]);
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
