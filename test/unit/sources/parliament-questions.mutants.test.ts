/**
 * parliament-questions' edges that mutation testing found unchecked (docs/test-strength.md): the search's
 * query and paging, what a question reads from its value (members, holding answers, corrections, defaults),
 * the document and events it becomes, and the context a ParseError of the shared API reader carries.
 * Values start from the recorded question and the composed corrected one, changing only what each case names.
 */
import { LIVE_ENDPOINTS } from '../../../lambdas/config';
import { ParseError } from '../../../lambdas/core/errors';
import type { DocumentSnapshot, StoredVersion } from '../../../lambdas/core/model';
import { parliamentQuestions, type ParliamentQuestionsConfig } from '../../../lambdas/sources/parliament-questions';
import {
  questionOf,
  readQuestion,
  readQuestionPage,
} from '../../../lambdas/sources/parliament-questions/written-question';
import { fetched, fixtureJson } from '../../support/fixtures';
import { parseErrorOf, storedVersionOf } from '../../support/source-results';
import { parliamentQuestionsDeclaration } from '../../../lambdas/sources/parliament-questions/declaration';

const pq: ParliamentQuestionsConfig = { id: 'pq', kind: 'parliament-questions', searchTerm: 'Hikvision' };
const API = 'https://questions-statements-api.parliament.uk';
const where = { url: 'https://x.test/q', source: 'pq' };
const corrected = fixtureJson('parliament-questions/composed_question-1791204_corrected.json');
const recorded = fixtureJson('parliament-questions/pq-responder_question-1679416.json');
/** The corrected question's value with some keys changed. */
const value = (over: Record<string, unknown> = {}) => ({ ...corrected.value, ...over });
const item = (over: Record<string, unknown> = {}) =>
  fetched(where.url, JSON.stringify({ ...corrected, value: value(over) }));
const searchPage = (values: Record<string, unknown>[], totalResults: number, url: string) =>
  fetched(url, JSON.stringify({ totalResults, results: values.map((v) => ({ value: v, links: [] })) }));
const docOf = (over: Record<string, unknown> = {}) =>
  parliamentQuestions.parseDetail(item(over), entry, pq, LIVE_ENDPOINTS).documents[0];
const entry = { docId: '', url: '', title: '', signal: '' };
const stored = (doc: DocumentSnapshot): StoredVersion => storedVersionOf(doc, '2026-03-06T00:00:00Z');

describe('parliament-questions search', () => {
  it('asks for the house and answer state given, without a tabled date when none is', () => {
    const url = new URL(
      parliamentQuestions.listing({ ...pq, answered: 'Unanswered', house: 'Lords' }, LIVE_ENDPOINTS).url,
    );
    expect(url.origin + url.pathname).toBe(`${API}/api/writtenquestions/questions`);
    expect([...url.searchParams]).toEqual([
      ['searchTerm', 'Hikvision'],
      ['answered', 'Unanswered'],
      ['house', 'Lords'],
      ['expandMember', 'true'],
      ['skip', '0'],
      ['take', '100'],
    ]);
    expect(parliamentQuestions.listing(pq, LIVE_ENDPOINTS)).toEqual({
      url: `${API}/api/writtenquestions/questions?searchTerm=Hikvision&answered=Any&expandMember=true&skip=0&take=100`,
      bucket: 'parliament',
      accept: 'application/json',
    });
    expect(parliamentQuestionsDeclaration.hosts(pq, LIVE_ENDPOINTS)).toEqual([
      'questions-statements-api.parliament.uk',
    ]);
  });

  it('pages on from the skip it was asked with until totalResults is reached', () => {
    const url = `${API}/api/writtenquestions/questions?searchTerm=Hikvision&answered=Any&expandMember=true&skip=100&take=100`;
    const two = [value(), value({ id: 1791205, uin: '31208' })];
    const page = parliamentQuestions.parseListing(searchPage(two, 103, url), pq, LIVE_ENDPOINTS);
    expect(page.next).toEqual({
      url: `${API}/api/writtenquestions/questions?searchTerm=Hikvision&answered=Any&expandMember=true&skip=102&take=100`,
      bucket: 'parliament',
      accept: 'application/json',
    });
    expect(parliamentQuestions.parseListing(searchPage(two, 102, url), pq, LIVE_ENDPOINTS).next).toBeNull();
    expect(parliamentQuestions.parseListing(searchPage([], 500, url), pq, LIVE_ENDPOINTS).next).toBeNull();
    expect(page.entries[1]).toEqual({
      docId: 'parliament-question:1791205',
      url: 'https://questions-statements.parliament.uk/written-questions/detail/2026-02-23/31208',
      title: 'Police: Surveillance Cameras (31208)',
      signal: '2026-03-02||2026-03-16|',
      detail: {
        url: `${API}/api/writtenquestions/questions/1791205?expandMember=true`,
        bucket: 'parliament',
        accept: 'application/json',
      },
    });
  });

  it('reads a page without skip as the first page', () => {
    const url = `${API}/api/writtenquestions/questions?searchTerm=Hikvision`;
    const page = parliamentQuestions.parseListing(searchPage([value()], 2, url), pq, LIVE_ENDPOINTS);
    expect(new URL(page.next!.url).searchParams.get('skip')).toBe('1');
  });
});

