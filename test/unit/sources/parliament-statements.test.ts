/**
 * Written statements (`parliament-statements`) on the composed responses, each valid against the
 * API's OpenAPI description (test/unit/contracts/written-statements.contract.test.ts). Goldens
 * beside the fixtures, and facts read by hand from them asserted in code.
 */
import { join } from 'node:path';
import { LIVE_ENDPOINTS } from '../../../lambdas/config';
import type { StoredVersion } from '../../../lambdas/core/model';
import { parliamentStatements, type ParliamentStatementsConfig } from '../../../lambdas/sources/parliament-statements';
import { fetched, FIXTURES, fixtureText } from '../../support/fixtures';
import { expectGolden } from '../../support/golden';
import { parliamentStatementsDeclaration } from '../../../lambdas/sources/parliament-statements/declaration';

const config: ParliamentStatementsConfig = {
  id: 'ws',
  kind: 'parliament-statements',
  searchTerm: 'Hikvision',
  madeWhenFrom: '2024-07-01',
};
const API = 'https://questions-statements-api.parliament.uk';
const URL0 = parliamentStatements.listing(config, LIVE_ENDPOINTS).url;
const golden = (file: string) => join(FIXTURES, 'parliament-statements', file.replace(/\.json$/, '.expected.json'));
const listing = (file: string) =>
  parliamentStatements.parseListing(
    fetched(URL0, fixtureText(`parliament-statements/${file}`)),
    config,
    LIVE_ENDPOINTS,
  );
const detail = (file: string) =>
  parliamentStatements.parseDetail(
    fetched('https://x.test/', fixtureText(`parliament-statements/${file}`)),
    { docId: '', url: '', title: '', signal: '' },
    config,
    LIVE_ENDPOINTS,
  ).documents[0];
const stored = (doc: ReturnType<typeof detail>): StoredVersion => ({
  docId: doc.docId,
  version: 1,
  hash: 'h',
  text: doc.text,
  title: doc.title,
  fetchedAt: '2026-03-06T00:00:00Z',
  changeNote: null,
  extra: doc.extra ?? null,
});

describe('parliament-statements', () => {
  it('asks the statements search for the term from the day given, 100 at a time', () => {
    const url = new URL(URL0);
    expect(url.origin + url.pathname).toBe(`${API}/api/writtenstatements/statements`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      searchTerm: 'Hikvision',
      madeWhenFrom: '2024-07-01',
      expandMember: 'true',
      skip: '0',
      take: '100',
    });
    expect(parliamentStatementsDeclaration.hosts(config, LIVE_ENDPOINTS)).toEqual([
      'questions-statements-api.parliament.uk',
    ]);
  });

  it.each([
    'composed_statements-search-hikvision.json',
    'composed_statements-search-hikvision_new-statement.json',
    'composed_statements-search-hikvision_corrected.json',
  ])('listing %s matches its golden', (file) => expectGolden(listing(file), golden(file)));

  it.each([
    'composed_statement-HCWS388.json',
    'composed_statement-HCWS412.json',
    'composed_statement-HCWS412_corrected.json',
  ])('statement %s matches its golden', (file) => expectGolden(detail(file), golden(file)));

  it('the new-statement search (read by hand): two statements, the new one read by date and uin', () => {
    const page = listing('composed_statements-search-hikvision_new-statement.json');
    expect(page.next).toBeNull(); // totalResults 2
    expect(page.entries.map((e) => e.title)).toEqual([
      'Surveillance Equipment on the Government Estate (HCWS412)',
      'Police Technology: Procurement Standards (HCWS388)',
    ]);
    expect(page.entries[0].detail?.url).toBe(
      `${API}/api/writtenstatements/statements/2026-03-05/HCWS412?expandMember=true`,
    );
    expect(page.entries[0].url).toBe(
      'https://questions-statements.parliament.uk/written-statements/detail/2026-03-05/HCWS412',
    );
  });

  it('HCWS412 (read by hand): made 5 March 2026 for the Cabinet Office; its whole text, not the cut one', () => {
    const doc = detail('composed_statement-HCWS412.json');
    expect(doc.publishedAt).toBe('2026-03-05');
    expect(doc.organisations).toEqual(['Cabinet Office']);
    expect(doc.text).toMatch(/A further 310 remain, each scheduled for replacement by 31 July 2026/);
    expect(doc.text).not.toMatch(/<p>|\.\.\.$/);
  });

  it('a new statement is statement-made, in the thread of the companies it names', () => {
    const doc = detail('composed_statement-HCWS412.json');
    const events = parliamentStatements.compareNew!(doc, config)!;
    expect(events.map((e) => [e.type, e.key, e.threadId])).toEqual([
      ['statement-made', 'statement-made:HCWS412', 'hikvision--parliament'],
    ]);
    expect(events[0].summary).toMatch(
      /^Written statement: Surveillance Equipment on the Government Estate\. Made by Example Minister, /,
    );
    expect(events[0].summary).toMatch(
      /Minister for the Cabinet Office \(Cabinet Office, Commons HCWS412, 2026-03-05\): In November 2022 /,
    );
  });

  it('a linked correction is statement-corrected with the corrected text; the same statement again, nothing', () => {
    const before = stored(detail('composed_statement-HCWS412.json'));
    const after = detail('composed_statement-HCWS412_corrected.json');
    const [event] = parliamentStatements.compare!(before, after, config);
    expect(event.type).toBe('statement-corrected');
    expect(event.summary).toMatch(/removed 2,410 such devices/);
    expect(parliamentStatements.compare!(before, detail('composed_statement-HCWS412.json'), config)).toEqual([]);
  });

  it('a body that is not a search result fails the source in one sentence', () => {
    expect(() => parliamentStatements.parseListing(fetched(URL0, '{"items": []}'), config, LIVE_ENDPOINTS)).toThrow(
      `The Written Statements API answered ${URL0} without "results" and "totalResults".`,
    );
  });
});
