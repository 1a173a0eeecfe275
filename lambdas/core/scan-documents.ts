/**
 * The documents of one listing, read and recorded: details only for entries that are new or whose
 * change signal moved, the documents found inside them (attachments, a bill's stages) followed,
 * and documents that left a complete listing confirmed before they are called withdrawn. One
 * document's failure is collected, not thrown, so the rest of the source still runs.
 */
import { createHash } from 'node:crypto';
import { classifyNewDocument, findStoredCopy, type Classification } from './classify-document';
import { fromLocator, toLocator } from './detail-locator';
import { FetchError, ParseError, ProcwatchError, SecondLookError, type ErrorCode } from './errors';
import type {
  DocumentSnapshot,
  Fetched,
  FetchRequest,
  ListingEntry,
  SourceState,
  StoredDocument,
  StoredVersion,
} from './model';
import { contentHash, planDocument, planGone, SILENT_TYPES } from './plan-document';
import { fetchFor, writeFor, type SourceRun } from './source-run';

/** The store failing, or another cycle holding it: every later write would fail too. */
const STOPS_SCAN = new Set<ErrorCode>(['store', 'busy']);

export interface ScanResult {
  documents: number;
  errors: ProcwatchError[];
}

export async function scanDocuments(run: SourceRun, state: SourceState, listed: ListingEntry[]): Promise<ScanResult> {
  const errors: ProcwatchError[] = [];
  const visited = new Set<string>();
  const failed = new Set<string>();
  const held = new Map<string, string>();
  // Who found each followed entry: a failure anywhere below a document keeps its signal held.
  const foundBy = new Map<string, string>();
  const queue = [...listed];
  let documents = 0;
  for (let entry = queue.shift(); entry; entry = queue.shift()) {
    if (visited.has(entry.docId)) continue;
    visited.add(entry.docId);
    const prior = run.stored.get(entry.docId) ?? null;
    if (prior && prior.status === 'active' && prior.signal === entry.signal && !entry.inline) {
      // Listing first: nothing moved, so neither did the documents found inside this one.
      for (const child of run.stored.values()) if (child.parentId === entry.docId) visited.add(child.docId);
      continue;
    }
    try {
      const { docs, follow } = await readEntry(run, entry);
      for (const f of follow) foundBy.set(f.docId, entry.docId);
      queue.push(...follow);
      for (const doc of docs) {
        documents++;
        const signal = entry.signal || doc.signal;
        // A document with attachments keeps its old signal until every attachment has been read:
        // a failure or crash in between must not make the next run skip the attachments.
        const kept = follow.length > 0 ? (run.stored.get(doc.docId)?.signal ?? '') : signal;
        if (kept !== signal) held.set(doc.docId, signal);
        const snapshot = { ...doc, signal: kept, changeNote: doc.changeNote ?? entry.changeNote ?? null };
        await recordDocument(run, state.pendingSuspects ?? [], snapshot, entry.detail ?? null, entry.parentId ?? null);
      }
    } catch (err) {
      // The store failing stops the scan (every later write would fail too); the source fails with it.
      if (!(err instanceof ProcwatchError) || STOPS_SCAN.has(err.code)) throw err;
      for (let id: string | undefined = entry.docId; id && !failed.has(id); id = foundBy.get(id)) failed.add(id);
      errors.push(err);
    }
  }
  for (const [docId, signal] of held) if (!failed.has(docId)) await advanceSignal(run, docId, signal);
  for (const doc of [...run.stored.values()]) {
    if (visited.has(doc.docId) || doc.status !== 'active') continue;
    try {
      await confirmMissing(run, doc);
    } catch (err) {
      if (!(err instanceof ProcwatchError) || STOPS_SCAN.has(err.code)) throw err;
      errors.push(err);
    }
  }
  return { documents, errors };
}

async function readEntry(
  run: SourceRun,
  entry: ListingEntry,
): Promise<{ docs: DocumentSnapshot[]; follow: ListingEntry[] }> {
  const { source, kind, endpoints } = run.input;
  if (entry.inline) return { docs: [entry.inline], follow: [] };
  if (!entry.detail) {
    throw new ParseError(`The listing entry ${entry.docId} has neither content nor a detail link.`, {
      source: source.id,
    });
  }
  const fetched = await fetchFor(run, entry.detail);
  if (fetched.status === 410) {
    await markGone(run, entry.docId, 'GOV.UK answered 410 Gone: the page was removed.');
    return { docs: [], follow: [] };
  }
  if (fetched.status === 404) {
    const context = { url: fetched.url, status: 404, source: source.id };
    throw new FetchError(`${entry.url} is listed but its detail answered 404.`, context, undefined, false);
  }
  const detail = kind.parseDetail(await withText(run, fetched), entry, source, endpoints);
  return { docs: detail.documents, follow: detail.follow };
}

