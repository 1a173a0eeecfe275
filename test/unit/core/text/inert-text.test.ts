import { inertJson, inertLine, inertText } from '../../../../lambdas/core/text/inert-text';

/** What a hostile page title can hold: set the terminal title, clear the screen, ring, reorder text, hide text. */
const HOSTILE =
  'Letter\u001b]0;pwned\u0007 to \u001b[2J\u001b[HHikvision\u009b31m \u202egnp.exe\u202c zero\u200bwidth\u2066iso\u2069\r\nnext line\ttab';

describe('inert text', () => {
  it('a line keeps what shows and nothing that acts: no C0/C1 control, ESC sequence, bidi override or zero-width', () => {
    const line = inertLine(HOSTILE);
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
    expect(line).toBe('Letter]0;pwned to [2J[HHikvision31m gnp.exe zerowidthiso next line tab');
  });

  it('text keeps its line breaks (CRLF normalised) and tabs', () => {
    expect(inertText('a\r\nb\rc\n\td\u001b[31m')).toBe('a\nb\nc\n\td[31m');
  });

  it('JSON keeps the data but escapes what would act on a terminal', () => {
    const json = inertJson({ title: 'a\u202eb\u009bc' });
    expect(json).toBe('{"title":"a\\u202eb\\u009bc"}');
    expect(JSON.parse(json)).toEqual({ title: 'a\u202eb\u009bc' });
  });

  it('a line has no line break, tab, run of spaces or space at either end', () => {
    expect(inertLine('  a\r\rb\n\n\tc   d \t')).toBe('a b c d');
    expect(inertLine('a b')).toBe('a b');
  });

  it('text turns a lone CR into a line break and keeps single characters as they are', () => {
    expect(inertText('a\rb')).toBe('a\nb');
    expect(inertText('a  b\n\nc')).toBe('a  b\n\nc');
  });

  it('JSON escapes every such character, not only the first, as four hex digits', () => {
    expect(inertJson(['\u0001\u007f', '\u200b\u2066'])).toBe('["\\u0001\\u007f","\\u200b\\u2066"]');
    expect(inertJson({ a: 'x' }, 2)).toBe('{\n  "a": "x"\n}');
  });
});
