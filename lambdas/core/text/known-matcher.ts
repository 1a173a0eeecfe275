import type { KnownMatch } from '../model';
import { defaultParties, parseLetter, type PartyAlias } from './letter';
import { normalizeText } from './normalize';
import { findParties } from './parties';

/** A letter the monitor already knows (index.json entry + its text file), ready to match against. */
export interface KnownLetter {
  id: string;
  title: string;
  text: string;
  /** ISO date, or null when the letter is undated. */
  date: string | null;
  /** Free-text sender and addressee as the index gives them ("Justin Hollis, …, Hikvision"). */
  from: string;
  to: string;
  url?: string;
}

export interface MatchOptions {
  /** Similarity at or above which a candidate is the known letter. Default MATCH_THRESHOLD. */
  threshold?: number;
  parties?: readonly PartyAlias[];
  /** Compare text only: the dates, direction and thread are not used as evidence. */
  textOnly?: boolean;
}

/**
 * Where "same letter" starts. Measured on the known letters and the composed test letters
 * (see test/fixtures/letters): the same letter re-worded (official text against the
 * third-party copy) scores 0.60 on text alone (0.70 with its matching date), letters between
 * the same correspondents on the same themes 0.15 or less, unrelated texts under 0.05.
 * 0.4 leaves 0.2 of margin below the re-worded letter (heavier re-wording still matches) and
 * 0.25 above the closest different letter, so neither kind of pair is a knife-edge call.
 * A known and differing date is a veto whatever the text says: two letters of the same
 * exchange repeat each other's vocabulary, but not their date.
 */
export const MATCH_THRESHOLD = 0.4;

/**
 * Which known letter, if any, the candidate is. Evidence, strongest first: the same URL;
 * both dates known and different (never the same letter); a text similarity robust to
 * re-wording (TF-IDF cosine over content-word unigrams and bigrams, plus the overlap of
 * the words distinctive of each letter within the known set), nudged by the letter date and
 * direction when both sides give them.
 */
export function matchKnown(
  candidate: { title: string; text: string; url?: string },
  known: readonly KnownLetter[],
  options: MatchOptions = {},
): KnownMatch {
  const parties = options.parties ?? defaultParties;
  const threshold = options.threshold ?? MATCH_THRESHOLD;
  const letter = parseLetter(candidate.title, candidate.text, parties);
  const byUrl = candidate.url ? known.find((k) => k.url && sameUrl(k.url, candidate.url!)) : undefined;
  if (byUrl) return { match: byUrl.id, similarity: 1, thread: letter.threadId ?? knownLetter(byUrl, parties).threadId };

  const docs = [...known.map((k) => features(k.text)), features(candidate.text)];
  const idf = inverseDocumentFrequency(docs);
  const cand = docs[docs.length - 1];
  let best: KnownLetter | null = null;
  let bestSimilarity = 0;
  for (const [i, k] of known.entries()) {
    const others = docs.slice(0, known.length).filter((_, j) => j !== i);
    const text =
      0.5 * cosine(cand.terms, docs[i].terms, idf) + 0.5 * distinctiveOverlap(cand.words, docs[i].words, others);
    const similarity = options.textOnly ? text : weighByLetter(text, letter, knownLetter(k, parties), threshold);
    if (best === null || similarity > bestSimilarity) [best, bestSimilarity] = [k, similarity];
  }
  const matched: KnownLetter | null = bestSimilarity >= threshold ? best : null;
  return {
    match: matched?.id ?? null,
    similarity: round(bestSimilarity),
    thread: letter.threadId ?? (matched ? knownLetter(matched, parties).threadId : null),
  };
}

interface LetterFacts {
  from: string | null;
  to: string | null;
  date: string | null;
  threadId: string | null;
}

/** The known letter's facts: the index's own from/to/date first, its text only where they say nothing. */
function knownLetter(k: KnownLetter, parties: readonly PartyAlias[]): LetterFacts {
  const parsed = parseLetter(k.title, k.text, parties);
  const party = (phrase: string) => findParties(phrase, parties).map((m) => m.id);
  // "Justin Hollis, …, Hikvision" names one party twice; a phrase naming two ("the Commissioner at Hikvision")
  // is ambiguous.
  const one = (ids: string[]) => (new Set(ids).size === 1 ? ids[0] : null);
  const from = one(party(k.from)) ?? parsed.from;
  const to = one(party(k.to)) ?? parsed.to;
  return {
    from,
    to,
    date: k.date ?? parsed.date,
    threadId: from && to && from !== to ? [from, to].sort().join('--') : null,
  };
}

/**
 * Letter facts as evidence. Different known dates: not the same letter (halved, and held
 * under the threshold). The same date and direction: likely the same letter, so the text
 * score is pulled a quarter of the way towards 1. Reversed direction (a reply): down by 30 %.
 */
