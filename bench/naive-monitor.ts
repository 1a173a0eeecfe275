/**
 * The baseline the product is measured against: the classic page monitor. Every cycle it fetches
 * every listing page and every document (no change signal, no conditional request), compares
 * each with the last stored snapshot, and stores a new snapshot of every document plus its head.
 * Same adapters (fetcher, store reads, item shapes) as the product, so only the strategy differs.
 */
import type { DynamoDbStore } from '../lambdas/adapters/dynamodb/dynamodb-store';
import { documentItem, versionItems } from '../lambdas/adapters/dynamodb/items';
import type { DocumentSnapshot, ListingEntry } from '../lambdas/core/model';
import type { HttpFetcher } from '../lambdas/core/ports';
import type { Endpoints, SourceConfigBase, SourceKind } from '../lambdas/core/source-kind';
import { fingerprint } from '../lambdas/core/text/normalize';
import { diffWords } from '../lambdas/core/text/word-diff';
import type { BatchWriter } from './batch-writer';

export interface NaiveDeps {
  fetcher: HttpFetcher;
  store: DynamoDbStore;
  writer: BatchWriter;
  kinds: Record<string, SourceKind<any>>;
  endpoints: Endpoints;
  now: () => string;
}

export interface NaiveReport {
  documents: number;
  changed: number;
}

export async function naiveCycle(deps: NaiveDeps, sources: SourceConfigBase[]): Promise<NaiveReport> {
  let documents = 0;
  let changed = 0;
  for (const source of sources) {
    const kind = deps.kinds[source.kind];
    const docs = await fetchEverything(deps, kind, source);
    const prior = new Map((await deps.store.listDocuments(source.id)).map((d) => [d.docId, d]));
    const items: Record<string, unknown>[] = [];
    const now = deps.now();
    for (const { doc, detail } of docs) {
      const hash = fingerprint(doc.extra ? `${doc.text}\n${JSON.stringify(doc.extra)}` : doc.text);
      const before = prior.get(doc.docId);
      if (before && before.hash !== hash) {
        const old = await deps.store.getVersion(doc.docId, before.version);
        diffWords(old?.text ?? '', doc.text);
        changed++;
      }
      const version = (before?.version ?? 0) + 1;
      items.push(
        ...versionItems({
          docId: doc.docId,
          version,
          hash,
          text: doc.text,
          title: doc.title,
          fetchedAt: now,
          changeNote: doc.changeNote,
          extra: doc.extra ?? null,
        }),
      );
      items.push(
        documentItem({
          docId: doc.docId,
          sourceId: source.id,
          url: doc.url,
          title: doc.title,
          documentType: doc.documentType,
          signal: doc.signal,
          hash,
          version,
          revision: version,
          status: doc.withdrawn ? 'withdrawn' : 'active',
          knownId: null,
          threadId: null,
          firstSeenAt: before?.firstSeenAt ?? now,
          lastSeenAt: now,
          detailUrl: detail,
          detailBucket: detail ? 'govuk-content' : null,
          parentId: doc.parentId ?? null,
        }),
      );
    }
    await deps.writer.putAll(items);
    documents += docs.length;
  }
  return { documents, changed };
}

async function fetchEverything(
  deps: NaiveDeps,
  kind: SourceKind<any>,
  source: SourceConfigBase,
): Promise<{ doc: DocumentSnapshot; detail: string | null }[]> {
  const entries: ListingEntry[] = [];
  let request = kind.listing(source, deps.endpoints) as ReturnType<SourceKind['listing']> | null;
  while (request) {
    const fetched = await deps.fetcher.get(request);
    const page = kind.parseListing(fetched, source, deps.endpoints);
    entries.push(...page.entries);
    request = page.next;
  }
  const out: { doc: DocumentSnapshot; detail: string | null }[] = [];
  const seen = new Set<string>();
  while (entries.length) {
    const entry = entries.shift()!;
    if (seen.has(entry.docId)) continue;
    seen.add(entry.docId);
    if (entry.inline) {
      out.push({ doc: entry.inline, detail: null });
      continue;
    }
    if (!entry.detail) continue;
    const fetched = await deps.fetcher.get(entry.detail);
    const detail = kind.parseDetail(fetched, entry, source, deps.endpoints);
    entries.push(...detail.follow);
    for (const doc of detail.documents)
      out.push({ doc: { ...doc, signal: entry.signal || doc.signal }, detail: entry.detail.url });
  }
  return out;
}
