/**
 * parliament-statements' edges that mutation testing found unchecked (docs/test-strength.md): the search's
 * query and paging, what a statement reads from its value (member, role, links, defaults), the document and
 * events it becomes. Values start from the composed HCWS412 statements, changing only what each case names.
 */
import { LIVE_ENDPOINTS } from '../../../lambdas/config';
import type { DocumentSnapshot, StoredVersion } from '../../../lambdas/core/model';
import { parliamentStatements, type ParliamentStatementsConfig } from '../../../lambdas/sources/parliament-statements';
import {
  readStatement,
  readStatementPage,
  statementOf,
} from '../../../lambdas/sources/parliament-statements/written-statement';
import { fetched, fixtureJson } from '../../support/fixtures';
import { parseErrorOf, storedVersionOf } from '../../support/source-results';

const ws: ParliamentStatementsConfig = { id: 'ws', kind: 'parliament-statements', searchTerm: 'Hikvision' };
const API = 'https://questions-statements-api.parliament.uk';
const where = { url: 'https://x.test/s', source: 'ws' };
const plain = fixtureJson('parliament-statements/composed_statement-HCWS412.json');
const corrected = fixtureJson('parliament-statements/composed_statement-HCWS412_corrected.json');
const value = (over: Record<string, unknown> = {}, base = plain) => ({ ...base.value, ...over });
const item = (over: Record<string, unknown> = {}, base = plain) =>
  fetched(where.url, JSON.stringify({ ...base, value: value(over, base) }));
const entry = { docId: '', url: '', title: '', signal: '' };
const docOf = (over: Record<string, unknown> = {}, base = plain) =>
  parliamentStatements.parseDetail(item(over, base), entry, ws, LIVE_ENDPOINTS).documents[0];
const searchPage = (values: Record<string, unknown>[], totalResults: number, url: string) =>
  fetched(url, JSON.stringify({ totalResults, results: values.map((v) => ({ value: v, links: [] })) }));
const stored = (doc: DocumentSnapshot): StoredVersion => storedVersionOf(doc, '2026-03-06T00:00:00Z');
const PUBLIC = 'https://questions-statements.parliament.uk/written-statements/detail/2026-03-05/HCWS412';

describe('parliament-statements search', () => {
  it('asks for the house given, without a made date when none is', () => {
    expect(parliamentStatements.listing({ ...ws, house: 'Lords' }, LIVE_ENDPOINTS)).toEqual({
      url: `${API}/api/writtenstatements/statements?searchTerm=Hikvision&house=Lords&expandMember=true&skip=0&take=100`,
      bucket: 'parliament',
      accept: 'application/json',
    });
    expect(parliamentStatements.listing(ws, LIVE_ENDPOINTS).url).toBe(
      `${API}/api/writtenstatements/statements?searchTerm=Hikvision&expandMember=true&skip=0&take=100`,
    );
  });

  it('pages on from the skip it was asked with until totalResults is reached', () => {
    const url = `${API}/api/writtenstatements/statements?searchTerm=Hikvision&expandMember=true&skip=100&take=100`;
    const two = [value(), value({ id: 1790900, uin: 'HLWS7/1' })];
    const page = parliamentStatements.parseListing(searchPage(two, 103, url), ws, LIVE_ENDPOINTS);
    expect(page.next).toEqual({
      url: `${API}/api/writtenstatements/statements?searchTerm=Hikvision&expandMember=true&skip=102&take=100`,
      bucket: 'parliament',
      accept: 'application/json',
    });
    expect(parliamentStatements.parseListing(searchPage(two, 102, url), ws, LIVE_ENDPOINTS).next).toBeNull();
    expect(parliamentStatements.parseListing(searchPage([], 500, url), ws, LIVE_ENDPOINTS).next).toBeNull();
    expect(page.entries[1]).toEqual({
      docId: 'parliament-statement:1790900',
      url: 'https://questions-statements.parliament.uk/written-statements/detail/2026-03-05/HLWS7%2F1',
      title: 'Surveillance Equipment on the Government Estate (HLWS7/1)',
      signal: '2026-03-05',
      detail: {
        url: `${API}/api/writtenstatements/statements/2026-03-05/HLWS7%2F1?expandMember=true`,
        bucket: 'parliament',
        accept: 'application/json',
      },
    });
    const first = parliamentStatements.parseListing(
      searchPage([value()], 2, `${API}/api/writtenstatements/statements?searchTerm=Hikvision`),
      ws,
      LIVE_ENDPOINTS,
    );
    expect(new URL(first.next!.url).searchParams.get('skip')).toBe('1');
  });
});

