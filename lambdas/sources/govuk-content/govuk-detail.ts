/**
 * What both GOV.UK kinds share: reading a detail (a content item, or a PDF attachment whose text
 * the core has read out), the hosts they fetch from, and how their documents are compared.
 */
import type { DetailResult, Endpoints } from '../../core/source-kind';
import type { Fetched, ListingEntry } from '../../core/model';
import { followAttachments } from './attachments';
import { documentFromContent, documentFromPdf } from './content-document';
import { parseContentJson } from './content-item';

export function readGovukDetail(
  fetched: Fetched,
  entry: ListingEntry,
  sourceId: string,
  endpoints: Endpoints,
): DetailResult {
  if (fetched.extracted) return { documents: [documentFromPdf(fetched, entry)], follow: [] };
  const doc = documentFromContent(parseContentJson(fetched, sourceId));
  return { documents: [doc], follow: followAttachments(doc, endpoints) };
}

export function govukHosts(endpoints: Endpoints): string[] {
  return [new URL(endpoints.govuk).host, new URL(endpoints.govukAssets).host];
}
