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
});
