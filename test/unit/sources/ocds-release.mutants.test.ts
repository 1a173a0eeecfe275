/**
 * OCDS releases read into notices (lambdas/sources/ocds/release.ts): the edges mutation testing found
 * unchecked. Each release is the recorded Contracts Finder release 17 (award) or 46 (tender) with values
 * changed or sections dropped, as the OCDS 1.1 schema allows: every composed release that should read is
 * first validated against the vendored release schema (test/fixtures/schemas/ocds/), so no case here is a
 * release the standard forbids. The broken ones (no ocid, id or date) are the error cases.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { ParseError } from '../../../lambdas/core/errors';
import { noticeOf, readReleasePage, stageOf, type Notice } from '../../../lambdas/sources/ocds/release';
import { FIXTURES, fetched, fixtureJson } from '../../support/fixtures';

type Release = Record<string, any>;
const SCHEMAS = join(FIXTURES, 'schemas', 'ocds');
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS, 'release-schema.json'), 'utf8')));
const validRelease = ajv.getSchema('https://standard.open-contracting.org/schema/1__1__5/release-schema.json')!;

const award17 = (): Release => fixtureJson('ocds/cfserver1_release-17_award.json');
const tender46 = (): Release => fixtureJson('ocds/cfserver1_release-46_tender.json');
const where = { url: 'https://www.contractsfinder.service.gov.uk/Published/Notices/OCDS/Search', source: 'cf' };

/** Reads a composed release after checking the standard allows it. */
function read(release: Release): Notice {
  const ok = validRelease(release);
  expect(ok ? [] : validRelease.errors).toEqual([]);
  return noticeOf(release, where);
}

/** Release 46 (a tender) without its sections, tagged `compiled` (a tag naming no stage), then with those given. */
function bare(extra: Release = {}): Release {
  const { tender: _t, parties: _p, buyer: _b, tag: _tag, ...rest } = tender46();
  return { ...rest, tag: ['compiled'], ...extra };
}

describe('the stage a release has reached', () => {
  const tenderSection = () => tender46().tender;
  const awards = () => award17().awards;
  const contracts = () => [{ id: 'c1', awardID: awards()[0].id, status: 'active' }];
  it.each<[string, Release, string]>([
    ['no stage in the tags, no section', {}, 'planning'],
    ['a tender section under tags naming no stage', { tender: tenderSection() }, 'tender'],
    ['a planning update with its tender section', { tag: ['planningUpdate'], tender: tenderSection() }, 'planning'],
    ['a planning tag among others', { tag: ['compiled', 'planning'], tender: tenderSection() }, 'planning'],
    ['an award update before its award is listed', { tag: ['awardUpdate'], tender: tenderSection() }, 'award'],
    ['tags in any order: the furthest', { tag: ['award', 'tender'], tender: tenderSection() }, 'award'],
    ['a contract tag alone', { tag: ['contract'] }, 'contract'],
    ['awards under tags naming no stage', { awards: awards() }, 'award'],
    ['a tender tag with awards', { tag: ['tender'], awards: awards() }, 'award'],
    ['a tender tag with contracts', { tag: ['tender'], awards: awards(), contracts: contracts() }, 'contract'],
  ])('%s → %s', (_name, extra, stage) => {
    const release = bare(extra);
    expect(validRelease(release)).toBe(true);
    expect(stageOf(release)).toBe(stage);
  });

  it('the tags are kept as published; a release outside the standard with none has an empty list', () => {
    expect(read(bare({ tag: ['tenderAmendment'], tender: tenderSection() })).tags).toEqual(['tenderAmendment']);
    const { tag: _tag, ...untagged } = bare({ tender: tenderSection() });
    expect(noticeOf(untagged, where).tags).toEqual([]);
  });
});

