/**
 * The Written Questions API's answers (`QuestionsViewModelSearchResult` from
 * `/api/writtenquestions/questions`, `QuestionsViewModelItem` from `…/questions/{id}`) read into
 * questions. The search cuts `answerText` at about 255 characters, so an answer is read whole
 * from the question's own endpoint.
 */
import { ParseError } from '../../core/errors';
import type { Fetched } from '../../core/model';
import { obj, readResultItem, readResultsPage, str, type Node } from '../questions-statements-api';
import { htmlToText } from '../../core/text/html-to-text';

export interface WrittenQuestion {
  id: number;
  uin: string;
  house: string;
  heading: string;
  questionText: string;
  answeringBody: string;
  askingMember: string | null;
  answeringMember: string | null;
  dateTabled: string;
  /** Set once answered with a substantive answer (a holding answer is not one). */
  dateAnswered: string | null;
  holding: boolean;
  withdrawn: boolean;
  corrected: boolean;
  dateAnswerCorrected: string | null;
  /** The answer as plain text (the API gives HTML). */
  answer: string;
}

const day = (v: unknown): string | null => (str(v) ? str(v).slice(0, 10) : null);

function member(v: unknown): string | null {
  const m = obj(v);
  return str(m.name) || null;
}

export function questionOf(value: Node, where: { url: string; source: string }): WrittenQuestion {
  if (typeof value.id !== 'number' || !str(value.uin) || !str(value.dateTabled)) {
    throw new ParseError(`A written question at ${where.url} has no id, uin or dateTabled.`, {
      ...where,
      field: 'value.id',
    });
  }
  const holding = value.answerIsHolding === true;
  return {
    id: value.id,
    uin: str(value.uin),
    house: str(value.house),
    heading: str(value.heading) || `Question ${str(value.uin)}`,
    questionText: str(value.questionText),
    answeringBody: str(value.answeringBodyName),
    askingMember: member(value.askingMember),
    answeringMember: member(value.answeringMember),
    dateTabled: day(value.dateTabled)!,
    dateAnswered: holding ? null : day(value.dateAnswered),
    holding,
    withdrawn: value.isWithdrawn === true,
    corrected: value.answerIsCorrection === true,
    dateAnswerCorrected: day(value.dateAnswerCorrected),
    answer: htmlToText(str(value.answerText)),
  };
}

export function readQuestionPage(fetched: Fetched, source: string): { questions: WrittenQuestion[]; total: number } {
  const { items, total } = readResultsPage(fetched, source, 'Written Questions', questionOf);
  return { questions: items, total };
}

export function readQuestion(fetched: Fetched, source: string): WrittenQuestion {
  return readResultItem(fetched, source, 'Written Questions', questionOf);
}
