/**
 * `parliament-bill`: bills in the UK Parliament Bills API, found by a title search (so a future
 * amending bill is picked up) and/or by id. A bill's change signal is its `lastUpdate` and, while it
 * is before Parliament, its current stage's (listing.ts): only when it moves are the bill, its
 * stages, its publications and each stage's amendments read, each compared on its structured
 * content; an amendment's detail (its text) is read only when the amendment is new or changed.
 */
import { ParseError } from '../../core/errors';
import type { FetchRequest, ListingEntry } from '../../core/model';
import type { SourceKind } from '../../core/source-kind';
import type { ParliamentBillConfig } from './declaration';
import { amendmentChanged, amendmentIndex, amendmentsRequest, amendmentTabled } from './amendments';
import { billEvents, publicationEvents } from './bill-events';
import { amendmentDetail, bill, billPageUrl, parseBillsJson, publicationList, stagePage } from './bills-api';
import {
  amendmentDocument,
  amendmentsDocId,
  billDocId,
  billDocument,
  publicationsDocId,
  publicationsDocument,
  stageLabel,
  stagesDocId,
  stagesDocument,
} from './documents';
import { api, listRequest, parseBillListing } from './listing';

export type { ParliamentBillConfig } from './declaration';

/** Which resource a detail URL is: the URL says it, so a document re-read on its own is parsed right. */
function resourceOf(url: string): {
  type: 'bill' | 'stages' | 'publications' | 'amendments' | 'amendment';
  billId: number;
  billStageId?: number;
} | null {
  const path = new URL(url).pathname;
  let m = /\/api\/v1\/Bills\/(\d+)\/Stages\/(\d+)\/Amendments\/(\d+)$/i.exec(path);
  if (m) return { type: 'amendment', billId: Number(m[1]), billStageId: Number(m[2]) };
  m = /\/api\/v1\/Bills\/(\d+)\/Stages\/(\d+)\/Amendments$/i.exec(path);
  if (m) return { type: 'amendments', billId: Number(m[1]), billStageId: Number(m[2]) };
  m = /\/api\/v1\/Bills\/(\d+)\/(Stages|Publications)$/i.exec(path);
  if (m) return { type: m[2].toLowerCase() === 'stages' ? 'stages' : 'publications', billId: Number(m[1]) };
  m = /\/api\/v1\/Bills\/(\d+)$/i.exec(path);
  return m ? { type: 'bill', billId: Number(m[1]) } : null;
}

function billTitleOf(entryTitle: string): string {
  return entryTitle.replace(/: (stages|publications)$/, '');
}

export const parliamentBill: SourceKind<ParliamentBillConfig> = {
  kind: 'parliament-bill',
  listing: (config, endpoints) => listRequest(config, endpoints, config.searchTerm ? 'search' : 'ids', 0),
  parseListing: (fetched, config, endpoints) => parseBillListing(fetched, config, endpoints),
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
          detail: amendmentsRequest(endpoints, billId, s.id, 0, config.amendmentsPageSize ?? 100),
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
    const where = { billId, billStageId: what.billStageId! };
    if (what.type === 'amendment') {
      const data = parseBillsJson(fetched, amendmentDetail, config.id);
      return { documents: [amendmentDocument(entry.title, entry.signal, data, where)], follow: [] };
    }
    return amendmentIndex(
      fetched,
      entry,
      { ...where, source: config.id, take: config.amendmentsPageSize ?? 100 },
      endpoints,
    );
  },
  compare(before, after) {
    if (after.documentType === 'bill') return billEvents(before.extra, after);
    if (after.documentType === 'bill-publications') return publicationEvents(before.extra, after);
    if (after.documentType === 'bill-amendment') return amendmentChanged(before, after);
    return [];
  },
  compareNew(after) {
    // A bill never seen before is one `new-document`; the parts found inside it are recorded
    // quietly, except amendments, which are news even on a stage seen for the first time.
    if (after.documentType === 'bill') return null;
    if (after.documentType === 'bill-amendment') return amendmentTabled(after);
    return [];
  },
};