describe('values, parties, items and periods', () => {
  it('the value comes from the contract, then the award, then the tender; no amount, no value', () => {
    const r = award17();
    r.tender.value = { amount: 800000, currency: 'GBP' };
    r.contracts = [{ id: 'c1', awardID: r.awards[0].id, value: { amount: 700000, currency: 'GBP' } }];
    expect(read(r).value).toEqual({ amount: 700000, currency: 'GBP' });
    delete r.contracts[0].value;
    expect(read(r).value).toEqual({ amount: 776888.48, currency: 'GBP' });
    delete r.awards[0].value;
    expect(read(r).value).toEqual({ amount: 800000, currency: 'GBP' });
    delete r.tender.value;
    expect(read(r).value).toBeNull();
  });

  it('a value without a currency is in pounds; another currency is kept', () => {
    const r = tender46();
    r.tender.value = { amount: 120000 };
    expect(read(r).value).toEqual({ amount: 120000, currency: 'GBP' });
    r.tender.value = { amount: 120000, currency: 'EUR' };
    expect(read(r).value).toEqual({ amount: 120000, currency: 'EUR' });
  });

  it('an amount JSON reads as Infinity is no amount: the next candidate speaks', () => {
    const r = award17();
    r.awards[0].value.amount = 123.456;
    r.tender.value = { amount: 800000, currency: 'GBP' };
    const body = JSON.stringify({ releases: [r] }).replace('"amount":123.456', '"amount":1e999');
    expect(readReleasePage(fetched(where.url, body), 'cf', 'Contracts Finder').notices[0].value).toEqual({
      amount: 800000,
      currency: 'GBP',
    });
  });

  it('the buyer: the buyer section first, else the first named party with the buyer role', () => {
    const r = tender46();
    r.parties.unshift({ id: 'GB-X-1', name: 'Northmoor Borough Council', roles: ['buyer'] });
    expect(read(r).buyer).toBe('MSE Group');
    delete r.buyer;
    expect(read(r).buyer).toBe('Northmoor Borough Council');
    r.parties[0] = { id: 'GB-X-1', roles: ['buyer'] };
    expect(read(r).buyer).toBe('MSE Group');
    r.parties = [{ id: 'GB-X-1', name: 'Northmoor Borough Council', roles: ['supplier'] }];
    expect(read(r).buyer).toBeNull();
  });

  it('suppliers from the awards and the supplier parties, each once, the awards first', () => {
    const r = award17();
    r.awards[0].suppliers = [{ id: 'GB-X-2', name: 'Sample Imaging Systems Ltd' }, r.awards[0].suppliers[1]];
    r.parties = [
      { id: 'GB-X-3', roles: ['supplier'] },
      ...r.parties.filter((p: Release) => ['24x7', 'A1 Taxis', 'Welland Procurement Unit'].includes(p.name)),
    ];
    expect(read(r).suppliers).toEqual(['Sample Imaging Systems Ltd', 'A1 Taxis', '24x7']);
  });

  it('items by their description, else their classification, then the tender classification, each once', () => {
    const r = award17();
    r.tender.items = [
      {
        id: '1',
        description: 'School transport  for  pupils',
        classification: {
          scheme: 'CPV',
          id: '60130000',
          description: 'Special-purpose road passenger-transport services',
        },
      },
      { id: '2', classification: { scheme: 'CPV', id: '60120000', description: 'Taxi services' } },
      { id: '3' },
    ];
    r.awards[0].items = [
      { id: '4', classification: { scheme: 'CPV', id: '60112000', description: 'Public road transport services' } },
    ];
    expect(read(r).items).toEqual(['School transport for pupils', 'Taxi services', 'Public road transport services']);
  });

  it('the contract period: the contract, else the award, else the tender', () => {
    const r = award17();
    r.tender.contractPeriod = { startDate: '2024-08-01T00:00:00+01:00', endDate: '2025-07-31T23:59:59+01:00' };
    expect(read(r)).toEqual(
      expect.objectContaining({ contractStart: '2024-09-01T00:00:00+01:00', contractEnd: '2025-08-19T23:59:59+01:00' }),
    );
    r.contracts = [
      { id: 'c1', awardID: r.awards[0].id, status: 'pending', period: { startDate: '2024-10-01T00:00:00+01:00' } },
      {
        id: 'c2',
        awardID: r.awards[0].id,
        status: 'active',
        period: { startDate: '2024-11-01T00:00:00Z', endDate: '2025-10-31T00:00:00Z' },
      },
    ];
    expect(read(r)).toEqual(
      expect.objectContaining({
        contractStart: '2024-11-01T00:00:00Z',
        contractEnd: '2025-10-31T00:00:00Z',
        status: 'active',
      }),
    );
    delete r.contracts;
    delete r.awards[0].contractPeriod;
    expect(read(r)).toEqual(
      expect.objectContaining({ contractStart: '2024-08-01T00:00:00+01:00', contractEnd: '2025-07-31T23:59:59+01:00' }),
    );
  });

  it("the notice link: the first document whose type ends in Notice, the award's before the tender's", () => {
    const r = award17();
    const notice = r.awards[0].documents[0];
    r.awards[0].documents = [
      { id: '0', documentType: 'awardNoticeAnnex', url: 'https://example.test/annex' },
      { id: '2', documentType: 'contractSigned', url: 'https://example.test/signed' },
      notice,
    ];
    r.tender.documents = [{ id: '5', documentType: 'tenderNotice', url: 'https://example.test/tender-notice' }];
    expect(read(r).noticeLink).toBe(notice.url);
    delete r.awards[0].documents;
    expect(read(r).noticeLink).toBe('https://example.test/tender-notice');
  });

  it('titles and names lose their runs of spaces and their edges; no description is an empty one', () => {
    const { tender: _t, ...r } = award17();
    r.awards[0].title = '  Home to school\n transport  ';
    r.buyer.name = ' Welland  Procurement Unit ';
    const n = read(r);
    expect(n).toEqual(
      expect.objectContaining({
        title: 'Home to school transport',
        description: '',
        buyer: 'Welland Procurement Unit',
      }),
    );
    expect(n.stage).toBe('award');
  });

  it('a section that is null reads as missing', () => {
    const r = { ...award17(), tender: null, buyer: null };
    const n = noticeOf(r, where);
    expect(n).toEqual(
      expect.objectContaining({
        title: 'ocds-b5fd17-d1441223-b3e7-45a9-9ff6-88fcdad59f37',
        buyer: 'Welland Procurement Unit',
      }),
    );
  });
});

