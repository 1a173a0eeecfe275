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
