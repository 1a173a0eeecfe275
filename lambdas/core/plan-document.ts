/**
 * planDocument: a document as just read, and what the store holds of it, in; the write that records
 * what happened out (changes, alerts, the new version and head), or null when nothing did. Pure:
 * every read it needs (the previous version, the classification of a new document) is done by the
 * caller first.
 */
import { documentChangeId, nextTransition, revisionOf, type Transition } from './change-ids';
import type { Classification } from './classify-document';
import { compactDiff } from './text/trim-diff';
import { alertFor } from './alert-for';
import type {
  Change,
  ChangeType,
  DocumentSnapshot,
  FetchRequest,
  KeywordHit,
  StoredDocument,
  StoredVersion,
} from './model';
import { newChange } from './new-change';
import type { ChangeWrite } from './ports';
import type { SourceConfigBase, SourceKind, StructuredEvent } from './source-kind';
import { boundEvents } from './bound-events';
import { findKeywords } from './text/keywords';
import { fingerprint } from './text/normalize';
import { diffSummary, diffWords } from './text/word-diff';

export interface PlanContext {
  source: SourceConfigBase;
  kind: SourceKind;
  runId: string;
  now: string;
  /** A source's first run: everything is recorded, nothing alerts (one baseline summary instead). */
  baseline: boolean;
  keywords: string[];
}

export interface DocumentRead {
  doc: DocumentSnapshot;
  prior: StoredDocument | null;
  /** The prior's latest version; the caller reads it when `contentHash(doc)` differs from `prior.hash`. */
  before: StoredVersion | null;
  /** For a document never seen: what it is (a known letter, a new one…). */
  classification: Classification | null;
  /** Where the detail was read (a locator the caller made relative to the site). */
  detailUrl: string | null;
  detail: FetchRequest | null;
  parentId: string | null;
}

/** Change types recorded in the log without an alert. */
export const SILENT_TYPES: ReadonlySet<string> = new Set(['first-seen', 'known']);

export function contentHash(doc: Pick<DocumentSnapshot, 'text' | 'extra'>): string {
  return fingerprint(doc.extra ? `${doc.text}\n${JSON.stringify(doc.extra)}` : doc.text);
}

export function planDocument(ctx: PlanContext, read: DocumentRead): ChangeWrite | null {
  const { doc, prior } = read;
  const hash = contentHash(doc);
  if (!prior) return planNew(ctx, read, hash);
  const textChanged = prior.hash !== hash;
  const withdrawn = Boolean(doc.withdrawn) && prior.status === 'active';
  const restored = !doc.withdrawn && prior.status === 'withdrawn';
  if (!textChanged && !withdrawn && !restored) {
    if (prior.signal === doc.signal) return null;
    // Only the listing's signal moved: the head follows it, no change is recorded.
    return withAlerts(ctx, [], headOf(ctx, read, hash, prior.version, revisionOf(prior)), revisionOf(prior));
  }
  const t = nextTransition(prior);
  const version = textChanged ? prior.version + 1 : prior.version;
  const changes: Change[] = [];
  if (textChanged) changes.push(...textChanges(ctx, read, hash, t, version));
  if (withdrawn) changes.push(withdrawal(ctx, doc, prior, t));
  if (restored) changes.push(restoration(ctx, doc, prior, t));
  const write = withAlerts(ctx, changes, headOf(ctx, read, hash, version, t.to), revisionOf(prior));
  return textChanged ? { ...write, version: versionOf(ctx, doc, hash, version) } : write;
}

