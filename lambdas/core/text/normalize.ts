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
      .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'")
      .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
      .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-')
      // NFKC already folds U+00A0; these survive it or arrive as other horizontal spaces.
      .replace(/[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\t\f\v]/g, ' ')
      // Indentation and doubled spaces are layout, not content.
      .replace(/ {2,}/g, ' ')
      .replace(/^ +| +$/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

/** sha256 hex of the normalized text: equal for texts that differ only in layout or typography. */
export function fingerprint(text: string): string {
  return createHash('sha256').update(normalizeText(text), 'utf8').digest('hex');
}
