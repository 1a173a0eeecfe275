/**
 * `parliament-bill`: bills in the UK Parliament Bills API, found by a title search (so a future
 * amending bill is picked up) and/or by id. The listing's `lastUpdate` is the change signal: only
 * when it moves are the bill, its stages, its publications and each stage's amendments read, each
 * as a document of its own compared on its structured content.
 */
import { z } from 'zod';
import { ParseError } from '../../core/errors';
import type { FetchRequest, ListingEntry } from '../../core/model';
import type { Endpoints, SourceConfigBase, SourceKind } from '../../core/source-kind';
import { baseFields } from '../config-fields';
import { amendmentEvents, billEvents, publicationEvents } from './bill-events';
import {
  amendmentPage,
  bill,
  billPage,
  billPageUrl,
  billsListUrl,
  parseBillsJson,
  publicationList,
  stagePage,
} from './bills-api';
import {
  amendmentsDocId,
  amendmentsDocument,
  billDocId,
  billDocument,
  publicationsDocId,
  publicationsDocument,
  stageLabel,
  stagesDocId,
  stagesDocument,
} from './documents';

export interface ParliamentBillConfig extends SourceConfigBase {
  kind: 'parliament-bill';
  /** Bills whose title matches, newest update first (e.g. "Procurement"). */
  searchTerm?: string;
  /** Bills watched whatever their title (e.g. the Procurement Bill [HL]). */
  billIds?: number[];
  /** Listing page size (`Take`). */
  pageSize?: number;
  /** Amendments page size (`Take`); a stage with more is read in several documents. */
  amendmentsPageSize?: number;
}

const schema = z
  .object({
    ...baseFields,
    kind: z.literal('parliament-bill'),
    searchTerm: z.string().min(2).max(200).optional(),
    billIds: z.array(z.number().int().positive()).min(1).max(50).optional(),
    pageSize: z.number().int().min(1).max(100).optional(),
    amendmentsPageSize: z.number().int().min(1).max(500).optional(),
  })
  .strict()
  .refine((c) => c.searchTerm || c.billIds, {
    message: 'needs "searchTerm" or "billIds" (or both)',
    path: ['searchTerm'],
  });

const BUCKET = 'parliament';

function listRequest(
  config: ParliamentBillConfig,
  endpoints: Endpoints,
  phase: 'search' | 'ids',
  skip: number,
): FetchRequest {
  const take = config.pageSize ?? 50;
  const query =
    phase === 'search' ? { searchTerm: config.searchTerm, skip, take } : { billIds: config.billIds, skip, take };
  return { url: billsListUrl(endpoints.parliament, query), bucket: BUCKET, accept: 'application/json' };
}

function api(endpoints: Endpoints, path: string): FetchRequest {
  return { url: `${endpoints.parliament}/api/v1${path}`, bucket: BUCKET, accept: 'application/json' };
}

/** Which resource a detail URL is: the URL says it, so a document re-read on its own is parsed right. */
function resourceOf(
  url: string,
): { type: 'bill' | 'stages' | 'publications' | 'amendments'; billId: number; billStageId?: number } | null {
  const path = new URL(url).pathname;
  let m = /\/api\/v1\/Bills\/(\d+)\/Stages\/(\d+)\/Amendments$/i.exec(path);
  if (m) return { type: 'amendments', billId: Number(m[1]), billStageId: Number(m[2]) };
  m = /\/api\/v1\/Bills\/(\d+)\/(Stages|Publications)$/i.exec(path);
  if (m) return { type: m[2].toLowerCase() === 'stages' ? 'stages' : 'publications', billId: Number(m[1]) };
  m = /\/api\/v1\/Bills\/(\d+)$/i.exec(path);
  return m ? { type: 'bill', billId: Number(m[1]) } : null;
}

function billTitleOf(entryTitle: string): string {
  return entryTitle.replace(/: (stages|publications)$/, '');
}

function amendmentsRequest(
  config: ParliamentBillConfig,
  endpoints: Endpoints,
  billId: number,
  billStageId: number,
  skip: number,
): FetchRequest {
  return api(
    endpoints,
    `/Bills/${billId}/Stages/${billStageId}/Amendments?Skip=${skip}&Take=${config.amendmentsPageSize ?? 100}`,
  );
}

