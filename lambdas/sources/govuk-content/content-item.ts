/**
 * One GOV.UK Content API item (`/api/content/<path>`): the shape this project reads (checked with
 * zod; unknown keys pass through, GOV.UK adds fields over time), and the ids and URLs derived from
 * it. What a document is made of lives in content-document.ts; attachments in attachments.ts.
 */
import * as z from 'zod';
import { ParseError } from '../../core/errors';
import type { Fetched } from '../../core/model';

const linkedItem = z
  .object({ title: z.string().optional(), base_path: z.string().optional(), document_type: z.string().optional() })
  .passthrough();

const contentItem = z
  .object({
    // A site path: `/government/…`, never `//host` or `@host`.
    base_path: z.string().regex(/^\/(?!\/)\S*$/, 'must be a site path starting with "/"'),
    title: z.string(),
    document_type: z.string(),
    schema_name: z.string().optional(),
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
                file_size: z.number().nullish(),
              })
              .passthrough(),
          )
          .nullish(),
        public_timestamp: z.string().nullish(),
        first_public_at: z.string().nullish(),
        collection_groups: z
          .array(z.object({ title: z.string().nullish(), documents: z.array(z.string()).nullish() }).passthrough())
          .nullish(),
      })
      .passthrough(),
    links: z
      .object({
        organisations: z.array(linkedItem).nullish(),
        parent: z.array(linkedItem).nullish(),
        documents: z.array(linkedItem.extend({ content_id: z.string().optional() }).passthrough()).nullish(),
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
