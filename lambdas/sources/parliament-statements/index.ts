/**
 * `parliament-statements`: written ministerial statements to the Commons and Lords that name a
 * watched term, from the Written Questions and Statements API (`/api/writtenstatements/statements?
 * searchTerm=…&madeWhenFrom=…`, paged by `skip`/`take`). A statement is read whole from its own
 * endpoint (`…/statements/{date}/{uin}`) when it first appears or its links move (a correction is
 * published as a linked statement): `statement-made`, `statement-corrected`. A statement joins the
 * thread of the company it names (`hikvision--parliament`), beside the written questions.
 */
import { clip } from '../../core/describe-change';
import type { DocumentSnapshot, FetchRequest, StoredVersion } from '../../core/model';
import type { Endpoints, SourceKind, StructuredEvent } from '../../core/source-kind';
import { normalizeText } from '../../core/text/normalize';
import { companyThread } from '../company-thread';
import type { ParliamentStatementsConfig } from './declaration';
import { readStatement, readStatementPage, type WrittenStatement } from './written-statement';

export type { ParliamentStatementsConfig } from './declaration';

// The same API as the written questions: one bucket, so together they keep to its pace.
const BUCKET = 'parliament';
const TAKE = 100;

function search(config: ParliamentStatementsConfig, endpoints: Endpoints, skip: number): FetchRequest {
  const q = new URLSearchParams({ searchTerm: config.searchTerm });
  if (config.madeWhenFrom) q.set('madeWhenFrom', config.madeWhenFrom);
  if (config.house) q.set('house', config.house);
  q.set('expandMember', 'true');
  q.set('skip', String(skip));
  q.set('take', String(TAKE));
  return {
    url: `${endpoints.parliamentQuestions}/api/writtenstatements/statements?${q}`,
    bucket: BUCKET,
    accept: 'application/json',
  };
}

const docIdOf = (s: WrittenStatement) => `parliament-statement:${s.id}`;
const path = (s: WrittenStatement) => `${s.dateMade}/${encodeURIComponent(s.uin)}`;
const publicUrl = (s: WrittenStatement) =>
  `https://questions-statements.parliament.uk/written-statements/detail/${path(s)}`;
/** What the search shows moving: a statement is re-read only when a linked statement appears. */
const signalOf = (s: WrittenStatement) => [s.dateMade, ...s.linked].join('|');

export function statementDocument(s: WrittenStatement): DocumentSnapshot {
  const by = [s.member, s.memberRole].filter(Boolean).join(', ');
  const text = normalizeText(
    [`${s.title} (${s.house} ${s.uin}, made ${s.dateMade}${by ? ` by ${by}` : ''})`, s.text].join('\n\n'),
  );
  const { id: _id, text: _text, ...state } = s;
  return {
    docId: docIdOf(s),
    url: publicUrl(s),
    title: `${s.title} (${s.uin})`,
    documentType: 'written-statement',
    text,
    signal: signalOf(s),
    publishedAt: s.dateMade,
    updatedAt: null,
    changeNote: null,
    withdrawn: null,
    organisations: s.answeringBody ? [s.answeringBody] : [],
    attachments: [],
    parentId: null,
    extra: { ...state, body: s.text, thread: companyThread(`${s.title}\n${s.text}`, 'parliament') },
  };
}

type State = Omit<WrittenStatement, 'id' | 'text'> & { body: string; thread: string | null };
const stateOf = (x: Record<string, unknown> | null | undefined) => (x && 'uin' in x ? (x as unknown as State) : null);

function event(type: string, doc: DocumentSnapshot, s: State, summary: string): StructuredEvent {
  return {
    type,
    key: `${type}:${s.uin}`,
    title: doc.title,
    summary: clip(`${summary} ${doc.url}`, 900),
    text: doc.text,
    threadId: s.thread,
  };
}

function made(s: State): string {
  const who = s.member ? `${s.member}${s.memberRole ? `, ${s.memberRole}` : ''}` : 'A minister';
  return `${who} (${s.answeringBody || 'the government'}, ${s.house} ${s.uin}, ${s.dateMade})`;
}

export const parliamentStatements: SourceKind<ParliamentStatementsConfig> = {
  kind: 'parliament-statements',
  listing: (config, endpoints) => search(config, endpoints, 0),
  parseListing(fetched, config, endpoints) {
    const page = readStatementPage(fetched, config.id);
    const skip = Number(new URL(fetched.url).searchParams.get('skip')) || 0;
    const entries = page.statements.map((s) => ({
      docId: docIdOf(s),
      url: publicUrl(s),
      title: `${s.title} (${s.uin})`,
      signal: signalOf(s),
      detail: {
        url: `${endpoints.parliamentQuestions}/api/writtenstatements/statements/${path(s)}?expandMember=true`,
        bucket: BUCKET,
        accept: 'application/json',
      },
    }));
    const more = page.statements.length > 0 && skip + page.statements.length < page.total;
    return { entries, next: more ? search(config, endpoints, skip + page.statements.length) : null };
  },
  parseDetail(fetched, _entry, config) {
    return { documents: [statementDocument(readStatement(fetched, config.id))], follow: [] };
  },
  compareNew(after) {
    const s = stateOf(after.extra);
    if (!s) return [];
    return [event('statement-made', after, s, `Written statement: ${s.title}. Made by ${made(s)}: ${s.body}`)];
  },
  compare(before: StoredVersion, after) {
    const a = stateOf(before.extra);
    const b = stateOf(after.extra);
    if (!a || !b) return [];
    const corrections = b.linked.filter((l) => l.startsWith('Corrected') && !a.linked.includes(l));
    if (!corrections.length && a.body === b.body) return [];
    return [
      event('statement-corrected', after, b, `Written statement corrected: ${b.title} (${b.uin}). Now: ${b.body}`),
    ];
  },
};
