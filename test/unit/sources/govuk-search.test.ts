import { join } from 'node:path';
import { ParseError } from '../../../lambdas/core/errors';
import { readFileSync } from 'node:fs';
import {
  govukSearch,
  phrase,
  readSearchPage,
  searchUrl,
  type GovukSearchConfig,
} from '../../../lambdas/sources/govuk-search';
import { ROOT } from '../../support/harness';
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

  const REAL = [
    'gds-api-adapters_new_policies_for_dwp.json',
    'gds-api-adapters_old_policies_for_dwp.json',
    'finder-frontend_business_readiness_results.json',
    'frontend_manual_unscoped_search.json',
    'gds-api-adapters_sub_sector_organisations.json',
  ];

  it.each(REAL)('%s: the page reads to its golden results, total and start', (file) => {
    const url = searchUrl(config, LIVE_ENDPOINTS.govuk, 0);
    const page = readSearchPage(fetched(url, fixtureText(`govuk-search/${file}`)), config.id);
    expectGolden(page, join(FIXTURES, 'govuk-search', file.replace(/\.json$/, '.expected.json')));
  });

  it('refuses a page of which no result carries the filtered fields (these recordings asked for other fields)', () => {
    expect(() => parse('gds-api-adapters_new_policies_for_dwp.json')).toThrow(
      'None of the 10 results GOV.UK search returned for dwp match its filter (organisations ' +
        'department-for-work-pensions; document types policy): the search may have ignored or renamed a filter, ' +
        'so nothing was recorded.',
    );
    // An empty page is not a mismatch.
    expect(parse('gds-api-adapters_sub_sector_organisations.json').entries).toEqual([]);
    expect(parse('gds-api-adapters_sub_sector_organisations.json').next).toBeNull();
  });

  // Read by hand from each recording (its `total`, `results[].title`, `link`, `public_timestamp`), not from
  // the goldens: a golden written wrong once would otherwise be the only judge of itself.
  it.each([
    {
      file: 'gds-api-adapters_new_policies_for_dwp.json',
      count: 10,
      total: 11,
      first: {
        title: 'Welfare reform',
        link: '/government/policies/welfare-reform',
        publicTimestamp: '2015-04-23T09:31:18.369Z',
      },
      last: 'Child maintenance reform',
    },
    {
      file: 'gds-api-adapters_old_policies_for_dwp.json',
      count: 10,
      total: 11,
      // The same policies at their older addresses; the timestamp's offset is kept as GOV.UK gave it.
      first: {
        title: 'Employment',
        link: '/government/policies/helping-people-to-find-and-stay-in-work',
        publicTimestamp: '2015-03-26T15:06:42.000+00:00',
      },
      last: 'Child maintenance reform',
    },
    {
      file: 'finder-frontend_business_readiness_results.json',
      count: 9,
      total: 9,
      first: {
        title: 'Food labelling changes after Brexit',
        link: '/guidance/food-labelling-changes-after-brexit',
        publicTimestamp: '2019-02-05T12:00:00.000+00:00',
      },
      last: 'Oil and gas production and preparing for EU Exit',
    },
    {
      file: 'frontend_manual_unscoped_search.json',
      count: 3,
      total: 44423,
      first: { title: 'Tax your vehicle', link: '/vehicle-tax', publicTimestamp: '2014-12-09T16:21:03.000+00:00' },
      last: 'Check if a vehicle is taxed',
    },
  ])('$file: facts read by hand from the recording', ({ file, count, total, first, last }) => {
    const page = readSearchPage(
      fetched(searchUrl(config, LIVE_ENDPOINTS.govuk, 0), fixtureText(`govuk-search/${file}`)),
      config.id,
    );
    expect(page.results).toHaveLength(count);
    expect(page.total).toBe(total);
    expect(page.results[0]).toMatchObject(first);
    expect(page.results[count - 1].title).toBe(last);
  });

  it('keeps titles as GOV.UK wrote them and results in the order the API gave', () => {
    const read = (file: string) =>
      readSearchPage(
        fetched(searchUrl(config, LIVE_ENDPOINTS.govuk, 0), fixtureText(`govuk-search/${file}`)),
        config.id,
      );
    const brexit = read('finder-frontend_business_readiness_results.json').results[5];
    expect(brexit.title).toBe('Exporting and importing fish if there’s no Brexit deal');
    expect(brexit.link).toBe('/guidance/exporting-and-importing-fish-if-theres-no-brexit-deal');
    expect(read('frontend_manual_unscoped_search.json').results.map((e) => e.publicTimestamp)).toEqual([
      '2014-12-09T16:21:03.000+00:00',
      '2015-02-11T14:42:57.000+00:00',
      '2014-12-04T00:01:05.000+00:00',
    ]);
  });

  it('the real recordings lack the filtered fields: no organisation slug is lost, but no document type is given', () => {
    const read = (file: string) =>
      readSearchPage(
        fetched(searchUrl(config, LIVE_ENDPOINTS.govuk, 0), fixtureText(`govuk-search/${file}`)),
        config.id,
      );
    expect(read('gds-api-adapters_new_policies_for_dwp.json').results[0]).toMatchObject({
      documentType: null,
      organisations: ['department-for-work-pensions'],
    });
  });

  describe('on a response to its own query (the composed BSCC search, with the requested fields)', () => {
    const bscc: GovukSearchConfig = {
      id: 'bscc',
      kind: 'govuk-search',
      organisations: ['biometrics-and-surveillance-camera-commissioner'],
      documentTypes: ['correspondence'],
    };
    const body = JSON.parse(readFileSync(join(ROOT, 'demo/replay/t1/search-bscc-correspondence.json'), 'utf8'));
    const read = (json: unknown, start = 0) =>
      govukSearch.parseListing(
        fetched(searchUrl(bscc, LIVE_ENDPOINTS.govuk, start), JSON.stringify(json)),
        bscc,
        LIVE_ENDPOINTS,
      );

    it('keeps every matching result, newest first, with public_timestamp and updated_at as the signal', () => {
      const page = read(body);
      // 3 results at t1: the withdrawn Home Office letter is hidden by the Search API, as on GOV.UK.
      expect(page.entries.map((e) => e.title)).toHaveLength(3);
      const [first] = page.entries;
      // updated_at moves on minor changes too, which public_timestamp does not.
      expect(first.signal).toBe('2023-09-05T09:00:00.000Z|2023-09-05T09:00:00.412Z');
      expect(first.detail).toEqual({
        url: `https://www.gov.uk/api/content${new URL(first.url).pathname}`,
        bucket: 'govuk-content',
      });
      expect(page.next).toBeNull();
    });

    it('pages with start/count until total', () => {
      const page = read({ ...body, total: 11 });
      expect(new URL(page.next!.url).searchParams.get('start')).toBe('3');
      expect(read({ ...body, total: 6 }, 3).next).toBeNull();
    });

    it('drops results outside the filter: another organisation, another document type', () => {
      const [a, b, c] = body.results;
      const other = { ...b, organisations: [{ slug: 'home-office' }] };
      const news = { ...c, content_store_document_type: 'news_story' };
      const page = read({ ...body, results: [a, other, news] });
      expect(page.entries.map((e) => e.url)).toEqual([`https://www.gov.uk${a.link}`]);
      expect(page.scanned).toBe(3);
    });

    it('refuses the page when GOV.UK ignored the filter and returned only other documents', () => {
      const ignored = body.results.map((r: object) => ({ ...r, content_store_document_type: 'guidance' }));
      expect(() => read({ ...body, results: ignored })).toThrow(/None of the 3 results .* match its filter/);
    });
  });

  it('quotes a query of several words, so the Search API matches the phrase and not any two of its words', () => {
    const url = new URL(searchUrl({ ...config, q: 'Procurement Act 2023' }, LIVE_ENDPOINTS.govuk, 0));
    expect(url.searchParams.get('q')).toBe('"Procurement Act 2023"');
    expect(phrase('"already quoted"')).toBe('"already quoted"');
    expect(phrase('Hikvision')).toBe('Hikvision');
    expect(url.searchParams.getAll('fields')).toContain('updated_at');
  });

  it('names the missing field when the response changes shape', () => {
    const bad = fetched(searchUrl(config, LIVE_ENDPOINTS.govuk, 0), '{"documents": []}');
    expect(() => govukSearch.parseListing(bad, config, LIVE_ENDPOINTS)).toThrow(ParseError);
    expect(() => govukSearch.parseListing(bad, config, LIVE_ENDPOINTS)).toThrow(/field "results"/);
  });
});
