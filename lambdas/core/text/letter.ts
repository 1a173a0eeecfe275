import type { Letter } from '../model';
import { defaultParties, findParties, resolveParty, type PartyAlias } from './parties';

export { defaultParties, parsePartiesConfig, type PartyAlias } from './parties';

/**
 * Who wrote to whom, and when, from a letter's title and text. Titles are read first
 * ("Letter from X to Y 21 March 2022"); the letter head (addressee block, "Dear …"),
 * the signature block and a dated line fill in what the title leaves out.
 * `from`/`to` are party ids; `threadId` pairs them, sorted, whatever the direction.
 */
export function parseLetter(title: string, text: string, parties: readonly PartyAlias[] = defaultParties): Letter {
  const fromTitle = titleCorrespondents(title, parties);
  const lines = letterLines(title, text);
  const head = letterHead(lines, parties);
  const sent = sentLetter(text, parties);
  const from = first([fromTitle.from, signature(lines, parties), sent.from]);
  // A letter head may start with the sender's own letterhead: the addressee is whoever else it names.
  const to = first([fromTitle.to, head.salutation, ...head.addressees, fromTitle.looseTo, sent.to], from);
  return {
    from,
    to,
    date: findDate(title)?.iso ?? datedLine(lines),
    threadId: from && to && from !== to ? [from, to].sort().join('--') : null,
  };
}

