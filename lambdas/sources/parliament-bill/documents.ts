/**
 * A bill as documents: the bill itself (its current stage), its stages with sitting dates, its
 * publications, and each amendment on its own, keyed by its `amendmentId` (so one inserted early on
 * a stage with many pages shifts nothing). Each is found inside the bill (`parentId`) and re-read
 * only when the bill's signal moves; the structured content each one compares lives in `extra`.
 */
import type { z } from 'zod';
import type { DocumentSnapshot } from '../../core/model';
import { normalizeText } from '../../core/text/normalize';
import {
  amendmentDetail,
  bill,
  billPageUrl,
  plain,
  publicationFileUrl,
  publicationList,
  stagePage,
  stageSummary,
} from './bills-api';

export type BillDocKind = 'bill' | 'bill-stages' | 'bill-publications' | 'bill-amendment';

export interface StageRef {
  id: number;
  description: string;
  house: string;
}

export interface StageRow extends StageRef {
  sortOrder: number;
  sittings: string[];
}

export interface PublicationRow {
  id: number;
  title: string;
  type: string;
  house: string;
  date: string | null;
  url: string | null;
}

export interface AmendmentFacts {
  billId: number;
  billStageId: number;
  amendmentId: number;
  label: string;
  /** The API's decision (`NoDecision`, `Agreed`, `Withdrawn`…). */
  decision: string;
  sponsors: string[];
  /** The amendment's own words, line by line (`amendmentLines`), without markup. */
  lines: string[];
  explanatory: string | null;
}

export const billDocId = (billId: number) => `parliament-bill:${billId}`;
export const stagesDocId = (billId: number) => `parliament-bill:${billId}:stages`;
export const publicationsDocId = (billId: number) => `parliament-bill:${billId}:publications`;
/** A page of a stage's amendments: only an index (never stored), so its id just names the request. */
export const amendmentsDocId = (billId: number, billStageId: number, page = 1) =>
  `parliament-bill:${billId}:stage:${billStageId}:amendments${page > 1 ? `:p${page}` : ''}`;
export const amendmentDocId = (billId: number, amendmentId: number) =>
  `parliament-bill:${billId}:amendment:${amendmentId}`;

function snapshot(
  docId: string,
  url: string,
  title: string,
  documentType: BillDocKind,
  text: string,
  signal: string,
  parentId: string | null,
  extra: Record<string, unknown>,
): DocumentSnapshot {
  return {
    docId,
    url,
    title,
    documentType,
    text: normalizeText(text),
    signal,
    publishedAt: null,
    updatedAt: signal || null,
    changeNote: null,
    withdrawn: null,
    organisations: [],
    attachments: [],
    parentId,
    extra,
  };
}

export function stageRef(stage: z.infer<typeof stageSummary> | null | undefined): StageRef | null {
  if (!stage) return null;
  return {
    id: stage.id,
    description: stage.description ?? stage.abbreviation ?? `stage ${stage.stageId ?? stage.id}`,
    house: stage.house ?? '',
  };
}

export function stageLabel(stage: StageRef | null): string {
  if (!stage) return 'no stage';
  return stage.house && stage.house !== 'Unassigned' ? `${stage.description} (${stage.house})` : stage.description;
}

export function billDocument(b: z.infer<typeof bill>): DocumentSnapshot {
  const current = stageRef(b.currentStage);
  const title = b.shortTitle ?? `Bill ${b.billId}`;
  const sponsors = b.sponsors.map((s) => s.member?.name ?? s.organisation?.name ?? '').filter(Boolean);
  const text = [
    title,
    b.longTitle ?? '',
    `Current stage: ${stageLabel(current)}`,
    b.isAct ? 'Royal Assent: this bill is now an Act.' : '',
    b.isDefeated ? 'The bill was defeated.' : '',
    sponsors.length ? `Sponsors: ${sponsors.join(', ')}` : '',
    b.summary ? plain(b.summary) : '',
  ]
    .filter(Boolean)
    .join('\n');
  const doc = snapshot(billDocId(b.billId), billPageUrl(b.billId), title, 'bill', text, b.lastUpdate, null, {
    billId: b.billId,
    currentStage: current,
    isAct: Boolean(b.isAct),
    isDefeated: Boolean(b.isDefeated),
  });
  if (b.billWithdrawn) doc.withdrawn = { at: b.billWithdrawn, explanation: 'The bill was withdrawn.' };
  return doc;
}

