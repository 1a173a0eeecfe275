import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { htmlToText } from '../../../../lambdas/core/text/html-to-text';

const fixture = (name: string) =>
  JSON.parse(readFileSync(join(__dirname, '../../../fixtures/govuk-content', name), 'utf8'));
const published = fixture('publishing-api_html_publication_published.json');
const withdrawn = fixture('publishing-api_html_publication_withdrawn.json');
const policyPaper = fixture(
  'publishing-api_publication_best-practice-policy-paper_pre-2026-04-with-details-documents.json',
);

describe('htmlToText on recorded GOV.UK content', () => {
  it('turns headings, paragraphs and <br> address blocks into lines', () => {
    const text = htmlToText(published.details.body);
    expect(text.startsWith('Details of the application\n\nThe Environment Agency has received')).toBe(true);
    expect(text).toContain(
      '\n\nRegulated facility location\n\nMount Hawke Holiday Bungalows\nMount Hawke\nTruro\nCornwall\nTR4 8EE\n\n',
    );
    expect(text).toContain('Email: psc-waterquality@environment-agency.gov.uk');
    expect(text).toContain('Tell us if you don’t want your response to be public.');
    expect(text).not.toMatch(/<|&[a-z]+;|\n{3}| {2}|^ | $/m);
  });

  it('reads a withdrawn publication body and its withdrawal notice', () => {
    expect(htmlToText(withdrawn.details.body)).toBe('This content has been removed as it is out of date.');
    expect(htmlToText(withdrawn.withdrawn_notice.explanation)).toBe(
      'This content has been withdrawn as it is out of date.',
    );
  });

  it('makes one bullet line per list item, even when the item wraps its text in <p>', () => {
    const text = htmlToText(policyPaper.details.body);
    expect(text).toContain(
      'This strategy sets out:\n\n' +
        '• how the Charity Commission works with the charity sector and other agencies to prevent safeguarding concerns arising\n' +
        '• its regulatory role in ensuring that trustees carry out their duties to protect their beneficiaries, and others who come into contact with their charity, from harm\n' +
        '• how it responds to allegations or reports of safeguarding incidents in charities',
    );
  });

  it.each([
    [0, 'Strategy for dealing with safeguarding issues in charities\n\nHTML'],
    [
      1,
      'Strategy for dealing with safeguarding issues in charities - the role of other agencies\n\nPDF, 296KB, 2 pages\n\nThis file may not be suitable',
    ],
  ])('reads the embedded attachment section %i of details.documents', (i, start) => {
    const text = htmlToText(policyPaper.details.documents[i]);
    expect(text.startsWith(start)).toBe(true);
    expect(text).not.toContain('<');
  });
});

describe('htmlToText on constructed markup', () => {
  it.each([
    [
      'drops script, style, nav, svg and noscript',
      '<nav>Menu</nav><p>Kept</p><script>alert(1)</script><style>p{}</style>' +
        '<svg><text>x</text></svg><noscript>n</noscript>',
      'Kept',
    ],
    [
      'separates table cells with " | " and rows with lines',
      '<table><tr><th>Name</th><th>Role</th></tr><tr><td>Fraser <p>Sampson</p></td><td>BSCC</td></tr></table>',
      'Name | Role\nFraser Sampson | BSCC',
    ],
    [
      'decodes entities and non-breaking spaces',
      '<p>Tom &amp; Jerry&nbsp;&ndash; &lt;tags&gt; &#8220;quoted&#8221;</p>',
      'Tom & Jerry – <tags> “quoted”',
    ],
    [
      'keeps inline elements inside their line',
      '<p>A <a href="/x">link</a> and <strong>bold</strong> text</p>',
      'A link and bold text',
    ],
    [
      'puts definition terms and descriptions on their own lines',
      '<dl><dt>Date</dt><dd>21 March 2022</dd></dl>',
      'Date\n21 March 2022',
    ],
    ['collapses runs of blank lines and whitespace', '<div>\n\n  a   b  </div><p></p><p></p><div>c</div>', 'a b\n\nc'],
    ['handles nested lists', '<ul><li>one<ul><li>two</li></ul></li><li>three</li></ul>', '• one\n• two\n• three'],
  ])('%s', (_name, html, expected) => {
    expect(htmlToText(html)).toBe(expected);
  });

  it.each([
    ['empty', ''],
    ['unclosed tags', '<p>Open <b>bold <i>italic'],
    ['stray brackets', '<<<>>> a < b > c'],
    ['not a string', null as unknown as string],
    ['binary-ish junk', '\u0000\uFFFD<\u0001p>x'],
  ])('never throws on %s', (_name, html) => {
    expect(() => htmlToText(html)).not.toThrow();
    expect(typeof htmlToText(html)).toBe('string');
  });
});

describe('htmlToText, block by block', () => {
  it('makes paragraphs paragraphs again after a list ends', () => {
    expect(htmlToText('<ul><li>a</li></ul><p>b</p><p>c</p>')).toBe('• a\n\nb\n\nc');
  });

  it('keeps a cell on one line: inline elements join their words, blocks inside become spaces', () => {
    expect(htmlToText('<table><tr><td><b>Hik</b>vision</td><td><p>a</p><p>b</p></td></tr></table>')).toBe(
      'Hikvision | a b',
    );
  });

  it('keeps the block structure of a page nested exactly to the limit', () => {
    const wrap = (inner: string, n: number) => `${'<div>'.repeat(n)}${inner}${'</div>'.repeat(n)}`;
    expect(htmlToText(wrap('<p>a</p><p>b</p>', 999))).toBe('a\n\nb');
  });

  it('reads a page nested past the limit for its words alone, scripts left out', () => {
    const deep = `${'<div>'.repeat(1001)}one<script type="text/javascript">\nvar a = "<i>";\n</script>two<b>three</b>`;
    expect(htmlToText(`${deep}${'</div>'.repeat(1001)}`)).toBe('one two three');
  });
  it('gives an empty item no bullet, and never lends one to the next item or paragraph', () => {
    expect(htmlToText('<ul><li></li><li>a</li></ul>')).toBe('• a');
    expect(htmlToText('<ul><li>a</li><li> </li></ul><p>b</p>')).toBe('• a\n\nb');
    expect(htmlToText('<p>x</p><ul><li><p></p></li></ul>')).toBe('x');
  });

  it('gives an item that only holds a list one bullet per line of words', () => {
    expect(htmlToText('<ul><li><ul><li>a</li><li>b</li></ul></li></ul>')).toBe('• a\n• b');
  });

  it('keeps the space between inline elements and drops the layout space between blocks', () => {
    expect(htmlToText('<b>Hik</b> <i>vision</i>')).toBe('Hik vision');
    expect(htmlToText('<p>a</p>\n  <p>b</p>')).toBe('a\n\nb');
    expect(htmlToText('a\u00a0\t b')).toBe('a b');
  });

  it('reads nothing from nothing', () => {
    expect(htmlToText('')).toBe('');
    expect(htmlToText('  \n ')).toBe('');
  });
});
