/**
 * The Written Statements API's answers (`StatementsViewModelSearchResult` from
 * `/api/writtenstatements/statements`, `StatementsViewModelItem` from `…/statements/{date}/{uin}`,
 * as the API's OpenAPI description names them) read into statements. A statement's text is HTML;
 * the search is read only for what moves, and the text is read whole from the statement's own endpoint.
 */
import { ParseError } from '../../core/errors';
import type { Fetched } from '../../core/model';
import { obj, readResultItem, readResultsPage, str, type Node } from '../questions-statements-api';
import { htmlToText } from '../../core/text/html-to-text';

export interface WrittenStatement {
  id: number;
  /** `HCWS412` (Commons) or `HLWS301` (Lords). */
  uin: string;
  house: string;
  title: string;
  /** The statement as plain text (the API gives HTML). */
  text: string;
  answeringBody: string;
  member: string | null;
  memberRole: string | null;
  /** The day it was made (`YYYY-MM-DD`). */
  dateMade: string;
  /** Statements linked to this one (a correction, a joint statement), as `CorrectedStatement:4101`. */
  linked: string[];
}

export function statementOf(value: Node, where: { url: string; source: string }): WrittenStatement {
  if (typeof value.id !== 'number' || !str(value.uin) || !/^\d{4}-\d{2}-\d{2}/.test(str(value.dateMade))) {
    throw new ParseError(`A written statement at ${where.url} has no id, uin or dateMade.`, {
      ...where,
      field: 'value.id',
    });
  }
  const linked = (Array.isArray(value.linkedStatements) ? value.linkedStatements : [])
    .map(obj)
    .map((l) => `${str(l.linkType) || 'Linked'}:${typeof l.linkedStatementId === 'number' ? l.linkedStatementId : ''}`);
  return {
    id: value.id,
    uin: str(value.uin),
    house: str(value.house),
    title: str(value.title) || `Statement ${str(value.uin)}`,
    text: htmlToText(str(value.text)),
    answeringBody: str(value.answeringBodyName),
    member: str(obj(value.member).name) || null,
    memberRole: str(value.memberRole) || null,
    dateMade: str(value.dateMade).slice(0, 10),
    linked,
  };
}

export function readStatementPage(fetched: Fetched, source: string): { statements: WrittenStatement[]; total: number } {
  const { items, total } = readResultsPage(fetched, source, 'Written Statements', statementOf);
  return { statements: items, total };
}

export function readStatement(fetched: Fetched, source: string): WrittenStatement {
  return readResultItem(fetched, source, 'Written Statements', statementOf);
}
