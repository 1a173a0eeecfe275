/** Written questions (the recorded search and question) and a campaign site's listing, parsed. */
import { LIVE_ENDPOINTS } from '../../../lambdas/config';
import { parliamentQuestions, type ParliamentQuestionsConfig } from '../../../lambdas/sources/parliament-questions';
import { readQuestion, readQuestionPage } from '../../../lambdas/sources/parliament-questions/written-question';
import { siteList, type SiteListConfig } from '../../../lambdas/sources/site-list';
import { fetched, fixtureText } from '../../support/fixtures';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPLAY_DIR } from '../../support/replay-files';
import { siteListDeclaration } from '../../../lambdas/sources/site-list/declaration';

const pq: ParliamentQuestionsConfig = {
  id: 'pq',
  kind: 'parliament-questions',
  searchTerm: 'Hikvision',
  tabledWhenFrom: '2024-07-01',
};

describe('parliament-questions', () => {
  it('asks the search for the term, any answer state, 100 at a time', () => {
    expect(parliamentQuestions.listing(pq, LIVE_ENDPOINTS).url).toBe(
      'https://questions-statements-api.parliament.uk/api/writtenquestions/questions?searchTerm=Hikvision&answered=Any&tabledWhenFrom=2024-07-01&expandMember=true&skip=0&take=100',
    );
  });

  it('the recorded search: 20 questions, each read from its own endpoint; the search cuts answers short', () => {
    const url = parliamentQuestions.listing(pq, LIVE_ENDPOINTS).url;
    const body = fixtureText('parliament-questions/pq-responder_questions-search.json');
    const page = parliamentQuestions.parseListing(fetched(url, body), pq, LIVE_ENDPOINTS);
    expect(page.entries).toHaveLength(20);
    expect(page.next).toBeNull(); // totalResults 20
    expect(page.entries[0]).toEqual(
      expect.objectContaining({
        docId: 'parliament-question:1679703',
        signal: '2024-03-12|||',
        url: 'https://questions-statements.parliament.uk/written-questions/detail/2024-01-05/8024',
      }),
    );
    expect(readQuestionPage(fetched(url, body), 'pq').questions[0].answer).toMatch(/\(EA\) is re\.\.\.$/);
  });

  it('the recorded question: its whole answer as text, answered by the Department for Education', () => {
    const q = readQuestion(
      fetched('https://x.test/', fixtureText('parliament-questions/pq-responder_question-1679416.json')),
      'pq',
    );
    expect(q).toEqual(
      expect.objectContaining({ uin: '7926', dateTabled: '2024-01-05', dateAnswered: '2024-01-10', holding: false }),
    );
    expect(q.answeringBody).toBe('Department for Education');
    expect(q.answer).toMatch(/^The department is supporting sectors with short-term project-based work/);
    expect(q.answer).not.toMatch(/<p>/);
  });

  it('a question first seen unanswered is question-tabled', () => {
    const body = readFileSync(join(REPLAY_DIR, 't0/parliament-questions/question-1791204.json'), 'utf8');
    const [doc] = parliamentQuestions.parseDetail(
      fetched('https://x.test/', body),
      { docId: '', url: '', title: '', signal: '' },
      pq,
      LIVE_ENDPOINTS,
    ).documents;
    const events = parliamentQuestions.compareNew!(doc, pq)!;
    expect(events.map((e) => [e.type, e.threadId])).toEqual([['question-tabled', 'hikvision--parliament']]);
  });
});

describe('site-list (Free Tibet news, composed)', () => {
  const ft: SiteListConfig = {
    id: 'ft',
    kind: 'site-list',
    site: 'https://freetibet.org',
    path: '/latest/',
    item: 'article.news-teaser',
    link: 'a',
    include: '^/latest/[^/]+/$',
  };
  const html = readFileSync(join(REPLAY_DIR, 't0/free-tibet/news.html'), 'utf8');

  it('declares its site, so the config admits its host and nothing else', () => {
    expect(siteListDeclaration.site!(ft)).toBe('https://freetibet.org');
    expect(siteListDeclaration.hosts(ft, LIVE_ENDPOINTS)).toEqual(['freetibet.org']);
    expect(siteList.listing(ft, LIVE_ENDPOINTS)).toEqual(
      expect.objectContaining({ url: 'https://freetibet.org/latest/', robots: true }),
    );
  });

  it('reads the posts on its own site (relative and absolute links), never another site', () => {
    const page = siteList.parseListing(fetched('https://freetibet.org/latest/', html), ft, LIVE_ENDPOINTS);
    expect(page.entries.map((e) => [e.docId, e.title])).toEqual([
      ['site:freetibet.org/latest/uprising-day-vigil/', 'Tibetan Uprising Day vigil in London'],
      ['site:freetibet.org/latest/our-letter-to-hikvision-uk/', 'Our letter to Hikvision UK'],
    ]);
  });

  it('a listing whose markup changed fails instead of calling every post removed', () => {
    expect(() =>
      siteList.parseListing(
        fetched('https://freetibet.org/latest/', '<main><p>Maintenance</p></main>'),
        ft,
        LIVE_ENDPOINTS,
      ),
    ).toThrow(/found no posts: the site's markup changed/);
  });
});
