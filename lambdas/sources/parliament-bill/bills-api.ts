/**
 * The UK Parliament Bills API (`https://bills-api.parliament.uk/api/v1`): the response shapes this
 * source reads, validated with zod, and the URLs it asks for. Unknown keys pass through: the API
 * adds fields over time and none of them should break a cycle.
 */
import * as z from 'zod';
import { ParseError } from '../../core/errors';
import type { Fetched } from '../../core/model';

/**
 * A list the API's description marks nullable: `null` and absent both read as empty, so a bill
 * without sittings, sponsors or files is a bill, not a parse failure.
 */
const list = <T extends z.ZodTypeAny>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);

const sitting = z
  .object({ id: z.number().optional(), billStageId: z.number().optional(), date: z.string().nullish() })
  .passthrough();

export const stageSummary = z
  .object({
    id: z.number(),
    stageId: z.number().nullish(),
    description: z.string().nullish(),
    abbreviation: z.string().nullish(),
    house: z.string().nullish(),
    sortOrder: z.number().nullish(),
    stageSittings: list(sitting),
  })
  .passthrough();

/** `GET /Bills/{billId}/Stages/{billStageId}`: a stage with its own `lastUpdate`. */
export const stageDetails = stageSummary.extend({ lastUpdate: z.string() }).passthrough();

export const billSummary = z
  .object({
    billId: z.number(),
    shortTitle: z.string().nullish(),
    currentHouse: z.string().nullish(),
    originatingHouse: z.string().nullish(),
    lastUpdate: z.string(),
    billWithdrawn: z.string().nullish(),
    isDefeated: z.boolean().nullish(),
    isAct: z.boolean().nullish(),
    introducedSessionId: z.number().nullish(),
    includedSessionIds: list(z.number()),
    currentStage: stageSummary.nullish(),
  })
  .passthrough();

export const bill = billSummary
  .extend({
    longTitle: z.string().nullish(),
    summary: z.string().nullish(),
    sponsors: list(
      z
        .object({
          member: z.object({ name: z.string().nullish(), party: z.string().nullish() }).passthrough().nullish(),
          organisation: z.object({ name: z.string().nullish() }).passthrough().nullish(),
        })
        .passthrough(),
    ),
  })
  .passthrough();

const page = <T extends z.ZodTypeAny>(item: T) =>
  z
    .object({ items: list(item), totalResults: z.number().int().min(0), itemsPerPage: z.number().int().optional() })
    .passthrough();

export const billPage = page(billSummary);
export const stagePage = page(stageSummary);

export const publicationList = z
  .object({
    billId: z.number().optional(),
    publications: list(
      z
        .object({
          id: z.number(),
          title: z.string().nullish(),
          house: z.string().nullish(),
          displayDate: z.string().nullish(),
          publicationType: z.object({ name: z.string().nullish() }).passthrough().nullish(),
          links: list(z.object({ url: z.string().nullish(), contentType: z.string().nullish() }).passthrough()),
          // Modern publications carry their documents as files (read through /Publications/{id}/Documents).
          files: list(z.object({ id: z.number(), filename: z.string().nullish() }).passthrough()),
        })
        .passthrough(),
    ),
  })
  .passthrough();

const amendmentMember = z
  .object({ name: z.string().nullish(), party: z.string().nullish(), isLead: z.boolean().nullish() })
  .passthrough();

const amendmentCommon = {
  amendmentId: z.number(),
  billId: z.number().optional(),
  billStageId: z.number().optional(),
  marshalledListText: z.string().nullish(),
  amendmentType: z.string().nullish(),
  decision: z.string().nullish(),
  clause: z.number().nullish(),
  schedule: z.number().nullish(),
  pageNumber: z.number().nullish(),
  lineNumber: z.number().nullish(),
  sponsors: list(amendmentMember),
};

export const amendmentItem = z.object({ ...amendmentCommon, summaryText: list(z.string()) }).passthrough();
export const amendmentPage = page(amendmentItem);

/** `GET /Bills/{billId}/Stages/{billStageId}/Amendments/{amendmentId}`: the amendment's full text. */
export const amendmentDetail = z
  .object({
    ...amendmentCommon,
    amendmentLines: list(
      z
        .object({ text: z.string().nullish(), indentation: z.number().nullish(), isImage: z.boolean().nullish() })
        .passthrough(),
    ),
    explanatoryText: z.string().nullish(),
    explanatoryTextPrefix: z.string().nullish(),
    amendmentNote: z.string().nullish(),
  })
  .passthrough();

/** Parses a Bills API answer, naming the first field that does not fit. */
export function parseBillsJson<T extends z.ZodTypeAny>(fetched: Fetched, schema: T, source: string): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(fetched.body);
  } catch {
    throw new ParseError(`The Bills API answered ${fetched.url} with something that is not JSON.`, {
      url: fetched.url,
      source,
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const field = parsed.error.issues[0].path.join('.') || '(root)';
    throw new ParseError(
      `The Bills API response at ${fetched.url} has an unexpected shape: field "${field}" is missing or wrong.`,
      { url: fetched.url, source, field },
    );
  }
  return parsed.data;
}

/** Where people download a publication's file (the API's own document download). */
export function publicationFileUrl(publicationId: number, fileId: number): string {
  return `https://bills-api.parliament.uk/api/v1/Publications/${publicationId}/Documents/${fileId}/Download`;
}

/** The public page of a bill, for people (the API is for machines). */
export function billPageUrl(billId: number, suffix = ''): string {
  return `https://bills.parliament.uk/bills/${billId}${suffix}`;
}

export function billsListUrl(
  base: string,
  query: { searchTerm?: string; billIds?: number[]; skip: number; take: number },
): string {
  const p = new URLSearchParams();
  if (query.searchTerm) p.set('SearchTerm', query.searchTerm);
  for (const id of query.billIds ?? []) p.append('BillIds', String(id));
  p.set('SortOrder', 'DateUpdatedDescending');
  p.set('Skip', String(query.skip));
  p.set('Take', String(query.take));
  return `${base}/api/v1/Bills?${p.toString()}`;
}

/** Plain text of the API's lightly marked-up strings (`<b>`, `<i>` in amendment summaries). */
export function plain(text: string | null | undefined): string {
  return (text ?? '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
