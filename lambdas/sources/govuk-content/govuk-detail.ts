/**
 * What both GOV.UK kinds share: reading a detail (a content item, or a PDF attachment whose text
 * the core has read out). The hosts they fetch from are declared with govuk-content's config.
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