describe('parliament-statements values', () => {
  it('reads member, role and links; trims strings', () => {
    expect(
      statementOf(value({ uin: ' HCWS412 ', house: ' Commons ', memberRole: ' Minister ' }, corrected), where),
    ).toEqual({
      id: 1790877,
      uin: 'HCWS412',
      house: 'Commons',
      title: 'Surveillance Equipment on the Government Estate',
      text: expect.stringMatching(/^In November 2022 the Government instructed departments/),
      answeringBody: 'Cabinet Office',
      member: 'Example Minister',
      memberRole: 'Minister',
      dateMade: '2026-03-05',
      linked: ['CorrectedStatement:1791043'],
    });
  });

  it('a link without a type is Linked, one without a numeric id has none; no member or role is null', () => {
    const s = statementOf(
      value({
        linkedStatements: [{ linkedStatementId: 7 }, { linkType: 'JointStatement', linkedStatementId: '8' }, null],
        member: { name: ' ' },
        memberRole: '',
        title: '',
      }),
      where,
    );
    expect(s.linked).toEqual(['Linked:7', 'JointStatement:', 'Linked:']);
    expect([s.member, s.memberRole, s.title]).toEqual([null, null, 'Statement HCWS412']);
    expect(statementOf(value({ linkedStatements: { linkType: 'CorrectedStatement' } }), where).linked).toEqual([]);
  });

  it.each([
    ['id', { id: '1790877' }],
    ['uin', { uin: ' ' }],
    ['dateMade', { dateMade: '5 March 2026' }],
    ['dateMade', { dateMade: 'made 2026-03-05' }],
    ['dateMade', { dateMade: '2026-03-5T00:00:00' }],
  ])('refuses a statement without %s, naming the address, source and field', (_name, over) => {
    const err = parseErrorOf(() => statementOf(value(over), where));
    expect(err.context).toEqual({ url: 'https://x.test/s', source: 'ws', field: 'value.id' });
  });

  it('reads a page and an item through the shared envelope', () => {
    const url = `${API}/api/writtenstatements/statements?searchTerm=Hikvision`;
    expect(readStatementPage(searchPage([value()], 9, url), 'ws').total).toBe(9);
    expect(readStatement(item(), 'ws').uin).toBe('HCWS412');
    const err = parseErrorOf(() => readStatementPage(fetched(url, '{}'), 'ws'));
    expect(err.context).toEqual({ url, source: 'ws', field: 'results' });
  });
});

describe('parliament-statements documents', () => {
  it('HCWS412: URL, title, text with who made it, state and thread', () => {
    const doc = docOf();
    expect(doc).toEqual(
      expect.objectContaining({
        docId: 'parliament-statement:1790877',
        url: PUBLIC,
        title: 'Surveillance Equipment on the Government Estate (HCWS412)',
        documentType: 'written-statement',
        signal: '2026-03-05',
        publishedAt: '2026-03-05',
        updatedAt: null,
        organisations: ['Cabinet Office'],
      }),
    );
    expect(doc.text.split('\n\n')[0]).toBe(
      'Surveillance Equipment on the Government Estate (Commons HCWS412, made 2026-03-05 by Example Minister, ' +
        'Minister for the Cabinet Office)',
    );
    expect(doc.extra).toEqual(
      expect.objectContaining({ uin: 'HCWS412', member: 'Example Minister', thread: 'hikvision--parliament' }),
    );
    expect(doc.extra).not.toHaveProperty('id');
    expect(doc.extra).not.toHaveProperty('text');
    expect((doc.extra as { body: string }).body).toMatch(/^In November 2022 the Government instructed/);
    expect(docOf({}, corrected).signal).toBe('2026-03-05|CorrectedStatement:1791043');
  });

  it('no member, role or answering body: the first line says so, no organisation', () => {
    const none = docOf({ member: null, memberRole: null, answeringBodyName: '' });
    expect(none.text.split('\n\n')[0]).toBe(
      'Surveillance Equipment on the Government Estate (Commons HCWS412, made 2026-03-05)',
    );
    expect(none.organisations).toEqual([]);
    const roleOnly = docOf({ member: null });
    expect(roleOnly.text.split('\n\n')[0]).toMatch(/made 2026-03-05 by Minister for the Cabinet Office\)$/);
  });

  it('a statement naming no company joins no thread; its title alone is enough', () => {
    expect((docOf({ text: '<p>Cameras.</p>' }).extra as { thread: unknown }).thread).toBeNull();
    expect((docOf({ text: '<p>Cameras.</p>', title: 'Dahua' }).extra as { thread: unknown }).thread).toBe(
      'dahua--parliament',
    );
  });
});

