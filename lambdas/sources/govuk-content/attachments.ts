/**
 * A GOV.UK item's attachments, in both shapes GOV.UK has used (`details.attachments` objects, and the
 * older `details.documents` pre-rendered HTML), and the ones read as documents of their own: HTML
 * attachments through the Content API, PDF files from the asset host. The BSCC–Hikvision letters are
 * attachments of one publication, and a letter may arrive as a PDF first.
 */
import { load } from 'cheerio/slim';
import type { Attachment, DocumentSnapshot, ListingEntry } from '../../core/model';
import type { Endpoints } from '../../core/source-kind';
import { govukDocId, govukUrl, pathOf, type ContentItem } from './content-item';

export function attachmentsOf(item: ContentItem): Attachment[] {
  const out: Attachment[] = [];
  for (const a of item.details.attachments ?? []) {
    if (!a.url) continue;
    const kind = a.attachment_type === 'html' ? 'html' : a.attachment_type === 'external' ? 'external' : 'file';
    out.push({
      id: String(a.id ?? a.url),
      title: a.title ?? a.url,
      url: absolute(a.url),
      kind,
      contentType: a.content_type,
      ...(typeof a.file_size === 'number' ? { fileSize: a.file_size } : {}),
    });
  }
  for (const html of item.details.documents ?? []) {
    const $ = load(html);
    const section = $('section.attachment');
    const link = section.find('h2.title a, .title a').first();
    const href = link.attr('href');
    if (!href || out.some((a) => pathOf(a.url) === pathOf(href))) continue;
    const type = section.find('.type').first().text().trim().toLowerCase();
    out.push({
      id: section.attr('id') ?? href,
      title: link.text().trim(),
      url: absolute(href),
      kind: type === 'html' ? 'html' : /^https?:/.test(href) && !/gov\.uk\//.test(href) ? 'external' : 'file',
      ...(/pdf/.test(type) ? { contentType: 'application/pdf' } : {}),
    });
  }
  return out;
}

/** GOV.UK gives HTML attachments as www.gov.uk URLs or site paths, files as asset-host URLs. */
function absolute(url: string): string {
  if (/^https?:\/\/(www\.)?gov\.uk\//.test(url) || url.startsWith('/')) return govukUrl(pathOf(url));
  return url;
}

export function isPdf(a: Attachment): boolean {
  return a.kind === 'file' && (/application\/pdf/i.test(a.contentType ?? '') || /\.pdf$/i.test(pathOf(a.url)));
}

/** Where a file attachment's bytes are read: the asset host, or the replay server standing in for it. */
function assetRequest(url: string, endpoints: Endpoints): { url: string; bucket: string } | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (!/(^|\.)publishing\.service\.gov\.uk$|(^|\.)gov\.uk$/.test(u.hostname)) return null;
  return { url: `${endpoints.govukAssets.replace(/\/+$/, '')}${u.pathname}`, bucket: 'govuk-assets' };
}

/**
 * A file's id, apart from pages of www.gov.uk. Whitehall keeps an attachment's id when its file is
 * replaced, while the replacement gets a new asset URL: so a re-issued PDF is the same document
 * changed (`govuk-asset:/government/publications/…#7390811`), not a new letter and a removed one.
 * Without a stable id (the older pre-rendered `details.documents`), the asset path stands in.
 */
export function assetDocId(a: Attachment, parentPath: string): string {
  const stable = a.id !== a.url && /^[\w-]+$/.test(a.id);
  return stable ? `govuk-asset:${parentPath}#${a.id}` : `govuk-asset:${pathOf(a.url)}`;
}

/** The attachments read as documents of their own (HTML through the Content API, PDFs as files). */
export function followAttachments(doc: DocumentSnapshot, endpoints: Endpoints): ListingEntry[] {
  const follow: ListingEntry[] = [];
  for (const a of doc.attachments) {
    const common = { url: a.url, title: a.title, parentId: doc.docId, changeNote: doc.changeNote };
    if (a.kind === 'html') {
      // An HTML attachment has no timestamp of its own: it is re-read whenever its publication
      // moves, minor changes (updated_at) included.
      const path = pathOf(a.url);
      const detail = { url: `${endpoints.govuk}/api/content${path}`, bucket: 'govuk-content' };
      follow.push({ ...common, docId: govukDocId(path), signal: doc.signal, detail });
      continue;
    }
    const request = isPdf(a) ? assetRequest(a.url, endpoints) : null;
    if (!request) continue;
    // A file is re-read when its address or size changes (a re-issued PDF gets a new asset or size),
    // not whenever its publication is republished: PDFs are the heaviest requests of a cycle.
    const signal = `file:${a.url}|${a.fileSize ?? ''}`;
    follow.push({
      ...common,
      docId: assetDocId(a, pathOf(doc.url)),
      signal,
      detail: { ...request, binary: true, accept: 'application/pdf' },
    });
  }
  return follow;
}
