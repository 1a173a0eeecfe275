import { assertShallowHtml, htmlDepth, MAX_HTML_DEPTH } from '../../../../lambdas/core/text/html-depth';
import { htmlToText } from '../../../../lambdas/core/text/html-to-text';
import { fixtureText } from '../../../support/fixtures';

describe('html depth', () => {
  it('measures the recorded GOV.UK page at a few dozen levels', () => {
    const depth = htmlDepth(fixtureText('govuk-html/ckanext-dgu_publication_page_2016.html'));
    expect(depth).toBeGreaterThan(5);
    expect(depth).toBeLessThan(60);
  });

  it('does not count void elements, self-closed tags, comments or script bodies', () => {
    expect(htmlDepth('<p>a<br><img src=x><span/><!-- <div><div> --><script>"<div><div>"</script></p>')).toBe(1);
  });

  it('refuses a page nested 100,000 levels deep, in one sentence, without walking it all', () => {
    const deep = `${'<div>'.repeat(100_000)}x${'</div>'.repeat(100_000)}`;
    expect(htmlDepth(deep)).toBe(MAX_HTML_DEPTH + 1);
    expect(() => assertShallowHtml(deep, { source: 's' })).toThrow(
      `The page nests its markup more than ${MAX_HTML_DEPTH} levels deep, which no real page does; it was refused unread.`,
    );
    // A govspeak body that deep still gives its words.
    expect(htmlToText(deep)).toBe('x');
  });

  it('counts depth, not tags: siblings do not add up, and stray closing tags do not go below zero', () => {
    expect(htmlDepth('<div></div><div><p></p></div><div></div>')).toBe(2);
    expect(htmlDepth('</div></div></p><div><p>x</p></div>')).toBe(2);
  });

  it('knows void elements in upper case too', () => {
    expect(htmlDepth('<DIV><BR><IMG SRC=x><HR></DIV>')).toBe(1);
  });

  it('stops one past the limit it is given, and reaches it without stopping', () => {
    expect(htmlDepth('<a><b><i>x</i></b></a>', 2)).toBe(3);
    expect(htmlDepth('<a><b>x</b></a>', 2)).toBe(2);
  });

  it('lets a page exactly at the limit through, and names where a deeper one came from', () => {
    const at = (n: number) => `${'<div>'.repeat(n)}x${'</div>'.repeat(n)}`;
    expect(() => assertShallowHtml(at(MAX_HTML_DEPTH), {})).not.toThrow();
    const where = { url: 'https://www.gov.uk/x', source: 's' };
    expect(() => assertShallowHtml(at(MAX_HTML_DEPTH + 1), where)).toThrow(
      expect.objectContaining({ name: 'ParseError', context: where }),
    );
  });
});
