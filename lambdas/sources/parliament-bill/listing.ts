/**
 * The listing of a `parliament-bill` source: the Bills search (and/or the watched ids), paged with
 * Skip/Take, then one `GET /Bills/{billId}/Stages/{currentStageId}` per bill still before
 * Parliament. A stage has its own `lastUpdate` (amendments tabled at it move it, not always the
 * bill's), so a live bill's change signal is its `lastUpdate` plus its current stage's: when either
 * moves, the bill and everything in it are read again. Only bills still before Parliament cost a
 * stage request: not Acts, withdrawn or defeated, and in the newest session the page lists (a bill
 * that fell at the end of an older session is not marked defeated). Per unchanged cycle: one
 * request per listing page, plus one per such live bill.
 *
 * parseListing is pure, so what a chained stage request must remember (the bill it belongs to, the
 * live bills still to ask about, the listing page after them) travels in the request URL's
 * fragment, which is never sent to the server.
 */
import type { FetchRequest, Fetched, ListingEntry } from '../../core/model';
import type { Endpoints, ListingPage } from '../../core/source-kind';
import { billPage, billPageUrl, billsListUrl, parseBillsJson, stageDetails } from './bills-api';
import { billDocId } from './documents';

export interface BillListingConfig {
  id: string;
  searchTerm?: string;
  billIds?: number[];
  pageSize?: number;
}

const BUCKET = 'parliament';

interface PendingBill {
  billId: number;
  stageId: number;
  title: string;
  lastUpdate: string;
}

interface ChainState {
  bill: PendingBill;
  rest: PendingBill[];
  /** The listing page to read once every live bill of this page was asked about. */
  after: string | null;
}

export function api(endpoints: Endpoints, path: string): FetchRequest {
  return { url: `${endpoints.parliament}/api/v1${path}`, bucket: BUCKET, accept: 'application/json' };
}

export function listRequest(
  config: BillListingConfig,
  endpoints: Endpoints,
  phase: 'search' | 'ids',
  skip: number,
): FetchRequest {
  const take = config.pageSize ?? 50;
  const query =
    phase === 'search' ? { searchTerm: config.searchTerm, skip, take } : { billIds: config.billIds, skip, take };
  return { url: billsListUrl(endpoints.parliament, query), bucket: BUCKET, accept: 'application/json' };
}

/** A bill's change signal: its own `lastUpdate`, and its current stage's when it is still before Parliament. */
export function billSignal(lastUpdate: string, stage?: { id: number; lastUpdate: string }): string {
  return stage ? `${lastUpdate} stage ${stage.id} ${stage.lastUpdate}` : lastUpdate;
}

function billEntry(endpoints: Endpoints, billId: number, title: string, signal: string): ListingEntry {
  return {
    docId: billDocId(billId),
    url: billPageUrl(billId),
    title,
    signal,
    detail: api(endpoints, `/Bills/${billId}`),
  };
}

function stageRequest(endpoints: Endpoints, state: ChainState): FetchRequest {
  const req = api(endpoints, `/Bills/${state.bill.billId}/Stages/${state.bill.stageId}`);
  const fragment = Buffer.from(JSON.stringify(state)).toString('base64url');
  return { ...req, url: `${req.url}#chain=${fragment}` };
}

function chain(endpoints: Endpoints, live: PendingBill[], after: FetchRequest | null): FetchRequest | null {
  if (!live.length) return after;
  return stageRequest(endpoints, { bill: live[0], rest: live.slice(1), after: after?.url ?? null });
}

function stateOf(url: string): ChainState | null {
  const m = /#chain=([\w-]+)$/.exec(url);
  if (!m) return null;
  try {
    return JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8')) as ChainState;
  } catch {
    return null;
  }
}

function parseBillsPage(fetched: Fetched, config: BillListingConfig, endpoints: Endpoints): ListingPage {
  const url = new URL(fetched.url);
  const phase = url.searchParams.has('SearchTerm') ? 'search' : 'ids';
  const skip = Number(url.searchParams.get('Skip') ?? 0);
  const data = parseBillsJson(fetched, billPage, config.id);
  const entries: ListingEntry[] = [];
  const live: PendingBill[] = [];
  const sessionsOf = (b: (typeof data.items)[number]) =>
    b.includedSessionIds.length ? b.includedSessionIds : b.introducedSessionId ? [b.introducedSessionId] : [];
  const newest = Math.max(0, ...data.items.flatMap(sessionsOf));
  for (const b of data.items) {
    const title = b.shortTitle ?? `Bill ${b.billId}`;
    const settled = b.isAct || b.isDefeated || b.billWithdrawn || !b.currentStage || !sessionsOf(b).includes(newest);
    if (settled) entries.push(billEntry(endpoints, b.billId, title, billSignal(b.lastUpdate)));
    else live.push({ billId: b.billId, stageId: b.currentStage!.id, title, lastUpdate: b.lastUpdate });
  }
  const nextSkip = skip + data.items.length;
  let after: FetchRequest | null = null;
  if (data.items.length > 0 && nextSkip < data.totalResults) after = listRequest(config, endpoints, phase, nextSkip);
  else if (phase === 'search' && config.billIds?.length) after = listRequest(config, endpoints, 'ids', 0);
  return { entries, next: chain(endpoints, live, after) };
}

function parseStagePoll(fetched: Fetched, config: BillListingConfig, endpoints: Endpoints): ListingPage {
  const state = stateOf(fetched.url);
  const stage = parseBillsJson(fetched, stageDetails, config.id);
  if (!state) return { entries: [], next: null };
  const { bill } = state;
  const signal = billSignal(bill.lastUpdate, { id: bill.stageId, lastUpdate: stage.lastUpdate });
  const after: FetchRequest | null = state.after
    ? { url: state.after, bucket: BUCKET, accept: 'application/json' }
    : null;
  return {
    entries: [billEntry(endpoints, bill.billId, bill.title, signal)],
    next: chain(endpoints, state.rest, after),
  };
}

/** True for the chained stage request of the listing (a bill's current stage), false for a Bills page. */
export function isStagePoll(url: string): boolean {
  return /\/api\/v1\/Bills\/\d+\/Stages\/\d+$/i.test(new URL(url).pathname);
}

export function parseBillListing(fetched: Fetched, config: BillListingConfig, endpoints: Endpoints): ListingPage {
  return isStagePoll(fetched.url)
    ? parseStagePoll(fetched, config, endpoints)
    : parseBillsPage(fetched, config, endpoints);
}