/** A file body (a PDF) gets its text read out before the plugin sees it; plugins stay pure. */
async function withText(run: SourceRun, fetched: Fetched): Promise<Fetched> {
  if (!fetched.bytes) return fetched;
  const type = fetched.headers['content-type'] ?? '';
  const where = { url: fetched.url, source: run.input.source.id };
  const extractor = run.deps.extractor;
  if (!extractor.accepts(type, fetched.bytes)) {
    throw new ParseError(`${fetched.url} is a file of type "${type || 'unknown'}" that this tool cannot read.`, where);
  }
  try {
    return { ...fetched, extracted: await extractor.extract(fetched.bytes, where) };
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    // A corrupt or encrypted file stays so until it is re-issued: recorded as a document without
    // text that says why, rather than failing the source on every run and alarming as source-failing.
    const sha256 = createHash('sha256').update(fetched.bytes).digest('hex');
    return { ...fetched, extracted: { pages: 0, text: '', sha256, unreadable: e.message } };
  }
}

/** Reads what planning needs (the previous version, a new document's class), then plans and writes. */
async function recordDocument(
  run: SourceRun,
  confirming: { docId: string; hash: string }[],
  doc: DocumentSnapshot,
  detail: FetchRequest | null,
  parentId: string | null,
): Promise<void> {
  const { store } = run.deps;
  const { source, kind, endpoints } = run.input;
  const prior = run.stored.get(doc.docId) ?? null;
  const hash = contentHash(doc);
  const before = prior && prior.hash !== hash ? await store.getVersion(doc.docId, prior.version) : null;
  if (prior && before && kind.suspicious) {
    const reason = kind.suspicious(before, doc, source);
    const confirmed = confirming.some((s) => s.docId === doc.docId && s.hash === hash);
    if (reason && !confirmed) {
      run.held.push({ docId: doc.docId, hash });
      throw new SecondLookError(
        `${reason} Waiting for the next run to confirm before recording it.`,
        {},
        { source: source.id },
      );
    }
  }
  const classification = prior ? null : await classify(run, doc);
  const detailUrl = detail ? toLocator(detail.url, endpoints) : null;
  const write = planDocument(run.plan, { doc, prior, before, classification, detailUrl, detail, parentId });
  if (!write) return;
  await writeFor(
    run,
    write,
    write.changes.filter((c) => !SILENT_TYPES.has(c.type)),
  );
}

async function classify(run: SourceRun, doc: DocumentSnapshot): Promise<Classification> {
  const { source, known } = run.input;
  const cls = classifyNewDocument(doc, source, known);
  if (cls.type !== 'new-correspondence' || run.plan.baseline || !cls.threadId) return cls;
  // A letter new to the store may be a re-publication of one stored under another address.
  const texts: { docId: string; title: string; text: string }[] = [];
  for (const d of run.stored.values()) {
    if (d.threadId !== cls.threadId || d.docId === doc.docId) continue;
    const v: StoredVersion | null = await run.deps.store.getVersion(d.docId, d.version);
    if (v) texts.push({ docId: d.docId, title: v.title, text: v.text });
  }
  const copy = findStoredCopy(doc, texts, known.parties);
  if (!copy) return cls;
  const summary = `A re-published copy of ${copy.docId} (similarity ${copy.similarity.toFixed(2)}).`;
  return { ...cls, type: 'known', knownId: `doc:${copy.docId}`, summary };
}

/** The held signal of a document whose attachments were all read: a head-only write, no change. */
async function advanceSignal(run: SourceRun, docId: string, signal: string): Promise<void> {
  const head = run.stored.get(docId) ?? (await run.deps.store.getDocument(docId));
  if (!head || head.signal === signal) return;
  const next = { ...head, signal, lastSeenAt: run.plan.now };
  await writeFor(run, { changes: [], alerts: [], document: { next, expectedRevision: head.revision } }, []);
}

async function confirmMissing(run: SourceRun, doc: StoredDocument): Promise<void> {
  if (!doc.detailUrl) return;
  const { source, kind, endpoints } = run.input;
  const fallback = new URL(kind.listing(source, endpoints, run.plan.now).url).origin;
  const request = { url: fromLocator(doc.detailUrl, endpoints, fallback), bucket: doc.detailBucket ?? 'govuk-content' };
  const fetched = await fetchFor(run, request);
  if (fetched.status === 410 || fetched.status === 404) {
    await markGone(run, doc.docId, `It is no longer listed and its page answered ${fetched.status}.`);
    return;
  }
  const entry = { docId: doc.docId, url: doc.url, title: doc.title, signal: doc.signal };
  const same = kind.parseDetail(fetched, entry, source, endpoints).documents.find((d) => d.docId === doc.docId);
  if (same?.withdrawn) await recordDocument(run, [], { ...same, signal: doc.signal }, request, null);
}

async function markGone(run: SourceRun, docId: string, explanation: string): Promise<void> {
  const prior = run.stored.get(docId);
  const write = prior ? planGone(run.plan, prior, explanation) : null;
  if (write) await writeFor(run, write, write.changes);
}