export const parliamentBill: SourceKind<ParliamentBillConfig> = {
  kind: 'parliament-bill',
  schema: schema as unknown as z.ZodType<ParliamentBillConfig>,
  hosts: (_config, endpoints) => [new URL(endpoints.parliament).host],
  listing: (config, endpoints) => listRequest(config, endpoints, config.searchTerm ? 'search' : 'ids', 0),
  parseListing(fetched, config, endpoints) {
    const url = new URL(fetched.url);
    const phase = url.searchParams.has('SearchTerm') ? 'search' : 'ids';
    const skip = Number(url.searchParams.get('Skip') ?? 0);
    const data = parseBillsJson(fetched, billPage, config.id);
    const entries: ListingEntry[] = data.items.map((b) => ({
      docId: billDocId(b.billId),
      url: billPageUrl(b.billId),
      title: b.shortTitle ?? `Bill ${b.billId}`,
      signal: b.lastUpdate,
      detail: api(endpoints, `/Bills/${b.billId}`),
    }));
    const nextSkip = skip + data.items.length;
    let next: FetchRequest | null = null;
    if (data.items.length > 0 && nextSkip < data.totalResults) next = listRequest(config, endpoints, phase, nextSkip);
    else if (phase === 'search' && config.billIds?.length) next = listRequest(config, endpoints, 'ids', 0);
    return { entries, next };
  },
  parseDetail(fetched, entry, config, endpoints) {
    const what = resourceOf(fetched.url);
    if (!what)
      throw new ParseError(`${fetched.url} is not a Bills API resource this source reads.`, {
        url: fetched.url,
        source: config.id,
      });
    const { billId } = what;
    if (what.type === 'bill') {
      const doc = billDocument(parseBillsJson(fetched, bill, config.id));
      const signal = entry.signal || doc.signal;
      const child = (docId: string, url: string, title: string, detail: FetchRequest): ListingEntry => ({
        docId,
        url,
        title,
        signal,
        parentId: doc.docId,
        detail,
      });
      return {
        documents: [doc],
        follow: [
          child(
            stagesDocId(billId),
            billPageUrl(billId, '/stages'),
            `${doc.title}: stages`,
            api(endpoints, `/Bills/${billId}/Stages?Skip=0&Take=100`),
          ),
          child(
            publicationsDocId(billId),
            billPageUrl(billId, '/publications'),
            `${doc.title}: publications`,
            api(endpoints, `/Bills/${billId}/Publications`),
          ),
        ],
      };
    }
    const title = billTitleOf(entry.title);
    if (what.type === 'stages') {
      const doc = stagesDocument(billId, title, entry.signal, parseBillsJson(fetched, stagePage, config.id));
      const stages = (doc.extra?.stages ?? []) as { id: number; description: string; house: string }[];
      return {
        documents: [doc],
        follow: stages.map((s) => ({
          docId: amendmentsDocId(billId, s.id),
          url: billPageUrl(billId, `/stages/${s.id}/amendments`),
          title: `${title}: amendments at ${stageLabel(s)}`,
          signal: entry.signal,
          parentId: billDocId(billId),
          detail: amendmentsRequest(config, endpoints, billId, s.id, 0),
        })),
      };
    }
    if (what.type === 'publications') {
      return {
        documents: [
          publicationsDocument(billId, title, entry.signal, parseBillsJson(fetched, publicationList, config.id)),
        ],
        follow: [],
      };
    }
    const data = parseBillsJson(fetched, amendmentPage, config.id);
    const params = new URL(fetched.url).searchParams;
    const skip = Number(params.get('Skip') ?? 0);
    const take = Number(params.get('Take') ?? (data.items.length || 1));
    const page = Math.floor(skip / Math.max(take, 1)) + 1;
    const doc = amendmentsDocument(billId, what.billStageId!, page, entry.title, entry.signal, data);
    const follow: ListingEntry[] = [];
    if (data.items.length > 0 && skip + data.items.length < data.totalResults) {
      follow.push({
        docId: amendmentsDocId(billId, what.billStageId!, page + 1),
        url: doc.url,
        title: entry.title,
        signal: entry.signal,
        parentId: billDocId(billId),
        detail: amendmentsRequest(config, endpoints, billId, what.billStageId!, skip + data.items.length),
      });
    }
    return { documents: [doc], follow };
  },
  compare(before, after) {
    if (after.documentType === 'bill') return billEvents(before.extra, after);
    if (after.documentType === 'bill-publications') return publicationEvents(before.extra, after);
    if (after.documentType === 'bill-amendments') return amendmentEvents(before.extra, after);
    return [];
  },
  compareNew(after) {
    // A bill never seen before is one `new-document`; the parts found inside it are recorded
    // quietly, except amendments, which are news even on a stage seen for the first time.
    if (after.documentType === 'bill') return null;
    if (after.documentType === 'bill-amendments') return amendmentEvents(null, after);
    return [];
  },
};