describe('parliament-questions values', () => {
  it('reads members by name, trims strings, and cuts dates to the day', () => {
    const q = questionOf(
      value({
        uin: ' 31207 ',
        house: ' Commons ',
        askingMember: { name: ' Sample Member C ' },
        answeringMember: { name: 'Example Minister' },
        answerText: '  <p>An answer.</p>  ',
      }),
      where,
    );
    expect(q).toEqual({
      id: 1791204,
      uin: '31207',
      house: 'Commons',
      heading: 'Police: Surveillance Cameras',
      questionText: corrected.value.questionText,
      answeringBody: 'Home Office',
      askingMember: 'Sample Member C',
      answeringMember: 'Example Minister',
      dateTabled: '2026-02-23',
      dateAnswered: '2026-03-02',
      holding: false,
      withdrawn: false,
      corrected: true,
      dateAnswerCorrected: '2026-03-16',
      answer: 'An answer.',
    });
  });

  it('a member without a name, or not an object, is no one; a missing heading is named by its uin', () => {
    const q = questionOf(
      value({ askingMember: { name: '  ' }, answeringMember: 'Example Minister', heading: ' ' }),
      where,
    );
    expect([q.askingMember, q.answeringMember, q.heading]).toEqual([null, null, 'Question 31207']);
  });

  it('a holding answer is not an answer; withdrawn and correction flags must be true, not truthy', () => {
    const q = questionOf(value({ answerIsHolding: true, isWithdrawn: 'true', answerIsCorrection: 1 }), where);
    expect([q.holding, q.dateAnswered, q.withdrawn, q.corrected]).toEqual([true, null, false, false]);
    const w = questionOf(value({ answerIsHolding: 'true', isWithdrawn: true, dateAnswerCorrected: '' }), where);
    expect([w.holding, w.dateAnswered, w.withdrawn, w.dateAnswerCorrected]).toEqual([false, '2026-03-02', true, null]);
  });

  it.each([
    ['id', { id: '1791204' }],
    ['uin', { uin: '  ' }],
    ['dateTabled', { dateTabled: '' }],
  ])('refuses a question without %s, naming the address, source and field', (_name, over) => {
    const err = parseErrorOf(() => questionOf(value(over), where));
    expect(err.context).toEqual({ url: 'https://x.test/q', source: 'pq', field: 'value.id' });
  });
});

describe('the Written Questions and Statements API envelope', () => {
  const url = `${API}/api/writtenquestions/questions?searchTerm=Hikvision`;

  it('refuses a body that is not JSON, naming the address and source, with the cause', () => {
    const err = parseErrorOf(() => readQuestionPage(fetched(url, '<html>Service unavailable</html>'), 'pq'));
    expect(err.context).toEqual({ url, source: 'pq' });
    expect(err.cause).toBeInstanceOf(SyntaxError);
  });

  it.each([
    ['results not an array', { results: {}, totalResults: 0 }],
    ['totalResults not a number', { results: [], totalResults: '0' }],
    ['neither', {}],
  ])('refuses a search page with %s, naming the field', (_name, body) => {
    const err = parseErrorOf(() => readQuestionPage(fetched(url, JSON.stringify(body)), 'pq'));
    expect(err.context).toEqual({ url, source: 'pq', field: 'results' });
  });

  it('reads the total, and each result from its value (an array or no value is an empty one)', () => {
    expect(readQuestionPage(fetched(url, JSON.stringify({ results: [], totalResults: 7 })), 'pq')).toEqual({
      questions: [],
      total: 7,
    });
    for (const r of [{ value: [value()] }, [value()], null, { value: null }]) {
      const err = parseErrorOf(() =>
        readQuestionPage(fetched(url, JSON.stringify({ results: [r], totalResults: 1 })), 'pq'),
      );
      expect(err.context).toEqual({ url, source: 'pq', field: 'value.id' });
    }
    expect(() => readQuestion(fetched(url, JSON.stringify([{ value: value() }])), 'pq')).toThrow(ParseError);
    expect(() => readQuestion(fetched(url, 'null'), 'pq')).toThrow(ParseError);
  });

  it('an item is read from its value, and its errors name where it was read', () => {
    expect(readQuestion(fetched(url, JSON.stringify(recorded)), 'pq').id).toBe(1679416);
    const err = parseErrorOf(() => readQuestion(fetched(url, JSON.stringify({ value: { id: 1 } })), 'pq'));
    expect(err.context).toEqual({ url, source: 'pq', field: 'value.id' });
  });
});