function planNew(ctx: PlanContext, read: DocumentRead, hash: string): ChangeWrite {
  const { doc } = read;
  const t = nextTransition(null);
  const events = !ctx.baseline && !doc.withdrawn && ctx.kind.compareNew ? ctx.kind.compareNew(doc, ctx.source) : null;
  const cls = read.classification;
  let changes: Change[];
  if (events) {
    // The document is recorded silently; what it brings is said by its structured events.
    const seen = change(ctx, doc, 'first-seen', 'new', t, `First seen on ${ctx.source.name ?? ctx.source.id}.`);
    changes = [{ ...seen, version: 1 }, ...structuredChanges(ctx, doc, events, t, 1, null, null)];
  } else {
    if (!cls) throw new Error(`planDocument needs a classification for the new document ${doc.docId}.`);
    // A baseline or an already-withdrawn document is recorded silently; a known letter stays `known`.
    const type = cls.type === 'known' ? 'known' : ctx.baseline || doc.withdrawn ? 'first-seen' : cls.type;
    changes = [
      {
        ...change(ctx, doc, type, 'new', t, cls.summary),
        version: 1,
        changeNote: doc.changeNote,
        threadId: cls.threadId,
        letter: cls.letter,
        datedAt: cls.letter?.date ?? doc.publishedAt ?? null,
        knownMatch: cls.match,
        keywords: keywordHits(ctx, doc.text),
      },
    ];
  }
  const write = withAlerts(ctx, changes, headOf(ctx, read, hash, 1, t.to, cls), null);
  return { ...write, version: versionOf(ctx, doc, hash, 1) };
}

function textChanges(ctx: PlanContext, read: DocumentRead, hash: string, t: Transition, version: number): Change[] {
  const { doc, prior, before } = read;
  const threadId = prior?.threadId ?? null;
  const structured = before && ctx.kind.compare ? ctx.kind.compare(before, doc, ctx.source) : null;
  const events = structured
    ? structuredChanges(ctx, doc, structured, t, version, prior?.version ?? null, threadId)
    : [];
  if (structured && !ctx.kind.diffsText) return events;
  // Only the structured part moved (a collection's members, an attachment list): a silent new version.
  if (structured && before?.text === doc.text && !doc.noText) return events;
  const ops = doc.noText ? [] : diffWords(before?.text ?? '', doc.text);
  const inserted = ops
    .filter((o) => o.op === 'insert')
    .map((o) => o.text)
    .join(' ');
  // A file without text changed by its bytes: say so, and where to read it, never "0 words changed".
  const summary = doc.noText ? `The file changed. ${doc.noText}` : changedSummary(diffSummary(ops), doc.changeNote);
  const textChange: Change = {
    ...change(ctx, doc, 'document-changed', `text:${hash}`, t, summary),
    version,
    previousVersion: prior?.version ?? null,
    diff: doc.noText ? null : compactDiff(ops),
    changeNote: doc.changeNote,
    threadId,
    keywords: keywordHits(ctx, inserted),
  };
  return [...events, textChange];
}

function withdrawal(ctx: PlanContext, doc: DocumentSnapshot, prior: StoredDocument, t: Transition): Change {
  const when = doc.withdrawn?.at ? ` on ${doc.withdrawn.at.slice(0, 10)}` : '';
  const summary = `Withdrawn${when}: ${doc.withdrawn?.explanation || 'no reason given'}`;
  return { ...change(ctx, doc, 'document-withdrawn', 'withdrawn', t, summary), threadId: prior.threadId };
}

function restoration(ctx: PlanContext, doc: DocumentSnapshot, prior: StoredDocument, t: Transition): Change {
  const summary = 'Published again: it was withdrawn, and is now listed and readable again.';
  return { ...change(ctx, doc, 'document-restored', 'restored', t, summary), threadId: prior.threadId };
}

/** A document that left its listing and whose page is gone: withdrawn, as a transition of its own. */
export function planGone(ctx: PlanContext, prior: StoredDocument, explanation: string): ChangeWrite | null {
  if (prior.status === 'withdrawn') return null;
  const t = nextTransition(prior);
  const doc = { docId: prior.docId, title: prior.title, url: prior.url };
  const c = {
    ...change(ctx, doc, 'document-withdrawn', 'withdrawn', t, `Withdrawn: ${explanation}`),
    version: prior.version,
    threadId: prior.threadId,
  };
  const next: StoredDocument = { ...prior, status: 'withdrawn', revision: t.to, lastSeenAt: ctx.now };
  return withAlerts(ctx, [c], next, revisionOf(prior));
}

