/** Titles, summaries and subjects of changes: what a person reads first, in under ~80 characters. */
import type { Change, Letter } from './model';

const PARTY_NAMES: Record<string, string> = {
  bscc: 'BSCC',
  hikvision: 'Hikvision',
  dahua: 'Dahua',
  'free-tibet': 'Free Tibet',
  'home-office': 'Home Office',
  'cabinet-office': 'Cabinet Office',
};

export function partyName(id: string | null): string | null {
  if (!id) return null;
  return PARTY_NAMES[id] ?? id.replace(/-/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
}

export function shortDate(iso: string | null): string | null {
  if (!iso) return null;
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return null;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/London' });
}

function letterLabel(letter: Letter | null, fallback: string): string {
  const from = partyName(letter?.from ?? null);
  const to = partyName(letter?.to ?? null);
  const date = shortDate(letter?.date ?? null);
  const who = from && to ? `${from} to ${to}` : fallback;
  return date ? `${who}, ${date}` : who;
}

export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** The alert's subject line: says what happened, under 80 characters. */
export function subjectFor(change: Pick<Change, 'type' | 'title' | 'letter' | 'summary'>): string {
  const title = change.title;
  switch (change.type) {
    case 'new-correspondence':
      return clip(`New letter: ${letterLabel(change.letter, title)}`, 78);
    case 'new-document':
      return clip(`New: ${title}`, 78);
    case 'document-changed':
      return clip(`Changed: ${title}`, 78);
    case 'document-withdrawn':
      return clip(`Withdrawn: ${title}`, 78);
    case 'source-failing':
      return clip(`Source failing: ${title}`, 78);
    case 'source-recovered':
      return clip(`Source working again: ${title}`, 78);
    case 'baseline':
      return clip(`procurement-watch started: ${change.summary}`, 78);
    default: {
      // Structured events of other sources ("supplier-debarred" → "Supplier debarred: …").
      const label = change.type.replace(/-/g, ' ');
      return clip(`${label.charAt(0).toUpperCase()}${label.slice(1)}: ${title}`, 78);
    }
  }
}
