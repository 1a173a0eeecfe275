/**
 * Golden files for `parliament-questions` (the recorded search and question, and the composed
 * corrected ones) and `site-list` (the demo's composed Free Tibet pages). The facts asserted
 * beside each golden were read by hand from the fixture, so a golden written wrong once cannot pass.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIVE_ENDPOINTS } from '../../../lambdas/config';
import { parliamentQuestions, type ParliamentQuestionsConfig } from '../../../lambdas/sources/parliament-questions';
import { siteList, type SiteListConfig } from '../../../lambdas/sources/site-list';
import { fetched, FIXTURES, fixtureText } from '../../support/fixtures';
import { expectGolden } from '../../support/golden';
import { REPLAY_DIR } from '../../support/replay-files';

const pq: ParliamentQuestionsConfig = { id: 'pq', kind: 'parliament-questions', searchTerm: 'Hikvision' };
const PQ_URL = parliamentQuestions.listing(pq, LIVE_ENDPOINTS).url;
const pqGolden = (file: string) => join(FIXTURES, 'parliament-questions', file.replace(/\.json$/, '.expected.json'));
const entry = { docId: '', url: '', title: '', signal: '' };

const pqListing = (file: string) =>
  parliamentQuestions.parseListing(fetched(PQ_URL, fixtureText(`parliament-questions/${file}`)), pq, LIVE_ENDPOINTS);
const pqDetail = (file: string) =>
  parliamentQuestions.parseDetail(
    fetched('https://x.test/', fixtureText(`parliament-questions/${file}`)),
    entry,
    pq,
    LIVE_ENDPOINTS,
  );

describe('parliament-questions goldens', () => {
  it.each(['pq-responder_questions-search.json', 'composed_search-hikvision_corrected.json'])('listing %s', (file) => {
    expectGolden(pqListing(file), pqGolden(file));
  });

  it.each(['pq-responder_question-1679416.json', 'composed_question-1791204_corrected.json'])('detail %s', (file) => {
    expectGolden(pqDetail(file), pqGolden(file));
  });

  it('the recorded search (read by hand): the last of its 20 questions, and its detail request', () => {
    const page = pqListing('pq-responder_questions-search.json');
    const last = page.entries[19];
    expect(last.docId).toBe('parliament-question:1679801');
    expect(last.title).toBe('Liver Diseases: Screening (8221)');
    expect(last.signal).toBe('2024-01-22|||');
    expect(last.detail?.url).toBe(
      'https://questions-statements-api.parliament.uk/api/writtenquestions/questions/1679801?expandMember=true',
    );
  });

  it('the recorded question (read by hand): its URL, tabled 5 January 2024, answered 10 January', () => {
    const [doc] = pqDetail('pq-responder_question-1679416.json').documents;
    expect(doc.title).toBe('Apprentices: Employment Agencies (7926)');
    expect(doc.url).toBe('https://questions-statements.parliament.uk/written-questions/detail/2024-01-05/7926');
    expect(doc.publishedAt).toBe('2024-01-05');
    expect(doc.updatedAt).toBe('2024-01-10');
    expect(doc.organisations).toEqual(['Department for Education']);
  });

  it('the corrected question (read by hand): corrected on 16 March 2026, in the Hikvision thread', () => {
    const [doc] = pqDetail('composed_question-1791204_corrected.json').documents;
    expect(doc.signal).toBe('2026-03-02||2026-03-16|');
    expect(doc.extra).toEqual(expect.objectContaining({ corrected: true, thread: 'hikvision--parliament' }));
  });
});

describe("site-list goldens (the demo's composed Free Tibet pages)", () => {
  const ft: SiteListConfig = {
    id: 'ft',
    kind: 'site-list',
    site: 'https://freetibet.org',
    path: '/latest/',
    item: 'article.news-teaser',
    link: 'a',
    include: '^/latest/[^/]+/$',
  };
  const page = (step: string, file: string) => readFileSync(join(REPLAY_DIR, step, 'free-tibet', file), 'utf8');
  const golden = (step: string, file: string) =>
    join(FIXTURES, 'site-list', `demo-${step}_${file.replace(/\.html$/, '.expected.json')}`);
  const listing = (step: string) =>
    siteList.parseListing(fetched('https://freetibet.org/latest/', page(step, 'news.html')), ft, LIVE_ENDPOINTS);
  const post = (step: string, file: string) => {
    const e = listing(step).entries.find((x) => x.docId.endsWith(`/${file.replace(/\.html$/, '')}/`))!;
    return siteList.parseDetail(fetched(e.url, page(step, file)), e, ft, LIVE_ENDPOINTS);
  };

  it.each(['t0', 't4'])('%s listing', (step) => expectGolden(listing(step), golden(step, 'news.html')));

  it.each([
    ['t0', 'our-letter-to-hikvision-uk.html'],
    ['t0', 'uprising-day-vigil.html'],
    ['t4', 'our-second-letter-to-hikvision-uk.html'],
  ])('%s post %s', (step, file) => expectGolden(post(step, file), golden(step, file)));

  it('t4 (read by hand): three posts on the site in listed order; the shop on another site left out', () => {
    expect(listing('t4').entries.map((e) => e.url)).toEqual([
      'https://freetibet.org/latest/our-second-letter-to-hikvision-uk/',
      'https://freetibet.org/latest/uprising-day-vigil/',
      'https://freetibet.org/latest/our-letter-to-hikvision-uk/',
    ]);
  });

  it('the second letter (read by hand): its title, its date, and whom it is addressed to', () => {
    const [doc] = post('t4', 'our-second-letter-to-hikvision-uk.html').documents;
    expect(doc.title).toBe('Our second letter to Hikvision UK');
    expect(doc.documentType).toBe('campaign-post');
    expect(doc.publishedAt).toBe('2026-03-02');
    expect(doc.text).toMatch(/Hikvision UK/);
  });
});
