/** The fetcher's bytes-to-text rule: the same bytes give the same text whatever the label says. */
import { decodeBody } from '../../../lambdas/adapters/http/undici-fetcher';

const utf8 = Buffer.from('<p>Société Générale — Zürich</p>', 'utf8');

describe('decodeBody', () => {
  it.each([
    'text/html; charset=utf-8',
    'text/html; charset=iso-8859-1',
    'text/html; charset=nonsense',
    'text/html',
    undefined,
  ])('valid UTF-8 is read as UTF-8 under %s', (type) => {
    expect(decodeBody(utf8, type)).toBe('<p>Société Générale — Zürich</p>');
  });

  it('a body that is not UTF-8 is read with its declared charset, then its <meta charset>, then windows-1252', () => {
    const latin1 = Buffer.from('<p>Soci\xe9t\xe9</p>', 'latin1');
    expect(decodeBody(latin1, 'text/html; charset=iso-8859-1')).toBe('<p>Société</p>');
    const meta = Buffer.concat([Buffer.from('<meta charset="windows-1252">'), latin1]);
    expect(decodeBody(meta, 'text/html')).toBe('<meta charset="windows-1252"><p>Société</p>');
    expect(decodeBody(latin1, undefined)).toBe('<p>Société</p>');
  });

  it('JSON is UTF-8 by definition: bad bytes become U+FFFD, never another charset', () => {
    expect(decodeBody(Buffer.from([0x7b, 0xe9, 0x7d]), 'application/json; charset=latin1')).toBe('{\ufffd}');
  });
});
