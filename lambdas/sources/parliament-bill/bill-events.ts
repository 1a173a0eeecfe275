/**
 * What moved in a bill, from two versions of its structured content: a new current stage
 * (`bill-stage-changed`, "Report stage (Commons) → 3rd reading (Commons)", Royal Assent), a new
 * publication (`new-bill-publication`). Stage lists are stored but raise nothing themselves: the
 * bill's own current stage says it once. Amendments are documents of their own (amendments.ts).
 */
import type { DocumentSnapshot } from '../../core/model';
import type { StructuredEvent } from '../../core/source-kind';
import { stageLabel, type PublicationRow, type StageRef } from './documents';

type Extra = Record<string, unknown> | null | undefined;

function list<T>(extra: Extra, key: string): T[] {
  const v = extra?.[key];
  return Array.isArray(v) ? (v as T[]) : [];
}

function billTitle(after: DocumentSnapshot): string {
  return after.title.replace(/: (stages|publications|.*amendments.*)$/i, '');
}

export function billEvents(before: Extra, after: DocumentSnapshot): StructuredEvent[] {
  const was = (before?.currentStage ?? null) as StageRef | null;
  const now = (after.extra?.currentStage ?? null) as StageRef | null;
  const events: StructuredEvent[] = [];
  if (now && (!was || was.id !== now.id)) {
    events.push({
      type: 'bill-stage-changed',
      key: `stage:${now.id}`,
      title: `${after.title}: ${stageLabel(now)}`,
      summary: `${after.title} moved: ${stageLabel(was)} → ${stageLabel(now)}.`,
    });
  } else if (after.extra?.isAct && !before?.isAct) {
    events.push({
      type: 'bill-stage-changed',
      key: 'royal-assent',
      title: `${after.title}: Royal Assent`,
      summary: `${after.title} received Royal Assent and is now an Act.`,
    });
  }
  if (after.extra?.isDefeated && !before?.isDefeated) {
    events.push({
      type: 'bill-stage-changed',
      key: 'defeated',
      title: `${after.title}: defeated`,
      summary: `${after.title} was defeated at ${stageLabel(now)}.`,
    });
  }
  return events;
}

export function publicationEvents(before: Extra, after: DocumentSnapshot): StructuredEvent[] {
  const known = new Set(list<PublicationRow>(before, 'publications').map((p) => p.id));
  return list<PublicationRow>(after.extra, 'publications')
    .filter((p) => !known.has(p.id))
    .map((p) => ({
      type: 'new-bill-publication',
      key: `publication:${p.id}`,
      title: `${billTitle(after)}: ${p.title}`,
      summary:
        `New ${p.type || 'publication'}${p.house ? ` (${p.house})` : ''}${p.date ? ` dated ${p.date}` : ''}: ` +
        `${p.title}${p.url ? ` — ${p.url}` : ''}.`,
      text: p.title,
    }));
}
