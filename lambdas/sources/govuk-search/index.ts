/**
 * `govuk-search`: lists documents from the GOV.UK Search API, newest first, filtered by
 * organisation and document type, paged with `start`/`count` until `total`. The result's
 * `public_timestamp` is the change signal: a document's detail is read from the Content API only
 * when it is new or its timestamp moved.
 */
import * as z from 'zod';
import { ParseError } from '../../core/errors';
import type { Fetched, ListingEntry } from '../../core/model';
import type { SourceKind } from '../../core/source-kind';
import type { GovukSearchConfig } from './declaration';
import { keepMatching } from './filter-check';
import { govukDocId, govukUrl, pathOf } from '../govuk-content/content-item';
import { readGovukDetail } from '../govuk-content/govuk-detail';
import { memberEvents } from '../govuk-content/member-events';

export type { GovukSearchConfig } from './declaration';

/** Fields asked for explicitly: `content_store_document_type` is not in the default set. */
export const SEARCH_FIELDS = [
  'title',
  'link',
  'public_timestamp',
  // Time of the last indexing: moves on minor changes too, which public_timestamp does not.
  'updated_at',
  'content_store_document_type',
  'description',
  'organisations',
];

const result = z
  .object({
    title: z.string(),
    link: z.string(),
    public_timestamp: z.string().nullish(),
    updated_at: z.string().nullish(),
    content_store_document_type: z.string().nullish(),
    organisations: z.unknown().optional(),
  })
  .passthrough();

const response = z
  .object({ results: z.array(result), total: z.number().int().min(0), start: z.number().int().min(0).optional() })
  .passthrough();

/** What the listing reads of one result (the rest of the Search API's fields are not used). */
export interface SearchResult {
  title: string;
  link: string;
  publicTimestamp: string | null;
  updatedAt: string | null;
  documentType: string | null;
  /** Organisation slugs. */
  organisations: string[];
}

function slugsOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((o: unknown) => {
    if (typeof o === 'string') return [o];
    const slug = o && typeof o === 'object' ? (o as { slug?: unknown }).slug : undefined;
    return typeof slug === 'string' ? [slug] : [];
  });
}

/** One page of a Search API response, its shape checked: the results, the total and where the page starts. */
export function readSearchPage(
  fetched: Fetched,
  sourceId: string,
): { results: SearchResult[]; total: number; start: number } {
  let json: unknown;
  try {
    json = JSON.parse(fetched.body);
  } catch {
    throw new ParseError(`GOV.UK search answered ${fetched.url} with something that is not JSON.`, {
      url: fetched.url,
      source: sourceId,
    });
  }
  const parsed = response.safeParse(json);
  if (!parsed.success) {
    const field = parsed.error.issues[0].path.join('.') || '(root)';
    throw new ParseError(`GOV.UK search response has an unexpected shape: field "${field}" is missing or wrong.`, {
      url: fetched.url,
      source: sourceId,
      field,
    });
  }
  const start = Number(new URL(fetched.url).searchParams.get('start') ?? parsed.data.start ?? 0);
  const results = parsed.data.results.map((r) => ({
    title: r.title,
    link: r.link,
    publicTimestamp: r.public_timestamp ?? null,
    updatedAt: r.updated_at ?? null,
    documentType: r.content_store_document_type ?? null,
    organisations: slugsOf(r.organisations),
  }));
  return { results, total: parsed.data.total, start };
}

/**
 * Search API ORs the words of an unquoted query (two of three must match), so `Procurement Act 2023`
 * would list most of a department's output; a quoted phrase matches the phrase.
 */
export function phrase(q: string): string {
  const t = q.trim();
  return /\s/.test(t) && !/^".*"$/.test(t) ? `"${t.replace(/"/g, '')}"` : t;
}

export function searchUrl(config: GovukSearchConfig, base: string, start: number): string {
  const p = new URLSearchParams();
  for (const org of config.organisations) p.append('filter_organisations', org);
  for (const type of config.documentTypes) p.append('filter_content_store_document_type', type);
  if (config.q) p.set('q', phrase(config.q));
  p.set('order', '-public_timestamp');
  for (const f of SEARCH_FIELDS) p.append('fields', f);
  p.set('count', String(config.count ?? 100));
  p.set('start', String(start));
  return `${base}/api/search.json?${p.toString()}`;
}

export const govukSearch: SourceKind<GovukSearchConfig> = {
  kind: 'govuk-search',
  listing: (config, endpoints) => ({ url: searchUrl(config, endpoints.govuk, 0), bucket: 'govuk-search' }),
  parseListing(fetched, config, endpoints) {
    const { results, total, start } = readSearchPage(fetched, config.id);
    const entries: ListingEntry[] = keepMatching(results, config, fetched.url).map((r) => {
      const path = pathOf(r.link);
      return {
        docId: govukDocId(path),
        url: govukUrl(path),
        title: r.title,
        // A minor change (a corrected date) moves updated_at only: the detail is read again, and an
        // alert is raised only if the stored text moved.
        signal: [r.publicTimestamp, r.updatedAt].filter(Boolean).join('|'),
        detail: { url: `${endpoints.govuk}/api/content${path}`, bucket: 'govuk-content' },
      };
    });
    const nextStart = start + results.length;
    const next =
      results.length > 0 && nextStart < total
        ? { url: searchUrl(config, endpoints.govuk, nextStart), bucket: 'govuk-search' }
        : null;
    return { entries, next, scanned: results.length, total };
  },
  parseDetail: (fetched, entry, config, endpoints) => readGovukDetail(fetched, entry, config.id, endpoints),
  compare: (before, after) => memberEvents(before, after),
  diffsText: true,
};