describe('what is not a release, and what is not a page', () => {
  const errorOf = (fn: () => unknown): ParseError => {
    try {
      fn();
    } catch (err) {
      if (err instanceof ParseError) return err;
      throw err;
    }
    throw new Error('no error');
  };
  const page = (body: unknown) => JSON.stringify(body);
  const url = 'https://www.find-tender.service.gov.uk/api/1.0/ocdsReleasePackages?updatedFrom=2026-02-23T00%3A00%3A00';
  const readPage = (body: string) => readReleasePage(fetched(url, body), 'fts', 'Find a Tender');

  it.each([
    ['ocid', { ocid: '' }],
    ['id', { id: undefined }],
    ['date', { date: 'not a date' }],
  ])('a release without its %s names the field, the page and the source', (field, change) => {
    const err = errorOf(() => readPage(page({ releases: [{ ...tender46(), ...change }] })));
    expect(err.code).toBe('parse');
    expect(err.context).toEqual({ url, source: 'fts', field });
    expect(err.message).toContain(url);
  });

  it('a release missing ocid and id names the ocid first', () => {
    expect(errorOf(() => noticeOf({ ...tender46(), ocid: 1, id: null }, where)).context.field).toBe('ocid');
  });

  it('a body that is not JSON keeps the parser error as its cause and names the page', () => {
    const err = errorOf(() => readPage('<html>Service unavailable</html>'));
    expect(err.context).toEqual({ url, source: 'fts' });
    expect(err.cause).toBeInstanceOf(SyntaxError);
    expect(err.message).toContain(url);
  });

  it('a package without a releases list names that field', () => {
    expect(errorOf(() => readPage(page({ records: [] }))).context).toEqual({ url, source: 'fts', field: 'releases' });
  });

  it('a next link without a cursor, or one that is no URL, fails on links.next', () => {
    for (const next of [`${url}&page=2`, 'http://[::1']) {
      const err = errorOf(() => readPage(page({ releases: [tender46()], links: { next } })));
      expect(err.context).toEqual({ url, source: 'fts', field: 'links.next' });
      expect(err.message).toContain(url);
    }
  });

  it('a relative next link is read against the page; no link is the last page', () => {
    expect(readPage(page({ releases: [], links: { next: '?cursor=MTAwM%3D%3D&limit=100' } })).cursor).toBe('MTAwM==');
    expect(readPage(page({ releases: [tender46()], links: {} }))).toEqual({
      notices: [expect.objectContaining({ ocid: tender46().ocid })],
      cursor: null,
    });
  });
});
