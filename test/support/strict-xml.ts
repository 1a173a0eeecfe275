/**
 * The XML the product writes (the Atom feed) read back by a conformant parser: saxes checks
 * well-formedness as XML 1.0 and Namespaces in XML define it, and fails on the first thing XML
 * rejects (a raw `&`, an unclosed or mismatched tag, text outside the root, an undefined entity,
 * an unbound prefix). fast-xml-parser, which the product uses to read feeds, is lenient by design
 * and accepts all of those, so it cannot be the judge. saxes is pure JavaScript with one small
 * dependency, is what jsdom parses XML with, and is tested against the W3C XML conformance suite;
 * it does not validate against a DTD, which an Atom feed does not have.
 */
import { SaxesParser } from 'saxes';

export interface XmlElement {
  /** Local name (`entry`), with its namespace URI. */
  name: string;
  uri: string;
  /** By local name: Atom's attributes carry no prefix. */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text, entities decoded, CDATA included. */
  text: string;
}

export class XmlNotWellFormed extends Error {
  constructor(readonly problems: string[]) {
    super(`not well-formed XML: ${problems.join('; ')}`);
    this.name = 'XmlNotWellFormed';
  }
}

/** Parses `xml` strictly into an element tree, or throws XmlNotWellFormed naming every problem found. */
export function parseStrictXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const problems: string[] = [];
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  parser.on('error', (err) => problems.push(err.message));
  parser.on('opentag', (tag) => {
    const el: XmlElement = {
      name: tag.local,
      uri: tag.uri,
      attributes: Object.fromEntries(Object.values(tag.attributes).map((a) => [a.local, a.value])),
      children: [],
      text: '',
    };
    stack[stack.length - 1]?.children.push(el);
    stack.push(el);
  });
  const addText = (t: string) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    const el = stack.pop();
    if (el && stack.length === 0) root = el;
  });
  parser.write(xml).close();
  if (problems.length) throw new XmlNotWellFormed(problems);
  if (!root) throw new XmlNotWellFormed(['no root element']);
  return root;
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

export function childNamed(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}
