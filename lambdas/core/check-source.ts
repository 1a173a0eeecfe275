/**
 * checkSource: one source, one cycle. Listing first; details only for documents that are new or
 * whose change signal moved; every change and the alerts it causes written in one transaction.
 * A failing source never deletes or overwrites what is stored and never raises "withdrawn" floods.
 */
import { describeFailure, FetchError, ParseError, ProcwatchError } from './errors';
import { stableId } from './ids';
import { newChange } from './new-change';
import type {
  Alert,
  Change,
  DocumentSnapshot,
  Fetched,
  FetchRequest,
  KeywordHit,
  ListingEntry,
  SourceOutcome,
  SourceState,
  StoredDocument,
} from './model';
import type { Clock, HttpFetcher, Logger, Store } from './ports';
import type { Endpoints, SourceConfigBase, SourceKind, StructuredEvent } from './source-kind';
import { classifyNewDocument, findStoredCopy, type Classification, type KnownCorpus } from './classify-document';
import { subjectFor } from './describe-change';
import { diffSummary, diffWords } from './text/word-diff';
import { fingerprint } from './text/normalize';
import { findKeywords } from './text/keywords';
import { compactDiff } from './compact-diff';

export interface CheckDeps {
  store: Store;
  fetcher: HttpFetcher;
  clock: Clock;
  logger: Logger;
}

export interface CheckInput {
  source: SourceConfigBase;
  kind: SourceKind<any>;
  endpoints: Endpoints;
  runId: string;
  known: KnownCorpus;
  keywords: string[];
  /** Consecutive failures before a `source-failing` alert. */
  failureThreshold: number;
  /** A listing that shrinks below this fraction of the last one needs a second look. */
  shrinkRatio: number;
}

interface Ctx extends CheckDeps, CheckInput {
  now: string;
  requests: number;
  baseline: boolean;
  changes: Change[];
  /** The source's documents, read once per cycle and kept current as heads are written. */
  stored: Map<string, StoredDocument>;
}

export function freshState(sourceId: string): SourceState {
  return {
    sourceId,
    validators: {},
    lastRunAt: null,
    lastSuccessAt: null,
    consecutiveFailures: 0,
    lastError: null,
    failingAlertOpen: false,
    failingSince: null,
    lastListingSize: null,
    pendingShrink: null,
    listingHash: null,
  };
}

const HEARTBEAT_MS = 60 * 60 * 1000;

export async function checkSource(deps: CheckDeps, input: CheckInput): Promise<SourceOutcome> {
  const sourceId = input.source.id;
  const state = (await deps.store.getSourceState(sourceId)) ?? freshState(sourceId);
  const ctx: Ctx = {
    ...deps,
    ...input,
    now: deps.clock.now().toISOString(),
    requests: 0,
    baseline: state.lastSuccessAt === null,
    changes: [],
    stored: new Map(),
  };
  try {
    const result = await scan(ctx, state);
    const wasFailing = state.failingAlertOpen || state.consecutiveFailures > 0;
    await closeFailing(ctx, state);
    if (result === 'not-modified') {
      await saveState(ctx, state, { ...state, ...succeeded(ctx, state) }, wasFailing);
      return { kind: 'unchanged', sourceId, requests: ctx.requests };
    }
    const next: SourceState = {
      ...state,
      ...succeeded(ctx, state),
      validators: result.validators,
      lastListingSize: result.size,
      pendingShrink: null,
      listingHash: result.listingHash,
    };
    const moved =
      result.size !== state.lastListingSize ||
      !sameValidators(state, next) ||
      state.pendingShrink !== null ||
      result.listingHash !== state.listingHash;
    await saveState(ctx, state, next, wasFailing || moved);
    if (ctx.baseline) return { kind: 'baseline', sourceId, requests: ctx.requests, documents: result.documents };
    return ctx.changes.length
      ? { kind: 'updated', sourceId, requests: ctx.requests, changes: ctx.changes }
      : { kind: 'unchanged', sourceId, requests: ctx.requests };
  } catch (err) {
    if (err instanceof ProcwatchError && err.code === 'store') throw err;
    // A bug in one source's parser fails that source, in one sentence; the other sources still run.
    const reason =
      err instanceof ProcwatchError
        ? err
        : new ParseError(
            `Unexpected error while reading ${sourceId}: ${(err as Error)?.message ?? String(err)}`,
            { source: sourceId },
            err,
          );
    return failed(ctx, state, reason);
  }
}

