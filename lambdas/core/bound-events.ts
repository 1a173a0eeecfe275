/**
 * A document's structured events, bounded: one list change can add thousands of rows at once (a
 * register published whole, a key reformatted), and an alert per row would flood people and
 * exceed what one store write may hold. Beyond `MAX_EVENTS_EACH` events of one type, they become
 * one summary event of that type, whose text still holds every row (keyword hits are found in it)
 * and whose summary says where the full list is.
 */
import type { StructuredEvent } from './source-kind';

export const MAX_EVENTS_EACH = 25;
/** The summary's text is searched for keywords; the whole list stays in the stored version. */
const MAX_SUMMARY_TEXT = 200_000;

export function boundEvents(events: StructuredEvent[], docTitle: string, version: number): StructuredEvent[] {
  const byType = new Map<string, StructuredEvent[]>();
  for (const ev of events) byType.set(ev.type, [...(byType.get(ev.type) ?? []), ev]);
  const out: StructuredEvent[] = [];
  for (const [type, list] of byType) {
    if (list.length <= MAX_EVENTS_EACH) {
      out.push(...list);
      continue;
    }
    const names = list.slice(0, 5).map((e) => e.title);
    out.push({
      type,
      key: `summary:${list.length}`,
      title: `${list.length} at once on ${docTitle}`,
      summary:
        `${list.length} at once on ${docTitle}: ${names.join('; ')}; and ${list.length - names.length} more. ` +
        `Every one is in version ${version} of the document.`,
      text: list
        .map((e) => e.text ?? e.title)
        .join('\n')
        .slice(0, MAX_SUMMARY_TEXT),
    });
  }
  return out;
}