/** "1 word added, 3 removed; GOV.UK says: Corrected the date." */
export function changedSummary(counts: { inserted: number; deleted: number }, changeNote: string | null): string {
  const words = `${counts.inserted} word${counts.inserted === 1 ? '' : 's'} added, ${counts.deleted} removed`;
  const note = changeNote?.trim().replace(/[.\s]+$/, '');
  return note ? `${words}; GOV.UK says: ${note}.` : `${words}.`;
}

function structuredChanges(
  ctx: PlanContext,
  doc: DocumentSnapshot,
  events: StructuredEvent[],
  t: Transition,
  version: number,
  previousVersion: number | null,
  threadId: string | null,
): Change[] {
  return boundEvents(events, doc.title, version).map((ev) => ({
    ...newChange({
      changeId: documentChangeId(ctx.source.id, doc.docId, ev.type, ev.key, t),
      sourceId: ctx.source.id,
      docId: doc.docId,
      type: ev.type,
      detectedAt: ctx.now,
      runId: ctx.runId,
      title: ev.title,
      url: doc.url,
      summary: ev.summary,
    }),
    ...documentDates(doc),
    version,
    previousVersion,
    threadId: ev.threadId ?? threadId,
    keywords: keywordHits(ctx, ev.text ?? ev.title),
  }));
}

function change(
  ctx: PlanContext,
  doc: Pick<DocumentSnapshot, 'docId' | 'title' | 'url'> & Partial<Pick<DocumentSnapshot, 'publishedAt' | 'updatedAt'>>,
  type: ChangeType,
  event: string,
  t: Transition,
  summary: string,
): Change {
  return newChange(
    {
      changeId: documentChangeId(ctx.source.id, doc.docId, type, event, t),
      sourceId: ctx.source.id,
      docId: doc.docId,
      type,
      detectedAt: ctx.now,
      runId: ctx.runId,
      title: doc.title,
      url: doc.url,
      summary,
    },
    documentDates(doc),
  );
}

/** What the change log files a document's change under beside its detection time. */
function documentDates(doc: Partial<Pick<DocumentSnapshot, 'publishedAt' | 'updatedAt'>>): Partial<Change> {
  const publishedAt = doc.publishedAt ?? null;
  return { publishedAt, updatedAt: doc.updatedAt ?? null, datedAt: publishedAt };
}

function headOf(
  ctx: PlanContext,
  read: DocumentRead,
  hash: string,
  version: number,
  revision: number,
  cls?: Classification | null,
): StoredDocument {
  const { doc, prior } = read;
  return {
    docId: doc.docId,
    sourceId: ctx.source.id,
    url: doc.url,
    title: doc.title,
    documentType: doc.documentType,
    signal: doc.signal,
    hash,
    version,
    revision,
    status: doc.withdrawn ? 'withdrawn' : 'active',
    knownId: cls ? cls.knownId : (prior?.knownId ?? null),
    threadId: cls ? cls.threadId : (prior?.threadId ?? null),
    firstSeenAt: prior?.firstSeenAt ?? ctx.now,
    lastSeenAt: ctx.now,
    detailUrl: read.detailUrl ?? prior?.detailUrl ?? null,
    detailBucket: read.detail?.bucket ?? prior?.detailBucket ?? null,
    parentId: read.parentId ?? prior?.parentId ?? null,
  };
}

function versionOf(ctx: PlanContext, doc: DocumentSnapshot, hash: string, version: number): StoredVersion {
  const { docId, text, title, changeNote } = doc;
  return { docId, version, hash, text, title, fetchedAt: ctx.now, changeNote, extra: doc.extra ?? null };
}

function withAlerts(
  ctx: PlanContext,
  changes: Change[],
  next: StoredDocument,
  expectedRevision: number | null,
): ChangeWrite {
  const alerts = ctx.baseline ? [] : changes.filter((c) => !SILENT_TYPES.has(c.type)).map((c) => alertFor(c, ctx.now));
  return { changes, alerts, document: { next, expectedRevision } };
}

function keywordHits(ctx: PlanContext, text: string): KeywordHit[] {
  return ctx.keywords.length && text ? findKeywords(text, ctx.keywords) : [];
}