export function stagesDocument(
  billId: number,
  billTitle: string,
  signal: string,
  data: z.infer<typeof stagePage>,
): DocumentSnapshot {
  const stages: StageRow[] = data.items
    .map((s) => ({
      ...stageRef(s)!,
      sortOrder: s.sortOrder ?? 0,
      sittings: s.stageSittings
        .map((x) => x.date ?? '')
        .filter(Boolean)
        .map((d) => d.slice(0, 10))
        .sort(),
    }))
    .sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  const text = stages.map((s) => `${stageLabel(s)}${s.sittings.length ? `: ${s.sittings.join(', ')}` : ''}`).join('\n');
  return snapshot(
    stagesDocId(billId),
    billPageUrl(billId, '/stages'),
    `${billTitle}: stages`,
    'bill-stages',
    text,
    signal,
    billDocId(billId),
    { stages },
  );
}

export function publicationsDocument(
  billId: number,
  billTitle: string,
  signal: string,
  data: z.infer<typeof publicationList>,
): DocumentSnapshot {
  const publications: PublicationRow[] = data.publications
    .map((p) => ({
      id: p.id,
      title: plain(p.title) || `Publication ${p.id}`,
      type: p.publicationType?.name ?? '',
      house: p.house ?? '',
      date: p.displayDate ? p.displayDate.slice(0, 10) : null,
      url: p.links.find((l) => l.url)?.url ?? (p.files.length ? publicationFileUrl(p.id, p.files[0].id) : null),
    }))
    .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.id - a.id);
  const text = publications.map((p) => `${p.date ?? ''} ${p.type}: ${p.title}`.trim()).join('\n');
  return snapshot(
    publicationsDocId(billId),
    billPageUrl(billId, '/publications'),
    `${billTitle}: publications`,
    'bill-publications',
    text,
    signal,
    billDocId(billId),
    { publications },
  );
}

/** "NoDecision" → "no decision yet", "NegativedOnDivision" → "negatived on division". */
export function decisionLabel(decision: string): string {
  if (!decision || decision === 'NoDecision') return 'no decision yet';
  return decision.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

export function amendmentText(a: AmendmentFacts): string {
  return [
    `Amendment ${a.label}`,
    a.sponsors.length ? `Tabled by ${a.sponsors.join(', ')}` : '',
    `Decision: ${decisionLabel(a.decision)}`,
    ...a.lines,
    a.explanatory ?? '',
  ]
    .filter(Boolean)
    .join('\n');
}

export function amendmentDocument(
  title: string,
  signal: string,
  data: z.infer<typeof amendmentDetail>,
  where: { billId: number; billStageId: number },
): DocumentSnapshot {
  const billId = data.billId ?? where.billId;
  const billStageId = data.billStageId ?? where.billStageId;
  const explanatory = plain(data.explanatoryText);
  const facts: AmendmentFacts = {
    billId,
    billStageId,
    amendmentId: data.amendmentId,
    label: data.marshalledListText ?? String(data.amendmentId),
    decision: data.decision ?? 'NoDecision',
    // The lead sponsor first, as the amendment paper prints them.
    sponsors: [...data.sponsors]
      .sort((a, b) => Number(Boolean(b.isLead)) - Number(Boolean(a.isLead)))
      .map((s) => s.name ?? '')
      .filter(Boolean),
    lines: data.amendmentLines
      .filter((l) => !l.isImage)
      .map((l) => plain(l.text))
      .filter(Boolean),
    explanatory: explanatory ? `${plain(data.explanatoryTextPrefix) || 'Explanatory statement'}: ${explanatory}` : null,
  };
  return snapshot(
    amendmentDocId(billId, data.amendmentId),
    billPageUrl(billId, `/stages/${billStageId}/amendments/${data.amendmentId}`),
    title,
    'bill-amendment',
    amendmentText(facts),
    signal,
    billDocId(billId),
    { ...facts },
  );
}
