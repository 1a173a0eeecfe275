/** The XML checker the tests judge the Atom feed with rejects what XML rejects, and reads what XML allows. */
import { XMLParser } from 'fast-xml-parser';
import { childNamed, parseStrictXml, XmlNotWellFormed } from '../../support/strict-xml';

const NOT_WELL_FORMED: [string, string][] = [
  ['a raw ampersand in text', '<feed><title>Hikvision & Dahua</title></feed>'],
  ['a raw ampersand in an attribute', '<feed><link href="/x?a=1&b=2"/></feed>'],
  ['an unclosed tag', '<feed><entry><title>x</title></feed>'],
  ['a root never closed', '<feed><title>x</title>'],
  ['a mismatched closing tag', '<feed><title>x</summary></feed>'],
  ['two root elements', '<feed/><feed/>'],
  ['an entity XML does not define', '<feed><title>a&nbsp;b</title></feed>'],
  ['a raw < in text', '<feed><title>1 < 2</title></feed>'],
  ['an unquoted attribute', '<feed><link href=x/></feed>'],
  ['the same attribute twice', '<feed><link rel="a" rel="b"/></feed>'],
  ['an unbound namespace prefix', '<feed><media:thumbnail/></feed>'],
  ['a control character', '<feed><title>bell \u0007</title></feed>'],
];

it.each(NOT_WELL_FORMED)('rejects %s', (_what, xml) => {
  expect(() => parseStrictXml(xml)).toThrow(XmlNotWellFormed);
});

it('is needed: fast-xml-parser, which reads feeds in the product, accepts a raw & and an unclosed tag', () => {
  const lenient = new XMLParser();
  expect(() => lenient.parse(NOT_WELL_FORMED[0][1])).not.toThrow();
  expect(() => lenient.parse(NOT_WELL_FORMED[2][1])).not.toThrow();
});

it('reads a well-formed Atom document: namespaces, attributes, decoded entities and CDATA', () => {
  const root = parseStrictXml(
    '<?xml version="1.0" encoding="utf-8"?>\n' +
      '<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">Hikvision &amp; Dahua &lt;b&gt; &#x263A;</title>' +
      '<link rel="self" href="/feed.atom?a=1&amp;b=2"/><summary><![CDATA[raw & <kept>]]></summary></feed>',
  );
  expect(root.name).toBe('feed');
  expect(root.uri).toBe('http://www.w3.org/2005/Atom');
  expect(childNamed(root, 'title')!.text).toBe('Hikvision & Dahua <b> ☺');
  expect(childNamed(root, 'link')!.attributes).toEqual({ rel: 'self', href: '/feed.atom?a=1&b=2' });
  expect(childNamed(root, 'summary')!.text).toBe('raw & <kept>');
});