/** The first date in `text` (e.g. "21st March 2022", "August 10, 2021", "2021-08-10") as ISO, with where it was. */
export function findDate(text: string): { iso: string; index: number; length: number } | null {
  for (const match of text.matchAll(DATE)) {
    const g = match.groups!;
    const iso = g.iso
      ? toIso(+g.iy, +g.im, +g.id)
      : g.dmyDay
        ? toIso(+g.dmyYear, monthNumber(g.dmyMonth), +g.dmyDay)
        : g.mdyDay
          ? toIso(+g.mdyYear, monthNumber(g.mdyMonth), +g.mdyDay)
          : toIso(+g.ny, +g.nm, +g.nd);
    if (iso) return { iso, index: match.index, length: match[0].length };
  }
  return null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|' +
  'sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const ORDINAL = '(?:st|nd|rd|th)?';
const DATE = new RegExp(
  [
    `(?<iso>(?<iy>\\d{4})-(?<im>\\d{2})-(?<id>\\d{2}))`,
    `(?<dmyDay>\\d{1,2})${ORDINAL}\\s+(?:of\\s+)?(?<dmyMonth>${MONTH})\\.?,?\\s+(?<dmyYear>\\d{4})`,
    `(?<mdyMonth>${MONTH})\\.?\\s+(?<mdyDay>\\d{1,2})${ORDINAL},?\\s+(?<mdyYear>\\d{4})`,
    // Numeric dates are read the British way (day first): these are UK letters.
    `(?<nd>\\d{1,2})/(?<nm>\\d{1,2})/(?<ny>\\d{4})`,
  ]
    .map((p) => `(?<![\\p{L}\\p{N}])${p}(?![\\p{L}\\p{N}])`)
    .join('|'),
  'giu',
);

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function toIso(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The date of a line that is only a date ("21st March 2022", "Date: 10 August 2021"): how letter
 * heads are dated. Dates inside sentences, or on "Updated 15 November 2023" lines, say when
 * something else happened.
 */
function datedLine(lines: readonly string[]): string | null {
  for (const line of lines) {
    const found = findDate(line);
    if (!found) continue;
    const rest = (line.slice(0, found.index) + line.slice(found.index + found.length)).replace(
      /^\s*(?:date[d:]?|sent)\s*:?/i,
      '',
    );
    if (rest.replace(/[\s,.;:()-]/g, '').length <= 3) return found.iso;
  }
  return null;
}

/** Non-empty trimmed lines, without the title when the text repeats it as its first line. */
function letterLines(title: string, text: string): string[] {
  const key = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines.length > 0 && key(lines[0]) === key(title) ? lines.slice(1) : lines;
}

interface TitleCorrespondents {
  from: string | null;
  to: string | null;
  /** "Letter to …" with no sender: the addressee, but only when the letter head is silent. */
  looseTo: string | null;
}

function titleCorrespondents(title: string, parties: readonly PartyAlias[]): TitleCorrespondents {
  const resolve = (phrase: string | undefined) => (phrase ? resolveParty(phrase, parties) : null);
  let m = /\bletter\s+from\s+(.+?)\s+to\s+(.+)$/i.exec(title);
  if (m) return { from: resolve(m[1]), to: resolve(m[2]), looseTo: null };
  m = /\bletter\s+to\s+(.+?)\s+from\s+(.+)$/i.exec(title);
  if (m) return { from: resolve(m[2]), to: resolve(m[1]), looseTo: null };
  m = /^(.+?)\s+(?:letter|reply|response)\s+to\s+(.+)$/i.exec(title);
  if (m) {
    // "Our letter to Hikvision UK": the sender is the publisher, unnamed here.
    const from = resolve(m[1]);
    return from ? { from, to: resolve(m[2]), looseTo: null } : { from: null, to: null, looseTo: resolve(m[2]) };
  }
  m = /\b(?:letter|reply|response)\s+to\s+(.+)$/i.exec(title);
  return { from: null, to: null, looseTo: resolve(m?.[1]) };
}

const SHORT_LINE = 80;

/** The "Dear …" line and the addressee block above it. */
function letterHead(
  lines: readonly string[],
  parties: readonly PartyAlias[],
): { salutation: string | null; addressees: string[] } {
  const at = lines.findIndex((l) => /^dear\s+\S/i.test(l));
  if (at < 0) return { salutation: null, addressees: [] };
  const block = lines
    .slice(0, at)
    .filter((l) => l.length <= SHORT_LINE && !/^(?:updated|published|last updated|re:|subject:)/i.test(l))
    .join('\n');
  return {
    salutation: resolveParty(lines[at].slice(5), parties),
    addressees: findParties(block, parties).map((m) => m.id),
  };
}

const CLOSING = new RegExp(
  '^(?:yours\\s+(?:sincerely|faithfully|truly)|kind\\s+regards|best\\s+regards|with\\s+best\\s+wishes|' +
    'regards|sincerely)[,.!]?$',
  'i',
);

/**
 * The sender named under the closing ("Yours sincerely"), or, without a closing, in the short
 * lines that end the text (a name and a job title, perhaps followed by a web page's comment link).
 */
function signature(lines: readonly string[], parties: readonly PartyAlias[]): string | null {
  let closing = -1;
  lines.forEach((l, i) => {
    if (CLOSING.test(l)) closing = i;
  });
  if (closing >= 0) return resolveParty(lines.slice(closing + 1, closing + 5).join('\n'), parties);
  const tail: string[] = [];
  for (let i = lines.length - 1; i >= 0 && tail.length < 6 && lines[i].length <= SHORT_LINE; i--)
    tail.unshift(lines[i]);
  return resolveParty(tail.join('\n'), parties);
}

const SENT_LETTER = new RegExp(
  '(?:^|[.!?\\n]\\s*)([^.!?\\n]{2,80}?)\\s+(?:has|have|had)\\s+(?:sent|written)\\s+' +
    '(?:a|an|this|the|our|their)?\\s*letter\\s+to\\s+([^.!?\\n]{2,80})',
  'i',
);

/** "Free Tibet has sent a letter to Hikvision UK …": how campaign posts introduce a letter. */
function sentLetter(text: string, parties: readonly PartyAlias[]): { from: string | null; to: string | null } {
  const m = SENT_LETTER.exec(text);
  if (!m) return { from: null, to: null };
  const from = findParties(m[1], parties);
  return { from: from[from.length - 1]?.id ?? null, to: resolveParty(m[2], parties) };
}

function first(candidates: (string | null)[], unlike: string | null = null): string | null {
  return candidates.find((c) => c !== null && c !== unlike) ?? null;
}

/**
 * Whether a text reads as a letter, whatever GOV.UK filed it under (correspondence, transparency,
 * an annex of an FOI release): a salutation ("Dear …") and a closing ("Yours sincerely"), or one of
 * them with both correspondents identified. A newsletter or a report has neither.
 */
export function isLetter(title: string, text: string, parties: readonly PartyAlias[] = defaultParties): boolean {
  const lines = letterLines(title, text);
  const salutation = lines.some((l) => /^dear\s+\S/i.test(l));
  const closing = lines.some((l) => CLOSING.test(l));
  if (salutation && closing) return true;
  if (!salutation && !closing && !/\bletter\b/i.test(title)) return false;
  const letter = parseLetter(title, text, parties);
  return Boolean(letter.from && letter.to && (salutation || closing || /\bletter\b/i.test(title)));
}
