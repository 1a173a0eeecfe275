/**
 * Reads one GOV.UK Content API item (`/api/content/<path>`) into a document, and finds its HTML
 * attachments in both shapes GOV.UK has used: `details.documents` (pre-rendered HTML strings,
 * before 2026) and `details.attachments` (objects, after). An HTML attachment is a document of
 * its own: the BSCC–Hikvision letters are attachments of one publication.
 */
import { load } from 'cheerio/slim';
import { z } from 'zod';
import { ParseError } from '../../core/errors';
import type { Attachment, DocumentSnapshot, Fetched, ListingEntry } from '../../core/model';
import { htmlToText } from '../../core/text/html-to-text';
import { normalizeText } from '../../core/text/normalize';

const linkedItem = z
  .object({ title: z.string().optional(), base_path: z.string().optional(), document_type: z.string().optional() })
  .passthrough();

const contentItem = z
  .object({
    // A site path: `/government/…`, never `//host` or `@host`.
    base_path: z.string().regex(/^\/(?!\/)\S*$/, 'must be a site path starting with "/"'),
    title: z.string(),
    document_type: z.string(),
    description: z.string().nullish(),
    first_published_at: z.string().nullish(),
    public_updated_at: z.string().nullish(),
    updated_at: z.string().nullish(),
    withdrawn_notice: z
      .object({ explanation: z.string().nullish(), withdrawn_at: z.string().nullish() })
      .passthrough()
      .nullish(),
    details: z
      .object({
        body: z.string().nullish(),
        change_history: z.array(z.object({ public_timestamp: z.string(), note: z.string() }).passthrough()).nullish(),
        documents: z.array(z.string()).nullish(),
        attachments: z
          .array(
            z
              .object({
                id: z.string().or(z.number()).optional(),
                title: z.string().optional(),
                url: z.string().optional(),
                attachment_type: z.string().optional(),
                content_type: z.string().optional(),
              })
              .passthrough(),
          )
          .nullish(),
        public_timestamp: z.string().nullish(),
      })
      .passthrough(),
    links: z
      .object({
        organisations: z.array(linkedItem).nullish(),
        parent: z.array(linkedItem).nullish(),
      })
      .passthrough()
      .nullish(),
  })
  .passthrough();

export type ContentItem = z.infer<typeof contentItem>;

export function parseContentJson(fetched: Fetched, source?: string): ContentItem {
  let json: unknown;
  try {
    json = JSON.parse(fetched.body);
  } catch {
    throw new ParseError(`GOV.UK answered ${fetched.url} with something that is not JSON.`, {
      url: fetched.url,
      source,
    });
  }
  const parsed = contentItem.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || '(root)';
    throw new ParseError(
      `GOV.UK content item at ${fetched.url} has an unexpected shape: field "${field}" ${issue.message.toLowerCase()}.`,
      {
        url: fetched.url,
        source,
        field,
      },
    );
  }
  return parsed.data;
}

/** `govuk:/government/publications/...`: stable across http/https and www/api forms of the URL. */
export function govukDocId(path: string): string {
  return `govuk:${path.replace(/\/+$/, '')}`;
}

/**
 * The www.gov.uk page at a site path, built as a URL from a path, never by pasting strings: a
 * `base_path` such as `@evil.example/x` must not turn into `https://www.gov.uk@evil.example/x`.
 */
export function govukUrl(path: string): string {
  const url = new URL(
    path.startsWith('/') && !path.startsWith('//') ? path : `/${path.replace(/^\/+/, '')}`,
    'https://www.gov.uk/',
  );
  if (url.origin !== 'https://www.gov.uk')
    throw new ParseError(`${JSON.stringify(path.slice(0, 200))} is not a GOV.UK path.`);
  return url.toString();
}

export function pathOf(url: string): string {
  try {
    return new URL(url, 'https://www.gov.uk').pathname;
  } catch {
    return url;
  }
}

export function attachmentsOf(item: ContentItem, govukBase: string): Attachment[] {
  const out: Attachment[] = [];
  for (const a of item.details.attachments ?? []) {
    if (!a.url) continue;
    const kind = a.attachment_type === 'html' ? 'html' : a.attachment_type === 'external' ? 'external' : 'file';
    out.push({
      id: String(a.id ?? a.url),
      title: a.title ?? a.url,
      url: absolute(a.url, govukBase),
      kind,
      contentType: a.content_type,
    });
  }
  for (const html of item.details.documents ?? []) {
    const $ = load(html);
    const section = $('section.attachment');
    const link = section.find('h2.title a, .title a').first();
    const href = link.attr('href');
    if (!href) continue;
    const type = section.find('.type').first().text().trim().toLowerCase();
    const id = section.attr('id') ?? href;
    if (out.some((a) => pathOf(a.url) === pathOf(href))) continue;
    out.push({
      id,
      title: link.text().trim(),
      url: absolute(href, govukBase),
      kind: type === 'html' ? 'html' : /^https?:/.test(href) && !href.includes('gov.uk') ? 'external' : 'file',
    });
  }
  return out;
}

function absolute(url: string, base: string): string {
  // GOV.UK gives HTML attachments as www.gov.uk URLs or site paths; the item is read from `base`.
  const path = pathOf(url);
  return /^https?:\/\/(www\.)?gov\.uk\//.test(url) || url.startsWith('/') ? govukUrl(path) : url;
}

export function documentFromContent(item: ContentItem, govukBase: string): DocumentSnapshot {
  const history = item.details.change_history ?? [];
  const attachments = attachmentsOf(item, govukBase);
  const parentPath = item.links?.parent?.[0]?.base_path ?? null;
  const body = item.details.body ? htmlToText(item.details.body) : '';
  const text = normalizeText([item.title, item.description ?? '', body].filter(Boolean).join('\n\n'));
  const updated = item.public_updated_at ?? item.details.public_timestamp ?? item.updated_at ?? null;
  return {
    docId: govukDocId(item.base_path),
    url: govukUrl(item.base_path),
    title: item.title,
    documentType:
      item.document_type === 'html_publication' && item.links?.parent?.[0]?.document_type
        ? `${item.links.parent[0].document_type}-attachment`
        : item.document_type,
    text,
    signal: updated ?? '',
    publishedAt: item.first_published_at ?? null,
    updatedAt: updated,
    changeNote: history[0]?.note ?? null,
    // Items that were never withdrawn carry an empty `withdrawn_notice: {}`.
    withdrawn:
      item.withdrawn_notice && (item.withdrawn_notice.withdrawn_at || item.withdrawn_notice.explanation)
        ? {
            at: item.withdrawn_notice.withdrawn_at ?? null,
            explanation: htmlToText(item.withdrawn_notice.explanation ?? ''),
          }
        : null,
    organisations: (item.links?.organisations ?? []).map((o) => o.title ?? o.base_path ?? '').filter(Boolean),
    attachments,
    parentId: parentPath ? govukDocId(parentPath) : null,
  };
}

/** HTML attachments to read as documents of their own, through the Content API. */
export function followAttachments(doc: DocumentSnapshot, govukBase: string): ListingEntry[] {
  return doc.attachments
    .filter((a) => a.kind === 'html')
    .map((a) => ({
      docId: govukDocId(pathOf(a.url)),
      url: a.url,
      title: a.title,
      // An attachment carries no timestamp of its own: it is re-read when its publication moves.
      signal: doc.signal,
      parentId: doc.docId,
      changeNote: doc.changeNote,
      detail: { url: `${govukBase}/api/content${pathOf(a.url)}`, bucket: 'govuk-content' },
    }));
}