describe('parliament-questions documents', () => {
  it('the corrected question: public URL, title, text with the answer, state and thread', () => {
    const doc = docOf({ uin: '31207/A', askingMember: { name: 'Sample Member C' } });
    expect(doc.docId).toBe('parliament-question:1791204');
    expect(doc.url).toBe('https://questions-statements.parliament.uk/written-questions/detail/2026-02-23/31207%2FA');
    expect(doc.title).toBe('Police: Surveillance Cameras (31207/A)');
    expect(doc.documentType).toBe('written-question');
    expect(doc.publishedAt).toBe('2026-02-23');
    expect(doc.updatedAt).toBe('2026-03-16');
    expect(doc.signal).toBe('2026-03-02||2026-03-16|');
    expect(doc.organisations).toEqual(['Home Office']);
    expect(doc.text.split('\n\n')[0]).toBe('Police: Surveillance Cameras (Commons 31207/A, tabled 2026-02-23)');
    expect(doc.text.split('\n\n')[2]).toMatch(
      /^Answer \(Home Office, 2026-03-02\): The Government announced in November 2022, and extended in March 2023/,
    );
    expect(doc.extra).toEqual(
      expect.objectContaining({ uin: '31207/A', askingMember: 'Sample Member C', thread: 'hikvision--parliament' }),
    );
    expect(doc.extra).not.toHaveProperty('id');
    expect(doc.extra).not.toHaveProperty('questionText');
    expect((doc.extra as { answer: string }).answer).toMatch(/^The Government announced/);
  });

  it('unanswered: no answer paragraph, updated never, no organisation when no answering body', () => {
    const doc = docOf({ dateAnswered: null, answerText: null, dateAnswerCorrected: null, answeringBodyName: '' });
    expect(doc.text).toBe(
      'Police: Surveillance Cameras (Commons 31207, tabled 2026-02-23)\n\n' + corrected.value.questionText,
    );
    expect(doc.updatedAt).toBeNull();
    expect(doc.organisations).toEqual([]);
    expect(doc.signal).toBe('unanswered|||');
  });

  it('a holding answer is written as one, and the signal says holding; a withdrawn question says so', () => {
    const doc = docOf({ answerIsHolding: true, dateAnswerCorrected: null, answerText: '<p>I will reply shortly.</p>' });
    expect(doc.text.split('\n\n')[2]).toBe('Answer (Home Office, holding answer): I will reply shortly.');
    expect(doc.signal).toBe('unanswered|holding||');
    expect(doc.updatedAt).toBeNull();
    expect(docOf({ isWithdrawn: true }).signal).toBe('2026-03-02||2026-03-16|withdrawn');
    expect(docOf({ dateAnswerCorrected: null }).updatedAt).toBe('2026-03-02');
  });

  it('a question naming no company joins no thread', () => {
    const doc = docOf({ questionText: 'To ask about cameras.', answerText: '<p>None.</p>' });
    expect((doc.extra as { thread: unknown }).thread).toBeNull();
    const viaAnswer = docOf({ questionText: 'To ask about cameras.', answerText: '<p>Dahua cameras.</p>' });
    expect((viaAnswer.extra as { thread: unknown }).thread).toBe('dahua--parliament');
    const viaHeading = docOf({ heading: 'Hikvision', questionText: 'To ask about cameras.', answerText: '' });
    expect((viaHeading.extra as { thread: unknown }).thread).toBe('hikvision--parliament');
  });
});

