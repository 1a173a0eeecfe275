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
});
