import { createHash } from 'node:crypto';

/**
 * Canonical text: the form versions are compared and fingerprinted in, so that a
 * re-publication which only changes whitespace, quote style or dash style is not a change.
 */
export function normalizeText(text: string): string {
  return (
    text
      .normalize('NFKC')
      // Zero-width characters and soft hyphens are invisible: editors add and drop them freely.
      .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
      .replace(/\r\n?/g, '\n')
      // The classes list only what NFKC leaves alone. It has already made U+00B4 (acute accent) a space and a
      // combining acute, U+2033 (double prime) two primes (so ″ ends as ''), the small and fullwidth hyphens
      // (U+FE58, U+FE63, U+FF0D) U+2014 or '-', and no-break, en, em, narrow, math and ideographic spaces ' '.
      .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060]/g, "'")
      .replace(/[\u201C\u201D\u201E\u201F\u00AB\u00BB]/g, '"')
      .replace(/[\u2010-\u2015\u2212]/g, '-')
      .replace(/[\u1680\t\f\v]/g, ' ')
      // Indentation and doubled spaces are layout, not content.
      .replace(/ {2,}/g, ' ')
      // After the line above no run of spaces is longer than one, so `+` here only reads as "a space".
      .replace(/^ +| +$/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

/** sha256 hex of the normalized text: equal for texts that differ only in layout or typography. */
export function fingerprint(text: string): string {
  // Stryker disable next-line StringLiteral: Node reads an empty encoding as utf8; named for the reader.
  return createHash('sha256').update(normalizeText(text), 'utf8').digest('hex');
}