function weighByLetter(text: number, candidate: LetterFacts, known: LetterFacts, threshold: number): number {
  if (candidate.date && known.date && candidate.date !== known.date) return Math.min(text * 0.5, threshold - 0.1);
  let score = text;
  const reversed =
    candidate.from &&
    candidate.to &&
    known.from &&
    known.to &&
    candidate.from === known.to &&
    candidate.to === known.from;
  if (reversed) score *= 0.7;
  else if (
    candidate.date &&
    candidate.date === known.date &&
    candidate.threadId &&
    candidate.threadId === known.threadId
  )
    score += (1 - score) * 0.25;
  return score;
}

function sameUrl(a: string, b: string): boolean {
  const key = (u: string) =>
    u
      .trim()
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/[?#].*$/, '')
      .replace(/\/+$/, '');
  return key(a) === key(b);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

interface Features {
  /** Term (unigram or bigram) → weight before IDF (sublinear term frequency, boilerplate damped). */
  terms: Map<string, number>;
  /** Distinct content words: the material of the distinctive-word overlap. */
  words: Set<string>;
}

/**
 * Function words carry no content, and words every letter of this exchange uses (names,
 * titles, sign-offs, addresses) say who is writing, not what: both would make different
 * letters between the same correspondents look alike.
 */
const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between
  both but by can could did do does doing down during each few for from further had has have having he her here
  hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
  off on once only or other our ours ourselves out over own same she should so some such than that the their
  theirs them themselves then there these they this those through to too under until up very was we were what
  when where which while who whom why will with would you your yours yourself yourselves upon may might must
  shall us let one two three well much many made make however since within without whether also ve ll re`.split(/\s+/),
);
const BOILERPLATE = new Set(
  `dear sincerely faithfully regards letter letters write writing written wrote email e mail thank thanks
  professor director marketing commissioner biometric biometrics surveillance camera cameras uk ireland london
  street marsham floor peel accessible version updated hikvision sampson fraser justin hollis bscc free tibet
  dahua reply leave question questions`.split(/\s+/),
);
/** How much a boilerplate term still counts: a little, so two texts of pure boilerplate are not strangers. */
const BOILERPLATE_WEIGHT = 0.2;

function features(text: string): Features {
  const tokens = (
    normalizeText(text)
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).filter((t) => !STOP_WORDS.has(t) && (t.length > 1 || /\d/.test(t)));
  const stems = tokens.map((t) => (BOILERPLATE.has(t) ? `~${stem(t)}` : stem(t)));
  const counts = new Map<string, number>();
  const add = (term: string) => counts.set(term, (counts.get(term) ?? 0) + 1);
  stems.forEach((s, i) => {
    add(s);
    if (i > 0) add(`${stems[i - 1]} ${s}`);
  });
  const terms = new Map<string, number>();
  for (const [term, n] of counts) terms.set(term, (1 + Math.log(n)) * (term.includes('~') ? BOILERPLATE_WEIGHT : 1));
  const words = new Set(stems.filter((s) => !s.startsWith('~') && (s.length > 2 || /\d/.test(s))));
  return { terms, words };
}

/** Light suffix stripping: enough for "questions"/"question", "engaging"/"engage", not a full stemmer. */
function stem(word: string): string {
  if (/\d/.test(word)) return word;
  const w = word.replace(/(?:our)$/, 'or').replace(/isation/, 'ization');
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3).replace(/e$/, '');
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2).replace(/e$/, '');
  if (w.length > 4 && /(?:ss|sh|ch|x|z)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) return w.slice(0, -1).replace(/e$/, '');
  if (w.length > 5 && w.endsWith('ly')) return w.slice(0, -2);
  return w.replace(/e$/, '');
}

function inverseDocumentFrequency(docs: readonly Features[]): (term: string) => number {
  const df = new Map<string, number>();
  for (const doc of docs) for (const term of doc.terms.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  return (term) => Math.log(1 + docs.length / (df.get(term) ?? 1));
}

function cosine(a: Map<string, number>, b: Map<string, number>, idf: (term: string) => number): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [term, w] of a) {
    const wa = w * idf(term);
    na += wa * wa;
    const wb = b.get(term);
    if (wb !== undefined) dot += wa * wb * idf(term);
  }
  for (const [term, w] of b) nb += (w * idf(term)) ** 2;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * Dice overlap of the words each side does not share with any other known letter: what makes
 * a letter itself (Prosper, ISO 14001, installers) rather than the exchange it belongs to.
 */
function distinctiveOverlap(a: Set<string>, b: Set<string>, others: readonly Features[]): number {
  const common = (w: string) => others.some((o) => o.words.has(w));
  const da = [...a].filter((w) => !common(w));
  const db = new Set([...b].filter((w) => !common(w)));
  if (da.length === 0 || db.size === 0) return 0;
  const shared = da.filter((w) => db.has(w)).length;
  return (2 * shared) / (da.length + db.size);
}
