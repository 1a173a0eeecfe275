/**
 * `parliament-questions`: written questions to the Commons and Lords that name a watched term,
 * from Parliament's Written Questions and Statements API (`/api/writtenquestions/questions?
 * searchTerm=…&tabledWhenFrom=…&answered=…`, paged by `skip`/`take`). Each question is read whole
 * from its own endpoint when it first appears or its state moves (answered, corrected, withdrawn):
 * `question-tabled`, `question-answered` (with the answer's text, whose keywords the alert names),
 * `answer-corrected`. A question joins the thread of the company it names (`hikvision--parliament`).
 */
import type { DocumentSnapshot, StoredVersion } from '../../core/model';
import type { Endpoints, SourceKind, StructuredEvent } from '../../core/source-kind';
import { clip } from '../../core/describe-change';
import { normalizeText } from '../../core/text/normalize';
import { companyThread } from '../company-thread';
import type { ParliamentQuestionsConfig } from './declaration';
import { readQuestion, readQuestionPage, type WrittenQuestion } from './written-question';

export type { ParliamentQuestionsConfig } from './declaration';

const BUCKET = 'parliament';
const TAKE = 100;

function search(config: ParliamentQuestionsConfig, endpoints: Endpoints, skip: number) {
  const q = new URLSearchParams({ searchTerm: config.searchTerm, answered: config.answered ?? 'Any' });
  if (config.tabledWhenFrom) q.set('tabledWhenFrom', config.tabledWhenFrom);
  if (config.house) q.set('house', config.house);
  q.set('expandMember', 'true');
  q.set('skip', String(skip));
  q.set('take', String(TAKE));
  return {
    url: `${endpoints.parliamentQuestions}/api/writtenquestions/questions?${q}`,
    bucket: BUCKET,
    accept: 'application/json',
  };
}

/** What moves a question's state: the search shows it, so the question is read again only then. */
const signalOf = (q: WrittenQuestion) =>
  [
    q.dateAnswered ?? 'unanswered',
    q.holding ? 'holding' : '',
    q.dateAnswerCorrected ?? '',
    q.withdrawn ? 'withdrawn' : '',
  ].join('|');

const publicUrl = (q: WrittenQuestion) =>
  `https://questions-statements.parliament.uk/written-questions/detail/${q.dateTabled}/${encodeURIComponent(q.uin)}`;

export function questionDocument(q: WrittenQuestion): DocumentSnapshot {
  const text = normalizeText(
    [
      `${q.heading} (${q.house} ${q.uin}, tabled ${q.dateTabled})`,
      q.questionText,
      q.answer ? `Answer (${q.answeringBody}, ${q.dateAnswered ?? 'holding answer'}): ${q.answer}` : '',
    ]
      .filter(Boolean)
      .join('\n\n'),
  );
  const { id, questionText: _q, answer: _a, ...state } = q;
  return {
    docId: `parliament-question:${id}`,
    url: publicUrl(q),
    title: `${q.heading} (${q.uin})`,
    documentType: 'written-question',
    text,
    signal: signalOf(q),
    publishedAt: q.dateTabled,
    updatedAt: q.dateAnswerCorrected ?? q.dateAnswered,
    changeNote: null,
    withdrawn: null,
    organisations: q.answeringBody ? [q.answeringBody] : [],
    attachments: [],
    parentId: null,
    extra: {
      ...state,
      answer: q.answer,
      thread: companyThread(`${q.heading}\n${q.questionText}\n${q.answer}`, 'parliament'),
    },
  };
}

type State = Omit<WrittenQuestion, 'id' | 'questionText'> & { thread: string | null };
const stateOf = (x: Record<string, unknown> | null | undefined) => (x && 'uin' in x ? (x as unknown as State) : null);

function event(type: string, doc: DocumentSnapshot, s: State, summary: string, text: string): StructuredEvent {
  return {
    type,
    key: `${type}:${s.uin}`,
    title: doc.title,
    summary: clip(`${summary} ${doc.url}`, 900),
    text,
    threadId: s.thread,
  };
}

function asked(s: State): string {
  const who = s.askingMember ?? 'A member';
  return `${who} asked ${s.answeringBody || 'the government'} (${s.house} ${s.uin}, ${s.dateTabled})`;
}

function answered(doc: DocumentSnapshot, s: State): StructuredEvent {
  const who = s.answeringMember ? `${s.answeringMember} for ${s.answeringBody}` : s.answeringBody;
  return event(
    'question-answered',
    doc,
    s,
    `Answered ${s.dateAnswered} by ${who}: ${s.heading}. ${asked(s)}. Answer: ${s.answer}`,
    doc.text,
  );
}

export const parliamentQuestions: SourceKind<ParliamentQuestionsConfig> = {
  kind: 'parliament-questions',
  listing: (config, endpoints) => search(config, endpoints, 0),
  parseListing(fetched, config, endpoints) {
    const page = readQuestionPage(fetched, config.id);
    const skip = Number(new URL(fetched.url).searchParams.get('skip')) || 0;
    const entries = page.questions.map((q) => ({
      docId: `parliament-question:${q.id}`,
      url: publicUrl(q),
      title: `${q.heading} (${q.uin})`,
      signal: signalOf(q),
      detail: {
        url: `${endpoints.parliamentQuestions}/api/writtenquestions/questions/${q.id}?expandMember=true`,
        bucket: BUCKET,
        accept: 'application/json',
      },
    }));
    const more = page.questions.length > 0 && skip + page.questions.length < page.total;
    return { entries, next: more ? search(config, endpoints, skip + page.questions.length) : null };
  },
  parseDetail(fetched, _entry, config) {
    return { documents: [questionDocument(readQuestion(fetched, config.id))], follow: [] };
  },
  compareNew(after) {
    const s = stateOf(after.extra);
    if (!s) return [];
    if (s.dateAnswered) return [answered(after, s)];
    return [event('question-tabled', after, s, `Question tabled: ${s.heading}. ${asked(s)}.`, after.text)];
  },
  compare(before: StoredVersion, after) {
    const a = stateOf(before.extra);
    const b = stateOf(after.extra);
    if (!a || !b) return [];
    if (!a.dateAnswered && b.dateAnswered) return [answered(after, b)];
    if (
      a.dateAnswered &&
      b.dateAnswered &&
      (a.answer !== b.answer || a.dateAnswerCorrected !== b.dateAnswerCorrected)
    ) {
      const when = b.dateAnswerCorrected ? ` on ${b.dateAnswerCorrected}` : '';
      return [
        event(
          'answer-corrected',
          after,
          b,
          `Answer corrected${when}: ${b.heading} (${b.uin}). Corrected answer: ${b.answer}`,
          after.text,
        ),
      ];
    }
    return [];
  },
};