function succeeded(ctx: Ctx, state: SourceState): Partial<SourceState> {
  return {
    lastRunAt: ctx.now,
    lastSuccessAt: ctx.now,
    consecutiveFailures: 0,
    lastError: null,
    failingAlertOpen: state.failingAlertOpen,
    failingSince: null,
  };
}

function sameValidators(a: SourceState, b: SourceState): boolean {
  return JSON.stringify(a.validators) === JSON.stringify(b.validators);
}

/** State is written when it says something new; a quiet source writes only an hourly heartbeat. */
async function saveState(ctx: Ctx, before: SourceState, after: SourceState, changed: boolean): Promise<void> {
  const stale = !before.lastSuccessAt || Date.parse(ctx.now) - Date.parse(before.lastSuccessAt) >= HEARTBEAT_MS;
  const health =
    before.consecutiveFailures !== after.consecutiveFailures || before.failingAlertOpen !== after.failingAlertOpen;
  if (changed || stale || health) await ctx.store.putSourceState(after);
}

interface ScanResult {
  validators: SourceState['validators'];
  size: number;
  documents: number;
  listingHash: string;
}

/**
 * What the listing says, as one value: every entry's id and change signal, and the content of
 * entries that carry their document whole. Equal to last time's means nothing can have moved.
 */
function listingFingerprint(entries: ListingEntry[]): string {
  return stableId(
    ...entries.map(
      (e) =>
        `${e.docId}\u241e${e.signal}\u241e${e.inline ? fingerprint(`${e.inline.text}\n${JSON.stringify(e.inline.extra ?? null)}\n${e.inline.withdrawn ? 'withdrawn' : ''}`) : ''}`,
    ),
  );
}

