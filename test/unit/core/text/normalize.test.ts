import { fingerprint, normalizeText } from '../../../../lambdas/core/text/normalize';

describe('normalizeText', () => {
  it.each([
    ['curly quotes and apostrophes', '“Tech for Good” – company’s ‘view’', "\"Tech for Good\" - company's 'view'"],
    ['en and em dashes', 'Director — UK – Ireland', 'Director - UK - Ireland'],
    ['non-breaking and narrow spaces', 'a\u00A0b\u202Fc', 'a b c'],
    ['trailing spaces and CRLF', 'line one   \r\nline two\t\r\n', 'line one\nline two'],
    ['runs of blank lines', 'a\n\n\n\n \nb', 'a\n\nb'],
    ['NFKC compatibility forms', 'ﬁnal ① Ｈｉｋ', 'final 1 Hik'],
    ['surrounding whitespace', '\n\n  text  \n\n', 'text'],
  ])('%s', (_name, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe('fingerprint', () => {
  const original = 'Dear Professor Sampson,\n\nThank you for your letter — we’re happy to “discuss” this.\n';
  it.each([
    [
      'straight quotes and hyphens',
      'Dear Professor Sampson,\n\nThank you for your letter - we\'re happy to "discuss" this.',
    ],
    [
      'extra blank lines and trailing spaces',
      '  Dear Professor Sampson,   \n\n\n\nThank you for your letter — we’re happy to “discuss” this.   \n\n',
    ],
    [
      'non-breaking spaces and CRLF',
      'Dear\u00A0Professor Sampson,\r\n\r\nThank you for your letter — we’re happy to “discuss” this.',
    ],
  ])('is unchanged by a re-publication with %s', (_name, variant) => {
    expect(fingerprint(variant)).toBe(fingerprint(original));
  });

  it('changes when a word changes, and is sha256 hex', () => {
    expect(fingerprint(original.replace('happy', 'glad'))).not.toBe(fingerprint(original));
    expect(fingerprint(original)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('normalizeText, character by character', () => {
  // Each class in normalizeText is a promise about every character in it; one case per character, so
  // dropping any of them from its class fails here (mutation testing found them unchecked).
  it.each([
    ...['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'].map((c) => [c, 'ab']),
    ...['\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u0060'].map((c) => [c, "a'b"]),
    ...['\u201C', '\u201D', '\u201E', '\u201F', '\u00AB', '\u00BB'].map((c) => [c, 'a"b']),
    ...['\u2010', '\u2012', '\u2015', '\u2212', '\uFE58', '\uFE63', '\uFF0D'].map((c) => [c, 'a-b']),
    ...['\u00A0', '\u1680', '\u2000', '\u2005', '\u200A', '\u202F', '\u205F', '\u3000', '\t', '\f', '\v'].map((c) => [
      c,
      'a b',
    ]),
  ])('U+%s between two letters', (c, expected) => {
    expect(normalizeText(`a${c}b`)).toBe(expected);
  });

  it('leaves to NFKC the characters it rewrites before any class sees them', () => {
    // Why normalizeText's classes do not list these: NFKC alone turns each into what the class would.
    for (const c of ['\u00A0', '\u2000', '\u2005', '\u200A', '\u202F', '\u205F', '\u3000'])
      expect(c.normalize('NFKC')).toBe(' ');
    for (const c of ['\uFE63', '\uFF0D']) expect(c.normalize('NFKC')).toBe('-');
    expect('\uFE58'.normalize('NFKC')).toBe('\u2014');
    expect('\u00B4'.normalize('NFKC')).toBe(' \u0301');
    expect(normalizeText('a\u00B4b')).toBe('a \u0301b');
    expect(normalizeText('a\u2033b')).toBe("a''b");
  });

  it('turns a lone CR into a line break, as CRLF', () => {
    expect(normalizeText('one\rtwo\r\nthree')).toBe('one\ntwo\nthree');
  });

  it('strips spaces at the start and end of every line, not only of the text', () => {
    expect(normalizeText('x\n   indented\nlast   \ny')).toBe('x\nindented\nlast\ny');
  });

  it('keeps one blank line between paragraphs and single line breaks as they are', () => {
    expect(normalizeText('a\nb\n\nc\n\n\nd')).toBe('a\nb\n\nc\n\nd');
  });

  it('keeps single spaces, and collapses two into one', () => {
    expect(normalizeText('a b  c')).toBe('a b c');
  });
});
