/**
 * A stage's amendments, each a document of its own keyed by `amendmentId`. The list pages
 * (`/Stages/{id}/Amendments?Skip&Take`) are only an index: each item's search fields are its change
 * signal, so the detail (`/Amendments/{amendmentId}`, with the clause text in `amendmentLines`) is
 * read only for an amendment that is new or whose listed fields moved. An alert carries the
 * amendment's text, sponsors and decision, so watched keywords are found anywhere in it.
 */
import type { z } from 'zod';
import { clip } from '../../core/describe-change';
import type { DocumentSnapshot, Fetched, ListingEntry } from '../../core/model';
import type { DetailResult, Endpoints, StructuredEvent } from '../../core/source-kind';
import { stableId } from '../../core/ids';
import { amendmentItem, amendmentPage, parseBillsJson } from './bills-api';
import { amendmentDocId, amendmentsDocId, billDocId, decisionLabel, type AmendmentFacts } from './documents';
import { api } from './listing';

type Item = z.infer<typeof amendmentItem>;

/** What the list shows of an amendment: when any of it moves, its detail is read again. */
function itemSignal(a: Item): string {
  return stableId(
    a.marshalledListText,
    a.decision,
    a.amendmentType,
    a.clause,
    a.schedule,
    a.pageNumber,
    a.lineNumber,
    JSON.stringify(a.sponsors.map((s) => [s.name, Boolean(s.isLead)])),
    JSON.stringify(a.summaryText),
  );
}

export function amendmentsRequest(
  endpoints: Endpoints,
  billId: number,
  billStageId: number,
  skip: number,
  take: number,
) {
  return api(endpoints, `/Bills/${billId}/Stages/${billStageId}/Amendments?Skip=${skip}&Take=${take}`);
}

/** One page of a stage's amendments: no document of its own, only the amendments and the next page. */
export function amendmentIndex(
  fetched: Fetched,
  entry: ListingEntry,
  where: { billId: number; billStageId: number; source: string; take: number },
  endpoints: Endpoints,
): DetailResult {
  const { billId, billStageId } = where;
  const data = parseBillsJson(fetched, amendmentPage, where.source);
  const skip = Number(new URL(fetched.url).searchParams.get('Skip') ?? 0);
  // "Procurement Bill [HL]: amendments at Report stage (Commons)" → "Procurement Bill [HL], Report stage (Commons)"
  const at = entry.title.replace(/: amendments at /, ', ');
  const follow: ListingEntry[] = data.items.map((a) => ({
    docId: amendmentDocId(billId, a.amendmentId),
    url: `https://bills.parliament.uk/bills/${billId}/stages/${billStageId}/amendments/${a.amendmentId}`,
    title: `${at}: amendment ${a.marshalledListText ?? a.amendmentId}`,
    signal: itemSignal(a),
    parentId: billDocId(billId),
    detail: api(endpoints, `/Bills/${billId}/Stages/${billStageId}/Amendments/${a.amendmentId}`),
  }));
  if (data.items.length > 0 && skip + data.items.length < data.totalResults) {
    const page = Math.floor(skip / Math.max(where.take, 1)) + 2;
    follow.push({
      docId: amendmentsDocId(billId, billStageId, page),
      url: entry.url,
      title: entry.title,
      signal: entry.signal,
      parentId: billDocId(billId),
      detail: amendmentsRequest(endpoints, billId, billStageId, skip + data.items.length, where.take),
    });
  }
  return { documents: [], follow };
}

function factsOf(doc: { extra?: Record<string, unknown> | null }): AmendmentFacts | null {
  const x = doc.extra;
  return x && typeof x.amendmentId === 'number' ? (x as unknown as AmendmentFacts) : null;
}

function describe(a: AmendmentFacts): string {
  const by = a.sponsors.length ? `, tabled by ${a.sponsors.join(', ')}` : '';
  const words = a.lines.length ? ` Text: ${a.lines.join(' ')}` : '';
  const explained = a.explanatory ? ` ${a.explanatory}` : '';
  return `Amendment ${a.label}${by}. Decision: ${decisionLabel(a.decision)}.${words}${explained}`;
}

/** A newly tabled amendment: its clause text, sponsors and decision, all searched for keywords. */
export function amendmentTabled(after: DocumentSnapshot): StructuredEvent[] {
  const a = factsOf(after);
  if (!a) return [];
  return [
    {
      type: 'amendment-tabled',
      key: `amendment:${a.amendmentId}`,
      title: after.title,
      summary: clip(describe(a), 2000),
      text: after.text,
    },
  ];
}

/** A known amendment whose decision or words moved (agreed, withdrawn, re-worded). */
export function amendmentChanged(before: { extra?: Record<string, unknown> | null }, after: DocumentSnapshot) {
  const was = factsOf(before);
  const now = factsOf(after);
  if (!now) return [];
  if (!was) return amendmentTabled(after);
  const events: StructuredEvent[] = [];
  if (was.decision !== now.decision) {
    events.push({
      type: 'amendment-decided',
      key: `decision:${now.amendmentId}:${now.decision}`,
      title: after.title,
      summary: `Amendment ${now.label}: ${decisionLabel(was.decision)} → ${decisionLabel(now.decision)}.`,
      text: after.text,
    });
  }
  const words = (a: AmendmentFacts) => JSON.stringify([a.lines, a.explanatory, a.sponsors, a.label]);
  if (words(was) !== words(now)) {
    events.push({
      type: 'amendment-changed',
      key: `text:${now.amendmentId}`,
      title: after.title,
      summary: clip(`Amendment ${now.label} was changed. Now: ${describe(now)}`, 2000),
      text: after.text,
    });
  }
  return events;
}