async function scan(ctx: Ctx, state: SourceState): Promise<ScanResult | 'not-modified'> {
  const { kind, source, endpoints } = ctx;
  const first = kind.listing(source, endpoints);
  const entries: ListingEntry[] = [];
  let request: FetchRequest | null = first;
  let firstResponse: Fetched | null = null;
  const seenPages = new Set<string>();
  while (request) {
    if (seenPages.has(request.url))
      throw new ParseError(`The listing pages of ${source.id} loop back to ${request.url}.`, { source: source.id });
    seenPages.add(request.url);
    const isFirst = request === first;
    const fetched = await get(ctx, request, isFirst ? state.validators[first.url] : undefined);
    if (isFirst && fetched.notModified) return 'not-modified';
    if (fetched.status === 404 || fetched.status === 410) {
      throw new FetchError(
        `The listing of ${source.id} answered HTTP ${fetched.status}.`,
        { url: fetched.url, status: fetched.status, source: source.id },
        undefined,
        false,
      );
    }
    if (isFirst) firstResponse = fetched;
    const page = kind.parseListing(fetched, source, endpoints);
    entries.push(...page.entries);
    request = page.next;
  }
  const listed = dedupe(entries);
  const listingHash = listingFingerprint(listed);
  // The listing is exactly as last time: no document can have moved, so not even the stored
  // documents are read (an unchanged cycle costs the listing request and one state read).
  if (state.listingHash && state.listingHash === listingHash && state.pendingShrink === null) {
    return { validators: state.validators, size: listed.length, documents: 0, listingHash };
  }
  for (const d of await ctx.store.listDocuments(source.id)) ctx.stored.set(d.docId, d);
  const stored = ctx.stored;
  // A feed of the newest items is a moving window: entries leaving it is normal, not a shrink.
  if (!kind.windowed?.(source))
    guardShrink(ctx, state, listed.length, [...stored.values()].filter((d) => d.status === 'active').length);

  const errors: ProcwatchError[] = [];
  let documents = 0;
  const queue = [...listed];
  const visited = new Set<string>();
  const failed = new Set<string>();
  const heldSignals = new Map<string, { signal: string; children: string[] }>();
  while (queue.length) {
    const entry = queue.shift()!;
    if (visited.has(entry.docId)) continue;
    visited.add(entry.docId);
    const prior = stored.get(entry.docId) ?? null;
    if (prior && prior.signal === entry.signal && !entry.inline) {
      // Listing first: nothing moved, so neither did the documents found inside this one.
      for (const child of stored.values()) if (child.parentId === entry.docId) visited.add(child.docId);
      continue;
    }
    try {
      const { docs, follow } = await readEntry(ctx, entry);
      queue.push(...follow);
      for (const doc of docs) {
        documents++;
        const signal = entry.signal || doc.signal;
        // A document with attachments keeps its old signal until every attachment has been read:
        // a failure or crash in between must not make the next run skip the attachments.
        const held = follow.length > 0 ? (stored.get(doc.docId)?.signal ?? '') : signal;
        if (held !== signal) heldSignals.set(doc.docId, { signal, children: follow.map((f) => f.docId) });
        const snapshot = { ...doc, signal: held, changeNote: doc.changeNote ?? entry.changeNote ?? null };
        await processDocument(
          ctx,
          snapshot,
          stored.get(doc.docId) ?? null,
          entry.detail ?? null,
          entry.parentId ?? null,
        );
      }
    } catch (err) {
      if (!(err instanceof ProcwatchError) || err.code === 'store') throw err;
      failed.add(entry.docId);
      errors.push(err);
    }
  }
  for (const [docId, held] of heldSignals)
    if (held.children.every((c) => !failed.has(c))) await advanceSignal(ctx, docId, held.signal);
  // Documents that left a complete listing: confirm each one before calling it withdrawn.
  for (const doc of stored.values()) {
    if (visited.has(doc.docId) || doc.status !== 'active') continue;
    try {
      await confirmMissing(ctx, doc);
    } catch (err) {
      if (!(err instanceof ProcwatchError) || err.code === 'store') throw err;
      errors.push(err);
    }
  }
  if (errors.length) throw errors[0];
  const validators = { ...state.validators };
  const etag = firstResponse?.headers.etag;
  const lastModified = firstResponse?.headers['last-modified'];
  if (etag || lastModified)
    validators[first.url] = { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
  return { validators, size: listed.length, documents, listingHash };
}

function dedupe(entries: ListingEntry[]): ListingEntry[] {
  const seen = new Map<string, ListingEntry>();
  for (const e of entries) if (!seen.has(e.docId)) seen.set(e.docId, e);
  return [...seen.values()];
}

/**
 * A listing that is suddenly empty, or far smaller than the last one, is more likely an outage
 * or a redesign than mass withdrawal: fail the source, and believe it only when it repeats.
 */
function guardShrink(ctx: Ctx, state: SourceState, size: number, activeStored: number): void {
  if (activeStored === 0) return;
  const previous = state.lastListingSize ?? activeStored;
  if (size === 0) {
    throw new ParseError(
      `The listing of ${ctx.source.id} came back empty where ${previous} documents were listed before; nothing was marked withdrawn.`,
      {
        source: ctx.source.id,
      },
    );
  }
  if (size < previous * ctx.shrinkRatio && state.pendingShrink !== size) {
    state.pendingShrink = size;
    throw new ParseError(
      `The listing of ${ctx.source.id} shrank from ${previous} to ${size} documents; waiting for the next run to confirm before marking anything withdrawn.`,
      { source: ctx.source.id },
    );
  }
}

async function get(ctx: Ctx, req: FetchRequest, validators?: SourceState['validators'][string]): Promise<Fetched> {
  ctx.requests++;
  try {
    return await ctx.fetcher.get(req, validators);
  } catch (err) {
    if (err instanceof ProcwatchError) err.context.source ??= ctx.source.id;
    throw err;
  }
}

async function readEntry(ctx: Ctx, entry: ListingEntry): Promise<{ docs: DocumentSnapshot[]; follow: ListingEntry[] }> {
  if (entry.inline) return { docs: [entry.inline], follow: [] };
  if (!entry.detail)
    throw new ParseError(`The listing entry ${entry.docId} has neither content nor a detail link.`, {
      source: ctx.source.id,
    });
  const fetched = await get(ctx, entry.detail);
  if (fetched.status === 410) {
    await markWithdrawn(ctx, entry.docId, 'GOV.UK answered 410 Gone: the page was removed.');
    return { docs: [], follow: [] };
  }
  if (fetched.status === 404) {
    throw new FetchError(
      `${entry.url} is listed but its detail answered 404.`,
      { url: fetched.url, status: 404, source: ctx.source.id },
      undefined,
      false,
    );
  }
  const detail = ctx.kind.parseDetail(fetched, entry, ctx.source, ctx.endpoints);
  return { docs: detail.documents, follow: detail.follow };
}

/** The held signal of a document whose attachments were all read: a head-only write, no change. */
async function advanceSignal(ctx: Ctx, docId: string, signal: string): Promise<void> {
  const head = await ctx.store.getDocument(docId);
  if (!head || head.signal === signal) return;
  await ctx.store.recordChange({
    changes: [],
    alerts: [],
    document: { next: { ...head, signal, lastSeenAt: ctx.now }, expectedVersion: head.version },
  });
}

async function confirmMissing(ctx: Ctx, doc: StoredDocument): Promise<void> {
  if (!doc.detailUrl) return;
  const fetched = await get(ctx, { url: doc.detailUrl, bucket: doc.detailBucket ?? 'govuk-content' });
  if (fetched.status === 410 || fetched.status === 404) {
    await markWithdrawn(ctx, doc.docId, `It is no longer listed and its page answered ${fetched.status}.`);
    return;
  }
  const detail = ctx.kind.parseDetail(
    fetched,
    { docId: doc.docId, url: doc.url, title: doc.title, signal: doc.signal },
    ctx.source,
    ctx.endpoints,
  );
  const same = detail.documents.find((d) => d.docId === doc.docId);
  if (same?.withdrawn)
    await processDocument(ctx, { ...same, signal: doc.signal }, doc, {
      url: doc.detailUrl,
      bucket: doc.detailBucket ?? 'govuk-content',
    });
}

async function markWithdrawn(ctx: Ctx, docId: string, explanation: string): Promise<void> {
  const prior = ctx.stored.get(docId);
  if (!prior || prior.status === 'withdrawn') return;
  const change = baseChange(
    ctx,
    prior.docId,
    'document-withdrawn',
    prior.title,
    prior.url,
    `Withdrawn: ${explanation}`,
    prior.version,
  );
  change.threadId = prior.threadId;
  await write(ctx, [change], {
    next: { ...prior, status: 'withdrawn', lastSeenAt: ctx.now },
    expectedVersion: prior.version,
  });
}

function baseChange(
  ctx: Ctx,
  docId: string | null,
  type: string,
  title: string,
  url: string | null,
  summary: string,
  key: string | number | null,
): Change {
  return newChange({
    changeId: stableId(ctx.source.id, docId, type, key),
    sourceId: ctx.source.id,
    docId,
    type,
    detectedAt: ctx.now,
    runId: ctx.runId,
    title,
    url,
    summary,
  });
}

const SILENT = new Set(['first-seen', 'known']);

export function alertFor(change: Change, createdAt: string): Alert {
  return {
    alertId: change.changeId,
    changeId: change.changeId,
    type: change.type,
    sourceId: change.sourceId,
    createdAt,
    status: 'pending',
    subject: subjectFor(change),
    priority: change.keywords.length > 0 || change.type === 'source-failing' ? 'high' : 'normal',
    attempts: 0,
    lastError: null,
    messageId: null,
    claimedAt: null,
  };
}

async function write(
  ctx: Ctx,
  changes: Change[],
  document: { next: StoredDocument; expectedVersion: number | null },
  version?: Parameters<Store['recordChange']>[0]['version'],
): Promise<void> {
  const alerts = ctx.baseline ? [] : changes.filter((c) => !SILENT.has(c.type)).map((c) => alertFor(c, ctx.now));
  const outcome = await ctx.store.recordChange({ changes, alerts, document, version });
  if (outcome === 'written') {
    ctx.changes.push(...changes.filter((c) => !SILENT.has(c.type)));
    ctx.stored.set(document.next.docId, document.next);
  } else ctx.logger.info('change already recorded by another run', { source: ctx.source.id, doc: document.next.docId });
}

async function processDocument(
  ctx: Ctx,
  doc: DocumentSnapshot,
  prior: StoredDocument | null,
  detail: FetchRequest | null,
  parentId: string | null = null,
): Promise<void> {
  const hash = fingerprint(doc.extra ? `${doc.text}\n${JSON.stringify(doc.extra)}` : doc.text);
  const head = (version: number, cls?: Classification): StoredDocument => ({
    docId: doc.docId,
    sourceId: ctx.source.id,
    url: doc.url,
    title: doc.title,
    documentType: doc.documentType,
    signal: doc.signal,
    hash,
    version,
    status: doc.withdrawn ? 'withdrawn' : 'active',
    knownId: cls ? cls.knownId : (prior?.knownId ?? null),
    threadId: cls ? cls.threadId : (prior?.threadId ?? null),
    firstSeenAt: prior?.firstSeenAt ?? ctx.now,
    lastSeenAt: ctx.now,
    detailUrl: detail?.url ?? prior?.detailUrl ?? null,
    detailBucket: detail?.bucket ?? prior?.detailBucket ?? null,
    parentId: parentId ?? prior?.parentId ?? null,
  });
  const version = (n: number) => ({
    docId: doc.docId,
    version: n,
    hash,
    text: doc.text,
    title: doc.title,
    fetchedAt: ctx.now,
    changeNote: doc.changeNote,
    extra: doc.extra ?? null,
  });

  if (!prior) {
    const events = !ctx.baseline && !doc.withdrawn && ctx.kind.compareNew ? ctx.kind.compareNew(doc, ctx.source) : null;
    if (events) {
      // The document is recorded silently; what it brings is said by its structured events.
      const seen = baseChange(
        ctx,
        doc.docId,
        'first-seen',
        doc.title,
        doc.url,
        `First seen on ${ctx.source.name ?? ctx.source.id}.`,
        hash,
      );
      seen.version = 1;
      await write(
        ctx,
        [seen, ...structuredChanges(ctx, doc, events, hash, 1, null, null)],
        { next: head(1), expectedVersion: null },
        version(1),
      );
      return;
    }
    const cls = classifyNewDocument(doc, ctx.source, ctx.known);
    if (cls.type === 'new-correspondence' && !ctx.baseline) await recogniseRepublished(ctx, doc, cls);
    // A baseline or an already-withdrawn document is recorded silently; a known letter stays `known`.
    const type = cls.type === 'known' ? 'known' : ctx.baseline || doc.withdrawn ? 'first-seen' : cls.type;
    const change = baseChange(ctx, doc.docId, type, doc.title, doc.url, cls.summary, hash);
    Object.assign(change, {
      version: 1,
      changeNote: doc.changeNote,
      threadId: cls.threadId,
      letter: cls.letter,
      knownMatch: cls.match,
      keywords: keywordHits(ctx, doc.text),
    });
    await write(ctx, [change], { next: head(1, cls), expectedVersion: null }, version(1));
    return;
  }
  const textChanged = prior.hash !== hash;
  const newlyWithdrawn = Boolean(doc.withdrawn) && prior.status === 'active';
  if (!textChanged && !newlyWithdrawn) {
    if (prior.signal !== doc.signal)
      await write(ctx, [], { next: { ...head(prior.version), status: prior.status }, expectedVersion: prior.version });
    return;
  }
  const changes: Change[] = [];
  const nextVersion = textChanged ? prior.version + 1 : prior.version;
  if (textChanged) {
    const before = await ctx.store.getVersion(doc.docId, prior.version);
    const structured = before && ctx.kind.compare ? ctx.kind.compare(before, doc, ctx.source) : null;
    if (structured) {
      changes.push(...structuredChanges(ctx, doc, structured, hash, nextVersion, prior.version, prior.threadId));
    } else {
      const ops = diffWords(before?.text ?? '', doc.text);
      const counts = diffSummary(ops);
      const inserted = ops
        .filter((o) => o.op === 'insert')
        .map((o) => o.text)
        .join(' ');
      const c = baseChange(
        ctx,
        doc.docId,
        'document-changed',
        doc.title,
        doc.url,
        changedSummary(counts, doc.changeNote),
        hash,
      );
      Object.assign(c, {
        version: nextVersion,
        previousVersion: prior.version,
        diff: compactDiff(ops),
        changeNote: doc.changeNote,
        threadId: prior.threadId,
        keywords: keywordHits(ctx, inserted),
      });
      changes.push(c);
    }
  }
  if (newlyWithdrawn) {
    const c = baseChange(
      ctx,
      doc.docId,
      'document-withdrawn',
      doc.title,
      doc.url,
      `Withdrawn${doc.withdrawn?.at ? ` on ${doc.withdrawn.at.slice(0, 10)}` : ''}: ${doc.withdrawn?.explanation || 'no reason given'}`,
      prior.version,
    );
    c.threadId = prior.threadId;
    changes.push(c);
  }
  await write(
    ctx,
    changes,
    { next: head(nextVersion), expectedVersion: prior.version },
    textChanged ? version(nextVersion) : undefined,
  );
}

/** "1 word added, 3 removed; GOV.UK says: Corrected the date." */
export function changedSummary(counts: { inserted: number; deleted: number }, changeNote: string | null): string {
  const words = `${counts.inserted} word${counts.inserted === 1 ? '' : 's'} added, ${counts.deleted} removed`;
  const note = changeNote?.trim().replace(/[.\s]+$/, '');
  return note ? `${words}; GOV.UK says: ${note}.` : `${words}.`;
}

function structuredChanges(
  ctx: Ctx,
  doc: DocumentSnapshot,
  events: StructuredEvent[],
  hash: string,
  version: number,
  previousVersion: number | null,
  threadId: string | null,
): Change[] {
  return events.map((ev) => {
    const c = baseChange(ctx, doc.docId, ev.type, ev.title, doc.url, ev.summary, `${ev.key}@${hash}`);
    Object.assign(c, { version, previousVersion, threadId, keywords: keywordHits(ctx, ev.text ?? ev.title) });
    return c;
  });
}

async function recogniseRepublished(ctx: Ctx, doc: DocumentSnapshot, cls: Classification): Promise<void> {
  if (!cls.threadId) return;
  const sameThread = [...ctx.stored.values()].filter((d) => d.threadId === cls.threadId && d.docId !== doc.docId);
  const texts: { docId: string; title: string; text: string }[] = [];
  for (const d of sameThread) {
    const v = await ctx.store.getVersion(d.docId, d.version);
    if (v) texts.push({ docId: d.docId, title: v.title, text: v.text });
  }
  const copy = findStoredCopy(doc, texts, ctx.known.parties);
  if (!copy) return;
  Object.assign(cls, {
    type: 'known',
    knownId: `doc:${copy.docId}`,
    summary: `A re-published copy of ${copy.docId} (similarity ${copy.similarity.toFixed(2)}).`,
  });
}

function keywordHits(ctx: Ctx, text: string): KeywordHit[] {
  return ctx.keywords.length && text ? findKeywords(text, ctx.keywords) : [];
}

async function closeFailing(ctx: Ctx, state: SourceState): Promise<void> {
  if (!state.failingAlertOpen) return;
  const change = baseChange(
    ctx,
    null,
    'source-recovered',
    ctx.source.name ?? ctx.source.id,
    null,
    `${ctx.source.id} answers normally again.`,
    state.failingSince,
  );
  await ctx.store.recordChange({ changes: [change], alerts: [alertFor(change, ctx.now)] });
  state.failingAlertOpen = false;
  state.failingSince = null;
  ctx.changes.push(change);
}

async function failed(ctx: Ctx, state: SourceState, err: ProcwatchError): Promise<SourceOutcome> {
  const reason = describeFailure(err);
  const failures = state.consecutiveFailures + 1;
  const next: SourceState = {
    ...state,
    lastRunAt: ctx.now,
    consecutiveFailures: failures,
    lastError: reason,
    failingSince: state.failingSince ?? ctx.now,
  };
  let alerted = false;
  if (failures >= ctx.failureThreshold && !state.failingAlertOpen) {
    const change = baseChange(
      ctx,
      null,
      'source-failing',
      ctx.source.name ?? ctx.source.id,
      null,
      `${failures} checks in a row failed. Last error: ${reason}`,
      next.failingSince,
    );
    const outcome = await ctx.store.recordChange({ changes: [change], alerts: [alertFor(change, ctx.now)] });
    next.failingAlertOpen = true;
    alerted = outcome === 'written';
    if (alerted) ctx.changes.push(change);
  }
  await ctx.store.putSourceState(next);
  ctx.logger.warn('source check failed', { source: ctx.source.id, reason, failures });
  return { kind: 'failed', sourceId: ctx.source.id, requests: ctx.requests, reason, alerted };
}
