/**
 * What a document never seen before is: a letter we already know (same URL, or the same letter in
 * other words), a new letter, another new document, or a container of letters.
 */
import type { DocumentSnapshot, KnownMatch, Letter } from './model';
import type { SourceConfigBase } from './source-kind';
import { isLetter, parseLetter, type PartyAlias } from './text/letter';
import { matchKnown, type KnownLetter } from './text/known-matcher';

export interface KnownCorpus {
  letters: KnownLetter[];
  parties: PartyAlias[];
}

export interface Classification {
  type: 'known' | 'new-correspondence' | 'new-document' | 'first-seen';
  knownId: string | null;
  threadId: string | null;
  letter: Letter | null;
  match: KnownMatch | null;
  summary: string;
}

/**
 * Letters are looked for on every source that expects them (`alertOnNew: new-correspondence`, the
 * BSCC sources) and decided by their content — a salutation and a closing, or one of them with both
 * correspondents identified — never by the document type GOV.UK filed them under: the BSCC files
 * letters as correspondence, as transparency data and as annexes of FOI releases, and files its
 * newsletters and reports under the same types. Sources of guidance (`new-document`) look for none.
 */
export function classifyNewDocument(
  doc: DocumentSnapshot,
  source: SourceConfigBase,
  known: KnownCorpus,
): Classification {
  const document = (summary: string): Classification => ({
    type: 'new-document',
    knownId: null,
    threadId: null,
    letter: null,
    match: null,
    summary,
  });
  const where = source.name ?? source.id;
  if (source.alertOnNew !== 'new-correspondence') return document(doc.noText ?? `New on ${where}: ${doc.title}`);
  const letter = parseLetter(doc.title, doc.text, known.parties);
  const match = matchKnown({ title: doc.title, text: doc.text, url: doc.url }, known.letters);
  const threadId = match.thread ?? letter.threadId;
  const base = { letter, match, threadId };
  if (match.match) {
    const summary = `Already known as ${match.match} (similarity ${match.similarity.toFixed(2)}).`;
    return { ...base, type: 'known', knownId: match.match, summary };
  }
  const attached = doc.attachments.filter((a) => a.kind === 'html' || a.kind === 'file').length;
  if (attached > 0 && doc.text.length < 2000) {
    // A publication page that holds letters as attachments: each attachment is a document of its own.
    const summary = `Publication with ${attached} attachment(s), each tracked as its own document.`;
    return { ...base, type: 'first-seen', knownId: null, summary };
  }
  if (doc.noText) return document(doc.noText);
  if (!isLetter(doc.title, doc.text, known.parties)) {
    return document(`New on ${where}, not a letter (no salutation or closing): ${doc.title}`);
  }
  const summary = `A letter not seen before${threadId ? ` in the thread ${threadId}` : ''}.`;
  return { ...base, type: 'new-correspondence', knownId: null, summary };
}

/**
 * A letter that is new to the store may still be a re-publication of one stored under another
 * address (GOV.UK moved it, or a second page quotes it). Compared only with stored letters of the
 * same thread, so the cost is a handful of reads and only when a new letter appears.
 */
export function findStoredCopy(
  doc: DocumentSnapshot,
  stored: { docId: string; title: string; text: string }[],
  parties: PartyAlias[],
): { docId: string; similarity: number } | null {
  if (!stored.length) return null;
  const letters: KnownLetter[] = stored.map((s) => ({
    id: s.docId,
    title: s.title,
    text: s.text,
    date: null,
    from: '',
    to: '',
  }));
  const match = matchKnown({ title: doc.title, text: doc.text }, letters, { parties });
  return match.match ? { docId: match.match, similarity: match.similarity } : null;
}