describe('parliament-questions events', () => {
  const URL1791204 = 'https://questions-statements.parliament.uk/written-questions/detail/2026-02-23/31207';
  const unanswered = { dateAnswered: null, answerText: null, dateAnswerCorrected: null, answerIsCorrection: false };

  it('tabled: who asked whom, with the public URL', () => {
    const doc = docOf({ ...unanswered, askingMember: { name: 'Sample Member C' } });
    expect(parliamentQuestions.compareNew!(doc, pq)).toEqual([
      {
        type: 'question-tabled',
        key: 'question-tabled:31207',
        title: 'Police: Surveillance Cameras (31207)',
        summary: `Question tabled: Police: Surveillance Cameras. Sample Member C asked Home Office (Commons 31207, 2026-02-23). ${URL1791204}`,
        text: doc.text,
        threadId: 'hikvision--parliament',
      },
    ]);
    const [anon] = parliamentQuestions.compareNew!(docOf({ ...unanswered, answeringBodyName: '' }), pq)!;
    expect(anon.summary).toBe(
      `Question tabled: Police: Surveillance Cameras. A member asked the government (Commons 31207, 2026-02-23). ${URL1791204}`,
    );
  });

  it('first seen answered: answered by the minister for the body, with the answer', () => {
    const doc = docOf({ answeringMember: { name: 'Example Minister' }, answerText: '<p>No record is held.</p>' });
    const [e] = parliamentQuestions.compareNew!(doc, pq)!;
    expect(e).toEqual({
      type: 'question-answered',
      key: 'question-answered:31207',
      title: 'Police: Surveillance Cameras (31207)',
      summary:
        'Answered 2026-03-02 by Example Minister for Home Office: Police: Surveillance Cameras. A member asked Home Office ' +
        `(Commons 31207, 2026-02-23). Answer: No record is held. ${URL1791204}`,
      text: doc.text,
      threadId: 'hikvision--parliament',
    });
    const [body] = parliamentQuestions.compareNew!(docOf({ answerText: '<p>No record is held.</p>' }), pq)!;
    expect(body.summary).toMatch(/^Answered 2026-03-02 by Home Office: Police/);
  });

  it('a long answer is clipped to 900 characters', () => {
    const [e] = parliamentQuestions.compareNew!(docOf({ answerText: `<p>${'word '.repeat(300)}</p>` }), pq)!;
    expect(e.summary).toHaveLength(900);
    expect(e.summary.endsWith('…')).toBe(true);
  });

  it('a document without the state of a question gives no event', () => {
    const doc = docOf();
    expect(parliamentQuestions.compareNew!({ ...doc, extra: undefined }, pq)).toEqual([]);
    expect(parliamentQuestions.compareNew!({ ...doc, extra: { heading: 'x' } }, pq)).toEqual([]);
    expect(parliamentQuestions.compare!({ ...stored(doc), extra: null }, doc, pq)).toEqual([]);
    expect(parliamentQuestions.compare!(stored(doc), { ...doc, extra: { answer: 'x' } }, pq)).toEqual([]);
  });

  it('answered since it was seen: question-answered; answered before and still: nothing', () => {
    const before = docOf(unanswered);
    const after = docOf({ dateAnswerCorrected: null });
    expect(parliamentQuestions.compare!(stored(before), after, pq).map((e) => e.key)).toEqual([
      'question-answered:31207',
    ]);
    expect(parliamentQuestions.compare!(stored(after), after, pq)).toEqual([]);
    expect(parliamentQuestions.compare!(stored(before), before, pq)).toEqual([]);
    expect(parliamentQuestions.compare!(stored(after), before, pq)).toEqual([]);
  });

  it('an answer whose text or correction date moved is answer-corrected', () => {
    const first = docOf({ dateAnswerCorrected: null, answerText: corrected.value.originalAnswerText });
    const now = docOf();
    const [e] = parliamentQuestions.compare!(stored(first), now, pq);
    expect(e.type).toBe('answer-corrected');
    expect(e.key).toBe('answer-corrected:31207');
    expect(e.text).toBe(now.text);
    expect(e.threadId).toBe('hikvision--parliament');
    expect(e.summary).toMatch(
      /^Answer corrected on 2026-03-16: Police: Surveillance Cameras \(31207\)\. Corrected answer: The Government announced in November 2022, and extended/,
    );
    const textOnly = docOf({ dateAnswerCorrected: null });
    const [t] = parliamentQuestions.compare!(stored(first), textOnly, pq);
    expect(t.summary).toMatch(/^Answer corrected: Police: Surveillance Cameras \(31207\)\. Corrected answer: /);
    const dateOnly = docOf({ dateAnswerCorrected: '2026-03-20' });
    expect(parliamentQuestions.compare!(stored(now), dateOnly, pq).map((x) => x.summary.slice(0, 34))).toEqual([
      'Answer corrected on 2026-03-20: Po',
    ]);
  });
});
