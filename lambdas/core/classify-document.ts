/**
 * What a document never seen before is: a letter we already know (same URL, or the same letter in
 * other words), a new letter, another new document, or a container of letters.
 */
import type { DocumentSnapshot, KnownMatch, Letter } from './model';
import type { SourceConfigBase } from './source-kind';
import { parseLetter, type PartyAlias } from './text/letter';
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

export function isCorrespondence(doc: DocumentSnapshot, source: SourceConfigBase): boolean {
  return source.alertOnNew === 'new-correspondence' || /correspondence/.test(doc.documentType);
}

export function classifyNewDocument(
  doc: DocumentSnapshot,
  source: SourceConfigBase,
  known: KnownCorpus,
): Classification {
  if (!isCorrespondence(doc, source)) {
    return {
      type: source.alertOnNew ?? 'new-document',
      knownId: null,
      threadId: null,
      letter: null,
      match: null,
      summary: `New on ${source.name ?? source.id}: ${doc.title}`,
    };
  }
  const htmlAttachments = doc.attachments.filter((a) => a.kind === 'html').length;
  const letter = parseLetter(doc.title, doc.text, known.parties);
  const match = matchKnown({ title: doc.title, text: doc.text, url: doc.url }, known.letters);
  const threadId = match.thread ?? letter.threadId;
  if (match.match) {
    return {
      type: 'known',
      knownId: match.match,
      threadId,
      letter,
      match,
      summary: `Already known as ${match.match} (similarity ${match.similarity.toFixed(2)}).`,
    };
  }
  if (htmlAttachments > 0 && doc.text.length < 2000) {
    // A publication page that holds letters as HTML attachments: each attachment is the letter.
    return {
      type: 'first-seen',
      knownId: null,
      threadId,
      letter,
      match,
      summary: `Publication with ${htmlAttachments} HTML attachment(s), each tracked as its own document.`,
    };
  }
  return {
    type: 'new-correspondence',
    knownId: null,
    threadId,
    letter,
    match,
    summary: `A letter not seen before${threadId ? ` in the thread ${threadId}` : ''}.`,
  };
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
