/**
 * `procwatch doctor`: the day-one check that live mode is right. For each source, one listing request
 * and one detail request, exactly as a cycle makes them (same URLs, parameters, User-Agent and rate
 * limits), each answer parsed by the source's own kind: reachable, answered 2xx, the shape the parser
 * expects, and plausible (a listing with entries, a detail with a title and text). Nothing is stored.
 */
import { describeFailure } from './errors';
import type { Fetched, FetchRequest, ListingEntry } from './model';
import type { Clock, HttpFetcher, TextExtractor } from './ports';
import type { Endpoints, ListingPage, SourceConfigBase, SourceKind } from './source-kind';

export type Verdict = 'ok' | 'warn' | 'fail';

export interface Probe {
  url: string;
  status: number | null;
  ms: number;
}

export interface DoctorRow {
  sourceId: string;
  kind: string;
  verdict: Verdict;
  listing: Probe | null;
  entries: number | null;
  detail: Probe | null;
  /** What was seen, or what is wrong, in one sentence. */
  note: string;
}

export interface DoctorDeps {
  fetcher: HttpFetcher;
  extractor: TextExtractor;
  clock: Clock;
}

class Stop extends Error {
  constructor(
    readonly verdict: Verdict,
    message: string,
  ) {
    super(message);
  }
}

export async function diagnose(
  deps: DoctorDeps,
  sources: SourceConfigBase[],
  kinds: Record<string, SourceKind<SourceConfigBase>>,
  endpoints: Endpoints,
): Promise<DoctorRow[]> {
  const rows: DoctorRow[] = [];
  for (const source of sources) rows.push(await diagnoseOne(deps, source, kinds[source.kind], endpoints));
  return rows;
}

async function diagnoseOne(
  deps: DoctorDeps,
  source: SourceConfigBase,
  kind: SourceKind<SourceConfigBase>,
  endpoints: Endpoints,
): Promise<DoctorRow> {
  const row: DoctorRow = {
    sourceId: source.id,
    kind: source.kind,
    verdict: 'ok',
    listing: null,
    entries: null,
    detail: null,
    note: '',
  };
  try {
    // A listing may chain (a bill's stages) or filter a feed page by page: follow it, as a cycle would,
    // until it yields an entry, for at most three requests.
    let request: FetchRequest | null = kind.listing(source, endpoints, deps.clock.now().toISOString());
    let page: ListingPage = { entries: [], next: null };
    for (let i = 0; request && i < 3 && !page.entries.length; i++, request = page.next) {
      const listed = await probe(deps, request, (p) => (row.listing = p));
      page = guard(() => kind.parseListing(listed, source, endpoints), 'listing');
    }
    row.entries = page.entries.length;
    // A filter GOV.UK ignored (a misspelt field) answers with everything: thousands of items.
    const total = page.total ?? row.entries;
    if (total > 1000)
      throw new Stop('warn', `The listing holds ${total} items, far more than expected: a filter may be ignored.`);
    const entry = page.entries.find((e) => e.detail) ?? page.entries[0];
    if (!entry)
      throw new Stop(
        'warn',
        'The listing answered in the expected shape but held no entry ' +
          '(plausible for a filtered feed or an empty list): check the filters.',
      );
    if (!entry.detail) return { ...row, note: `${row.entries} entries; the listing carries each document whole.` };
    const fetched = await probe(deps, entry.detail, (p) => (row.detail = p));
    const where = { url: fetched.url, source: source.id };
    const read = fetched.bytes
      ? { ...fetched, extracted: await deps.extractor.extract(fetched.bytes, where) }
      : fetched;
    const detail = guard(() => kind.parseDetail(read, entry, source, endpoints), 'detail');
    return { ...row, note: plausibility(entry, detail.documents, row.entries) };
  } catch (err) {
    if (err instanceof Stop) return { ...row, verdict: err.verdict, note: err.message };
    return { ...row, verdict: 'fail', note: describeFailure(err) };
  }
}

async function probe(deps: DoctorDeps, req: FetchRequest, record: (p: Probe) => void): Promise<Fetched> {
  const started = deps.clock.now().getTime();
  const done = (status: number | null) => record({ url: req.url, status, ms: deps.clock.now().getTime() - started });
  try {
    const fetched = await deps.fetcher.get(req);
    done(fetched.status);
    if (fetched.status < 200 || fetched.status > 299) {
      throw new Stop('fail', `${req.url} answered HTTP ${fetched.status}: the address may have moved.`);
    }
    return fetched;
  } catch (err) {
    if (!(err instanceof Stop)) done(null);
    throw err;
  }
}

function guard<T>(parse: () => T, what: string): T {
  try {
    return parse();
  } catch (err) {
    throw new Stop('fail', `The ${what} is not in the shape this tool reads: ${describeFailure(err)}`);
  }
}

function plausibility(
  entry: ListingEntry,
  documents: { title: string; text: string; noText?: string | null }[],
  n: number,
) {
  const doc = documents[0];
  if (!doc) throw new Stop('warn', `The detail of "${entry.title}" held no document.`);
  if (!doc.title.trim()) throw new Stop('warn', `The detail at ${entry.url} has no title.`);
  if (!doc.text.trim() && !doc.noText) throw new Stop('warn', `"${doc.title}" has no text to compare.`);
  return `${n} entries; "${doc.title}" read (${doc.text.length} characters).`;
}
