/**
 * What moved in a bill, from two versions of its structured content: a new current stage
 * (`bill-stage-changed`, "Report stage (Commons) → 3rd reading (Commons)", Royal Assent), a new
 * publication (`new-bill-publication`), a newly tabled amendment (`amendment-tabled`, its text
 * kept so watched keywords are found with an excerpt). Stage lists are stored but raise nothing
 * themselves: the bill's own current stage says it once.
 */
import type { DocumentSnapshot } from '../../core/model';
import type { StructuredEvent } from '../../core/source-kind';
import { clip } from '../../core/describe-change';
import { stageLabel, type AmendmentRow, type PublicationRow, type StageRef } from './documents';

/** Beyond this many amendments at once, one summary alert instead of one each. */
export const AMENDMENTS_ONE_BY_ONE = 20;

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
      summary: `New ${p.type || 'publication'}${p.house ? ` (${p.house})` : ''}${p.date ? ` dated ${p.date}` : ''}: ${p.title}${p.url ? ` — ${p.url}` : ''}.`,
      text: p.title,
    }));
}

function amendmentText(a: AmendmentRow): string {
  return `Amendment ${a.label}${a.sponsors.length ? `, tabled by ${a.sponsors.join(', ')}` : ''}: ${a.text}`;
}

export function amendmentEvents(before: Extra, after: DocumentSnapshot): StructuredEvent[] {
  const known = new Set(list<AmendmentRow>(before, 'amendments').map((a) => a.id));
  const fresh = list<AmendmentRow>(after.extra, 'amendments').filter((a) => !known.has(a.id));
  // "Procurement Bill [HL]: amendments at Report stage (Commons)" → "Procurement Bill [HL], Report stage (Commons)"
  const where = after.title.replace(/: amendments at /, ', ');
  if (fresh.length > AMENDMENTS_ONE_BY_ONE) {
    // A marshalled list published at once: one alert, with every new amendment's text searched for keywords.
    return [
      {
        type: 'amendment-tabled',
        key: `amendments:${fresh.map((a) => a.id).join(',')}`,
        title: `${fresh.length} amendments tabled: ${where}`,
        summary: `${fresh.length} amendments tabled at ${where} (${fresh
          .slice(0, 5)
          .map((a) => a.label)
          .join(', ')}…).`,
        text: fresh.map(amendmentText).join('\n'),
      },
    ];
  }
  return fresh.map((a) => ({
    type: 'amendment-tabled',
    key: `amendment:${a.id}`,
    title: `${where}: amendment ${a.label}`,
    summary: clip(amendmentText(a), 600),
    text: amendmentText(a),
  }));
}