describe('parliament-statements events', () => {
  it('made: by whom, for which body, with the text and URL', () => {
    const doc = docOf({ text: '<p>Short.</p>' });
    expect(parliamentStatements.compareNew!(doc, ws)).toEqual([
      {
        type: 'statement-made',
        key: 'statement-made:HCWS412',
        title: 'Surveillance Equipment on the Government Estate (HCWS412)',
        summary:
          'Written statement: Surveillance Equipment on the Government Estate. Made by Example Minister, Minister for ' +
          `the Cabinet Office (Cabinet Office, Commons HCWS412, 2026-03-05): Short. ${PUBLIC}`,
        text: doc.text,
        threadId: null,
      },
    ]);
    const [anon] = parliamentStatements.compareNew!(
      docOf({ text: '<p>Short.</p>', member: null, answeringBodyName: '' }),
      ws,
    )!;
    expect(anon.summary).toBe(
      'Written statement: Surveillance Equipment on the Government Estate. Made by A minister (the government, ' +
        `Commons HCWS412, 2026-03-05): Short. ${PUBLIC}`,
    );
    const [noRole] = parliamentStatements.compareNew!(docOf({ text: '<p>Short.</p>', memberRole: '' }), ws)!;
    expect(noRole.summary).toMatch(/Made by Example Minister \(Cabinet Office, Commons/);
  });

  it('a long statement is clipped to 900 characters', () => {
    const [e] = parliamentStatements.compareNew!(docOf({ text: `<p>${'word '.repeat(300)}</p>` }), ws)!;
    expect(e.summary).toHaveLength(900);
    expect(e.summary.endsWith('…')).toBe(true);
  });

  it('a document without the state of a statement gives no event', () => {
    const doc = docOf();
    expect(parliamentStatements.compareNew!({ ...doc, extra: undefined }, ws)).toEqual([]);
    expect(parliamentStatements.compareNew!({ ...doc, extra: { title: 'x' } }, ws)).toEqual([]);
    expect(parliamentStatements.compare!({ ...stored(doc), extra: null }, doc, ws)).toEqual([]);
    expect(parliamentStatements.compare!(stored(doc), { ...doc, extra: { body: 'x' } }, ws)).toEqual([]);
  });

  it('corrected: a new Corrected link or a changed body; other links, an old correction or the same body: nothing', () => {
    const before = docOf();
    const after = docOf({}, corrected);
    const [e] = parliamentStatements.compare!(stored(before), after, ws);
    expect(e.type).toBe('statement-corrected');
    expect(e.key).toBe('statement-corrected:HCWS412');
    expect(e.title).toBe('Surveillance Equipment on the Government Estate (HCWS412)');
    expect(e.threadId).toBe('hikvision--parliament');
    expect(e.text).toBe(after.text);
    expect(e.summary).toMatch(
      /^Written statement corrected: Surveillance Equipment on the Government Estate \(HCWS412\)\. Now: In November 2022/,
    );
    expect(parliamentStatements.compare!(stored(after), after, ws)).toEqual([]);
    const joint = docOf({ linkedStatements: [{ linkType: 'JointStatement', linkedStatementId: 5 }] });
    expect(parliamentStatements.compare!(stored(before), joint, ws)).toEqual([]);
    const linkOnly = docOf({ text: plain.value.text }, corrected);
    expect(parliamentStatements.compare!(stored(before), linkOnly, ws).map((x) => x.type)).toEqual([
      'statement-corrected',
    ]);
    const bodyOnly = docOf({ text: '<p>Hikvision devices removed.</p>' });
    expect(parliamentStatements.compare!(stored(before), bodyOnly, ws).map((x) => x.type)).toEqual([
      'statement-corrected',
    ]);
  });
});
