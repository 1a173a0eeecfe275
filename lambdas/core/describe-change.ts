/** Titles, summaries and subjects of changes: what a person reads first, in under ~80 characters. */
import type { Change } from './model';
import { defaultParties } from './text/parties';

export function partyName(id: string | null): string | null {
  if (!id) return null;
  const party = defaultParties.find((p) => p.id === id);
  if (party) return party.short ?? party.name;
  return id.replace(/-/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
}

export function shortDate(iso: string | null): string | null {
  if (!iso) return null;
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return null;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/London' });
}

export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** Cuts at the last word boundary that fits (with "…"); a single word longer than that is cut where it must be. */
export function clipWords(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const room = flat.slice(0, max - 1);
  const space = room.lastIndexOf(' ');
  const cut = space >= max / 2 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:.–—-]+$/, '')}…`;
}

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
/** "6 February 2023" or "2023-02-06" in a title: the letter's date, which a subject must never lose. */
const TITLE_DATE = new RegExp(`\\b(\\d{1,2} (?:${MONTHS}) \\d{4}|\\d{4}-\\d{2}-\\d{2})\\b`, 'i');

function titleDate(title: string): { date: string; rest: string } | null {
  const m = TITLE_DATE.exec(title);
  if (!m) return null;
  const date = shortDate(/^\d{4}-/.test(m[1]) ? m[1] : new Date(`${m[1]} 12:00 UTC`).toISOString());
  if (!date) return null;
  const rest = `${title.slice(0, m.index)} ${title.slice(m.index + m[1].length)}`.replace(/\s*[,;:–—-]?\s+$/, '');
  return { date, rest: rest.replace(/\s+([,;:])/g, '$1').replace(/[\s,;:–—-]+$/, '') };
}

/**
 * `lead` + `body` in `max` characters, cut at a word boundary; when the text must be cut and holds a
 * date (the letter's, or one in its title), the date is kept at the end: "…Commissioner…, 6 Feb 2023".
 */
export function subjectLine(lead: string, body: string, max = 78, date: string | null = null): string {
  const full = `${lead}${body}${date ? `, ${date}` : ''}`.replace(/\s+/g, ' ').trim();
  if (full.length <= max) return full;
  const found = date ? { date, rest: body } : titleDate(body);
  if (!found) return clipWords(full, max);
  const tail = `, ${found.date}`;
  return `${clipWords(`${lead}${found.rest}`, max - tail.length)}${tail}`;
}

/** The alert's subject line: says what happened, under 80 characters; `lead` goes first (a priority marker). */
export function subjectFor(change: Pick<Change, 'type' | 'title' | 'letter' | 'summary'>, lead = ''): string {
  const title = change.title;
  const line = (label: string, body: string, date: string | null = null) =>
    subjectLine(`${lead}${label}`, body, 78, date);
  switch (change.type) {
    case 'new-correspondence': {
      const from = partyName(change.letter?.from ?? null);
      const to = partyName(change.letter?.to ?? null);
      return line('New letter: ', from && to ? `${from} to ${to}` : title, shortDate(change.letter?.date ?? null));
    }
    case 'new-document':
      return line('New: ', title);
    case 'document-changed':
      return line('Changed: ', title);
    case 'document-withdrawn':
      return line('Withdrawn: ', title);
    case 'source-failing':
      return line('Source failing: ', title);
    case 'source-recovered':
      return line('Source working again: ', title);
    case 'baseline':
      return line('procurement-watch started: ', change.summary);
    default: {
      // Structured events of other sources ("supplier-debarred" → "Supplier debarred: …").
      const label = change.type.replace(/-/g, ' ');
      return line(`${label.charAt(0).toUpperCase()}${label.slice(1)}: `, title);
    }
  }
}

/** A correspondence thread as people say it: `bscc--hikvision` → "BSCC ↔ Hikvision". */
export function threadName(threadId: string): string {
  return threadId
    .split('--')
    .map((p) => partyName(p) ?? p)
    .join(' ↔ ');
}
