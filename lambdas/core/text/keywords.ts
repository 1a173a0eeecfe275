import type { KeywordHit } from '../model';

/** The terms the monitor looks for when nothing else is configured. */
export const defaultKeywords: readonly string[] = [
  'Hikvision',
  'Dahua',
  'surveillance camera',
  'CCTV',
  'facial recognition',
  'Xinjiang',
  'Uyghur',
  'Tibet',
  'national security',
  'debar',
];

/**
 * One hit per term found, with the first occurrence in context. A term matches whole words only
 * ("debar" is not in "sidebar"), in any case, with a regular inflection of its last word, and with
 * its words joined by a space, a hyphen or nothing ("facial-recognition", "surveillance cameras").
 */
export function findKeywords(text: string, terms: readonly string[], excerptChars = 80): KeywordHit[] {
  const hits: KeywordHit[] = [];
  const seen = new Set<string>();
  for (const term of terms) {
    const pattern = termPattern(term);
    const key = term.trim().toLowerCase();
    if (!pattern || seen.has(key)) continue;
    seen.add(key);
    const found = pattern.exec(text);
    if (found) hits.push({ term, excerpt: excerptAround(text, found.index, found[0].length, excerptChars) });
  }
  return hits;
}

const WORD_CHAR = '[\\p{L}\\p{N}]';
/** Between a term's words: spaces, hyphens of any style, or nothing at all. */
const JOINER = '[\\s\\-\\u2010-\\u2015]*';

function termPattern(term: string): RegExp | null {
  // Stryker disable next-line Regex: splitting at each joiner alone leaves empty words, which the filter drops.
  const words = term.split(/[\s\-\u2010-\u2015]+/).filter((w) => w !== '');
  if (words.length === 0) return null;
  const body = words.map(escapeRegExp).join(JOINER);
  const last = words[words.length - 1];
  // Regular inflections of the last word: plurals, and -ed/-ing/-ment with the doubled final
  // consonant ("debar" → "debarred", "debarring", "debarment"). Other endings ("Tibetan") are other words.
  const inflection = /[\p{L}]$/u.test(last) ? `(?:e?s|(?:${escapeRegExp(last.slice(-1))})?(?:ed|ing)|ments?)?` : '';
  return new RegExp(`(?<!${WORD_CHAR})${body}${inflection}(?!${WORD_CHAR})`, 'iu');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** About `excerptChars` of context centred on the hit, cut at word boundaries, "…" where cut. */
function excerptAround(text: string, index: number, length: number, excerptChars: number): string {
  const side = Math.max(0, Math.floor((excerptChars - length) / 2));
  let start = Math.max(0, index - side);
  let end = Math.min(text.length, index + length + side);
  if (start > 0) {
    const space = text.slice(start, index).search(/\s/);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent; with no space (-1) the
    // sum adds nothing, and a space at 0 is trimmed from the body below.
    if (space >= 0) start += space + 1;
  }
  if (end < text.length) {
    const tail = text.slice(index + length, end);
    const lastSpace = Math.max(tail.lastIndexOf(' '), tail.lastIndexOf('\n'), tail.lastIndexOf('\t'));
    if (lastSpace >= 0) end = index + length + lastSpace;
  }
  const body = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${body}${end < text.length ? '…' : ''}`;
}
