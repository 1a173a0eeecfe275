/**
 * A GOV.UK item as a document: its text (title, summary, body), its dates, whether it was withdrawn,
 * and beside the text the parts that change without changing it — the attachment set, the latest
 * change note, a collection's members — so that a new attachment or member is seen even when no
 * word moved. The change signal is `updated_at`: it moves on minor changes (corrections GOV.UK does
 * not announce) as well as major ones, and an alert is raised only when what is stored moves.
 */
import type { DocumentSnapshot, ExtractedText, Fetched, ListingEntry } from '../../core/model';
import { htmlToText } from '../../core/text/html-to-text';
import { normalizeText } from '../../core/text/normalize';
import { attachmentsOf } from './attachments';
import { govukDocId, govukUrl, type ContentItem } from './content-item';

export interface Member {
  contentId: string;
  title: string;
  path: string | null;
  group: string;
}

/** A collection's members, in its groups' order (`details.collection_groups` joined to `links.documents`). */
export function membersOf(item: ContentItem): Member[] {
  const linked = new Map((item.links?.documents ?? []).map((d) => [d.content_id ?? '', d]));
  const seen = new Set<string>();
  const members: Member[] = [];
  for (const group of item.details.collection_groups ?? []) {
    for (const id of group.documents ?? []) {
      if (seen.has(id)) continue;
      seen.add(id);
      const doc = linked.get(id);
      members.push({ contentId: id, title: doc?.title ?? id, path: doc?.base_path ?? null, group: group.title ?? '' });
    }
  }
  return members;
}

export function documentFromContent(item: ContentItem): DocumentSnapshot {
  const history = item.details.change_history ?? [];
  const attachments = attachmentsOf(item);
  const parent = item.links?.parent?.[0];
  const body = item.details.body ? htmlToText(item.details.body) : '';
  const text = normalizeText([item.title, item.description ?? '', body].filter(Boolean).join('\n\n'));
  const updated = item.public_updated_at ?? item.details.public_timestamp ?? item.updated_at ?? null;
  const members = item.schema_name === 'document_collection' || item.details.collection_groups ? membersOf(item) : null;
  const notice = item.withdrawn_notice;
  return {
    docId: govukDocId(item.base_path),
    url: govukUrl(item.base_path),
    title: item.title,
    documentType:
      item.document_type === 'html_publication' && parent?.document_type
        ? `${parent.document_type}-attachment`
        : item.document_type,
    text,
    signal: item.updated_at ?? updated ?? '',
    // Older items carry only `details.first_public_at`.
    publishedAt: item.first_published_at ?? item.details.first_public_at ?? null,
    updatedAt: updated,
    changeNote: history[0]?.note ?? null,
    // Items that were never withdrawn carry an empty `withdrawn_notice: {}`.
    withdrawn:
      notice && (notice.withdrawn_at || notice.explanation)
        ? { at: notice.withdrawn_at ?? null, explanation: htmlToText(notice.explanation ?? '') }
        : null,
    organisations: (item.links?.organisations ?? []).map((o) => o.title ?? o.base_path ?? '').filter(Boolean),
    attachments,
    parentId: parent?.base_path ? govukDocId(parent.base_path) : null,
    extra: {
      attachments: attachments.map(({ id, kind, title, url, contentType, fileSize }) => ({
        id,
        kind,
        title,
        url,
        ...(contentType ? { contentType } : {}),
        ...(fileSize !== undefined ? { fileSize } : {}),
      })),
      changeNote: history[0]?.note ?? null,
      ...(members ? { members } : {}),
    },
  };
}

/** A PDF attachment as a document: its text as the PDF reader found it, or none and why. */
export function documentFromPdf(fetched: Fetched, entry: ListingEntry): DocumentSnapshot {
  const pdf = fetched.extracted ?? { pages: 0, text: '', sha256: '' };
  const text = normalizeText(pdf.text);
  const pages = `${pdf.pages} page${pdf.pages === 1 ? '' : 's'}`;
  return {
    docId: entry.docId,
    url: entry.url,
    title: entry.title,
    documentType: 'pdf-attachment',
    text,
    signal: entry.signal,
    publishedAt: null,
    updatedAt: null,
    changeNote: entry.changeNote ?? null,
    withdrawn: null,
    organisations: [],
    attachments: [],
    parentId: entry.parentId ?? null,
    // Without a text layer the bytes are all there is to compare.
    extra: { pdf: text ? { pages: pdf.pages } : { pages: pdf.pages, sha256: pdf.sha256 } },
    noText: text ? null : noTextReason(pdf, pages, entry.url),
  };
}

function noTextReason(pdf: ExtractedText, pages: string, url: string): string {
  if (pdf.unreadable) return `${pdf.unreadable.replace(/\s*\(source [^)]*\)$/, '')} Read it at ${url}`;
  return `This PDF (${pages}) has no text layer, a scan perhaps, so there is no text to compare: read it at ${url}`;
}
