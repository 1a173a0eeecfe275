/**
 * Every search result is checked against the source's own filter before it can become a document:
 * if GOV.UK ignored or renamed a filter, the listing would otherwise turn a department's whole
 * output into "new letters". A result matches when its `content_store_document_type` is one of the
 * source's types and one of its organisations is one of the source's (both fields are asked for
 * explicitly in `fields`). A page of which no result matches fails the source in one sentence.
 */
import { namingSource, ParseError } from '../../core/errors';

export interface FilterFields {
  documentType: string | null;
  organisations: string[];
}

export interface SearchFilter {
  id: string;
  organisations: string[];
  documentTypes: string[];
}

export function matchesFilter(result: FilterFields, filter: SearchFilter): boolean {
  if (!result.documentType || !filter.documentTypes.includes(result.documentType)) return false;
  return result.organisations.some((slug) => filter.organisations.includes(slug));
}

export function keepMatching<T extends FilterFields>(results: T[], filter: SearchFilter, url: string): T[] {
  const kept = results.filter((r) => matchesFilter(r, filter));
  if (results.length > 0 && kept.length === 0) {
    throw new ParseError(
      `None of the ${results.length} results GOV.UK search returned for ${filter.id} match its filter ` +
        `(organisations ${filter.organisations.join(', ')}; document types ${filter.documentTypes.join(', ')}): ` +
        'the search may have ignored or renamed a filter, so nothing was recorded.',
      namingSource(filter.id, { url, field: 'results' }),
    );
  }
  return kept;
}
