/**
 * A bill as documents: the bill itself (its current stage), its stages with sitting dates, its
 * publications, and the amendments of each stage. Each is a document of its own, found inside the
 * bill (`parentId`) and re-read only when the bill's `lastUpdate` moves; the structured content
 * each one compares lives in `extra`.
 */
import type { z } from 'zod';
import type { DocumentSnapshot } from '../../core/model';
import { normalizeText } from '../../core/text/normalize';
import { amendmentPage, bill, billPageUrl, plain, publicationList, stagePage, stageSummary } from './bills-api';

export type BillDocKind = 'bill' | 'bill-stages' | 'bill-publications' | 'bill-amendments';

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

export interface AmendmentRow {
  id: number;
  label: string;
  text: string;
  decision: string;
  sponsors: string[];
}

export const billDocId = (billId: number) => `parliament-bill:${billId}`;
export const stagesDocId = (billId: number) => `parliament-bill:${billId}:stages`;
export const publicationsDocId = (billId: number) => `parliament-bill:${billId}:publications`;
export const amendmentsDocId = (billId: number, billStageId: number, page = 1) =>
  `parliament-bill:${billId}:stage:${billStageId}:amendments${page > 1 ? `:p${page}` : ''}`;

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
  const sponsors = (b.sponsors ?? []).map((s) => s.member?.name ?? s.organisation?.name ?? '').filter(Boolean);
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
      sittings: (s.stageSittings ?? [])
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
      url: p.links?.find((l) => l.url)?.url ?? null,
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

export function amendmentsDocument(
  billId: number,
  billStageId: number,
  page: number,
  title: string,
  signal: string,
  data: z.infer<typeof amendmentPage>,
): DocumentSnapshot {
  const amendments: AmendmentRow[] = data.items
    .map((a) => ({
      id: a.amendmentId,
      label: a.marshalledListText ?? String(a.amendmentId),
      text: (a.summaryText ?? []).map(plain).filter(Boolean).join(' '),
      decision: a.decision ?? '',
      sponsors: (a.sponsors ?? []).map((s) => s.name ?? '').filter(Boolean),
    }))
    .sort((a, b) => a.id - b.id);
  const text = amendments
    .map((a) => `Amendment ${a.label}${a.sponsors.length ? ` (${a.sponsors.join(', ')})` : ''}: ${a.text}`)
    .join('\n');
  return snapshot(
    amendmentsDocId(billId, billStageId, page),
    billPageUrl(billId, `/stages/${billStageId}/amendments`),
    title,
    'bill-amendments',
    text,
    signal,
    billDocId(billId),
    {
      billStageId,
      amendments,
    },
  );
}
