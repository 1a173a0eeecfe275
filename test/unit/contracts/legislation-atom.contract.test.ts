/**
 * Contract: every legislation.gov.uk feed the tests and the demo serve has the structure that
 * legislation.gov.uk documents for its Atom feeds (legislation/data-documentation `formats/atom.md`
 * @ 26eb4c4ba9581839def15ba81825757e492c7042, on RFC 4287 + OpenSearch + its `leg:`/`ukm:`
 * namespaces). No schema is published for these feeds, so this is a structural check: well-formed
 * XML, the feed and entry elements the documentation names, with the values they must have.
 * Where the 2015 recording lacks an element the documentation mentions (`openSearch:totalResults`,
 * an entry's `ukm:CreationDate`), the recording wins: such elements are optional here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FIXTURES } from '../../support/fixtures';
import { replayRoutes, ROOT_DIR } from '../../support/replay-files';

const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  leg: 'http://www.legislation.gov.uk/namespaces/legislation',
  ukm: 'http://www.legislation.gov.uk/namespaces/metadata',
  openSearch: 'http://a9.com/-/spec/opensearch/1.1/',
};
const PAGING = new Set(['self', 'first', 'previous', 'next', 'last', 'alternate']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  isArray: (n) => n === 'entry' || n === 'link',
});

type Node = Record<string, any>;
/** All the text inside an element, nested markup included (`<title type="xhtml">` holds a div). */
const text = (v: unknown): string => {
  if (typeof v === 'string' || typeof v === 'number') return String(v).trim();
  if (Array.isArray(v)) return v.map(text).join(' ').trim();
  if (v && typeof v === 'object')
    return Object.entries(v as Node)
      .filter(([k]) => !k.startsWith('@_'))
      .map(([, c]) => text(c))
      .join(' ')
      .trim();
  return '';
};
/** ISO 8601 date-times; the recorded feed's own `updated` carries no offset, so the offset is optional. */
const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(s);

/** Each problem found, in words; none for a feed of the documented shape. */
export function atomProblems(xml: string): string[] {
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) return [`not well-formed XML: ${wellFormed.err.msg} (line ${wellFormed.err.line})`];
  const feed = (parser.parse(xml) as Node).feed as Node | undefined;
  if (!feed) return ['the root element is not <feed>'];
  const problems: string[] = [];
  for (const [prefix, uri] of Object.entries(NS)) {
    const declared = prefix === 'atom' ? feed['@_xmlns'] : feed[`@_xmlns:${prefix}`];
    if (declared !== uri) problems.push(`namespace ${prefix} is not ${uri}`);
  }
  for (const el of [
    'id',
    'title',
    'updated',
    'openSearch:itemsPerPage',
    'openSearch:startIndex',
    'leg:page',
    'leg:morePages',
  ])
    if (!text(feed[el])) problems.push(`feed has no ${el}`);
  if (text(feed.updated) && !isDate(text(feed.updated)))
    problems.push(`feed updated "${text(feed.updated)}" is not an ISO 8601 date-time`);
  for (const el of [
    'openSearch:itemsPerPage',
    'openSearch:startIndex',
    'leg:page',
    'leg:morePages',
    'openSearch:totalResults',
  ])
    if (feed[el] !== undefined && !/^\d+$/.test(text(feed[el]))) problems.push(`${el} is not a number`);
  for (const link of feed.link ?? [])
    if (!PAGING.has(link['@_rel']) || !link['@_href'])
      problems.push(`feed link rel="${link['@_rel']}" is not a paging link`);
  (feed.entry ?? []).forEach((e: Node, i: number) => {
    const id = text(e.id);
    if (!/^https?:\/\/www\.legislation\.gov\.uk\/id\/[a-z]+\/[\w-]+\/\d+$/.test(id))
      problems.push(`entry ${i + 1} id "${id}" is not /id/<type>/<year>/<number>`);
    if (!text(e.title)) problems.push(`entry ${i + 1} has no title`);
    if (!isDate(text(e.updated)))
      problems.push(`entry ${i + 1} updated "${text(e.updated)}" is not an ISO 8601 date-time`);
    for (const el of ['ukm:DocumentMainType', 'ukm:Year', 'ukm:Number'])
      if (!e[el]?.['@_Value']) problems.push(`entry ${i + 1} has no ${el} Value`);
    const [, , year, number] = /\/id\/([a-z]+)\/([\w-]+)\/(\d+)$/.exec(id) ?? [];
    if (year && e['ukm:Year']?.['@_Value'] !== year) problems.push(`entry ${i + 1} ukm:Year does not match its id`);
    if (number && e['ukm:Number']?.['@_Value'] !== number)
      problems.push(`entry ${i + 1} ukm:Number does not match its id`);
    if (e['ukm:CreationDate'] && !/^\d{4}-\d{2}-\d{2}$/.test(e['ukm:CreationDate']['@_Date'] ?? ''))
      problems.push(`entry ${i + 1} ukm:CreationDate has no Date`);
  });
  return problems;
}

const fixtures = readdirSync(join(FIXTURES, 'legislation')).filter((f) => f.endsWith('.feed.xml'));
const served = replayRoutes().filter((r) => r.route.path.endsWith('/data.feed') && r.file);

describe('legislation.gov.uk Atom feeds (structure documented by legislation.gov.uk)', () => {
  it.each(fixtures)('test/fixtures/legislation/%s has the documented structure', (file) => {
    expect(atomProblems(readFileSync(join(FIXTURES, 'legislation', file), 'utf8'))).toEqual([]);
  });

  it('the demo replay serves feeds', () => expect(served.length).toBeGreaterThanOrEqual(5));

  it.each(served.map((r) => [relative(ROOT_DIR, r.file!), r.route.path] as const))(
    '%s (served at %s) has the documented structure',
    (file) => {
      expect(atomProblems(readFileSync(join(ROOT_DIR, file), 'utf8'))).toEqual([]);
    },
  );

  it('the check can fail: broken XML, a missing element, an id of the wrong shape', () => {
    const good = readFileSync(join(FIXTURES, 'legislation', 'composed_procurement-act.feed.xml'), 'utf8');
    expect(atomProblems(good.replace('</entry>', ''))[0]).toMatch(/^not well-formed XML/);
    expect(atomProblems(good.replace(/<leg:page>1<\/leg:page>/, ''))).toEqual(['feed has no leg:page']);
    expect(atomProblems(good.replace('/id/ukpga/2023/54<', '/ukpga/2023/54<'))).toEqual([
      'entry 1 id "http://www.legislation.gov.uk/ukpga/2023/54" is not /id/<type>/<year>/<number>',
    ]);
    expect(atomProblems(good.replace('<ukm:Year Value="2023"/>', '<ukm:Year Value="2024"/>'))).toEqual([
      'entry 1 ukm:Year does not match its id',
    ]);
  });
});
