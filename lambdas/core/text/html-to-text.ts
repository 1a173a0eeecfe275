import { htmlDepth, MAX_HTML_DEPTH } from './html-depth';
// htmlparser2 itself, the parser cheerio/slim runs: the walker reads the tree, never selects in it, so a
// checker whose kinds only turn HTML into text carries no selector engine or serializer (issue 17).
import { parseDocument } from 'htmlparser2';

/**
 * GOV.UK govspeak HTML (a content item's `details.body`, or the attachment sections in
 * `details.documents`) to readable text: one line per block, "• " for list items,
 * " | " between table cells. Never throws: a garbled page still gives its words.
 */
export function htmlToText(html: string): string {
  if (typeof html !== 'string') return '';
  try {
    // Pathologically deep markup is read for its words only (no block structure): see html-depth.
    if (htmlDepth(html) > MAX_HTML_DEPTH) throw new Error('too deep');
    const writer = new BlockWriter();
    for (const child of parseDocument(html).children as DomNode[]) writer.walk(child);
    return tidy(writer.result());
  } catch {
    // Whatever the parser choked on, the words are still worth having.
    return tidy(html.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' '));
  }
}

/** The slice of domhandler's node shape this walker reads. */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  children?: DomNode[];
}

/** Content that is never read as text. */
const DROPPED = new Set([
  'script',
  'style',
  'nav',
  'svg',
  'noscript',
  'template',
  'head',
  'iframe',
  'object',
  'button',
  'select',
]);
/** Blocks that stand apart as paragraphs. */
const PARAGRAPHS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'section',
  'article',
  'ul',
  'ol',
  'dl',
  'table',
  'figure',
  'pre',
  'aside',
  'main',
  'header',
  'footer',
  'form',
  'fieldset',
  'address',
  'hr',
]);
/** Blocks that only start a new line. */
const LINES = new Set([
  'div',
  'li',
  'tr',
  'dt',
  'dd',
  'caption',
  'figcaption',
  'details',
  'summary',
  'thead',
  'tbody',
  'tfoot',
  'legend',
  'label',
]);
const CELLS = new Set(['td', 'th']);

/**
 * Writes text with breaks and bullets requested lazily: both are only emitted when text follows,
 * so nested blocks (a <p> inside an <li>, a list inside an item) and empty items never leave empty
 * lines, doubled bullets or a bullet on the paragraph after the list.
 */
class BlockWriter {
  private out: string[] = [];
  private pendingBreak = 0;
  private pendingBullet = false;
  private cellDepth = 0;
  private itemDepth = 0;
  private cellIndex: number[] = [];

  result(): string {
    return this.out.join('');
  }

  walk(node: DomNode): void {
    if (node.type === 'text' || node.type === 'cdata') {
      if (node.type === 'text') this.text(node.data ?? '');
      else for (const child of node.children ?? []) this.walk(child);
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root') return;
    const name = (node.name ?? '').toLowerCase();
    if (DROPPED.has(name)) return;
    if (name === 'br') return this.requestBreak(1);
    if (CELLS.has(name)) return this.cell(node);
    if (name === 'tr') return this.row(node);
    // Inside a list item, paragraphs are lines: items stay one under the other.
    const weight = PARAGRAPHS.has(name) ? (this.itemDepth > 0 ? 1 : 2) : LINES.has(name) ? 1 : 0;
    this.requestBreak(weight);
    if (name === 'li') {
      this.pendingBullet = true;
      this.itemDepth++;
    }
    this.children(node);
    if (name === 'li') {
      this.itemDepth--;
      // An item with no words of its own gets no bullet.
      this.pendingBullet = false;
    }
    this.requestBreak(weight);
  }

  private children(node: DomNode): void {
    for (const child of node.children ?? []) this.walk(child);
  }

  private row(node: DomNode): void {
    this.requestBreak(1);
    this.cellIndex.push(0);
    this.children(node);
    this.cellIndex.pop();
    this.requestBreak(1);
  }

  private cell(node: DomNode): void {
    const depth = this.cellIndex.length - 1;
    if (depth >= 0 && this.cellIndex[depth]++ > 0) {
      this.pendingBreak = 0;
      this.out.push(' | ');
    }
    // Blocks inside a cell would break the row apart: inside cells they become spaces.
    this.cellDepth++;
    this.children(node);
    this.cellDepth--;
  }

  private requestBreak(weight: number): void {
    if (weight === 0) return;
    if (this.cellDepth > 0) {
      this.out.push(' ');
      return;
    }
    this.pendingBreak = Math.max(this.pendingBreak, weight);
  }

  /** Before text: the break asked for (tidy() drops any at the very start), then the item's bullet. */
  private flushBreak(): void {
    this.out.push('\n'.repeat(this.pendingBreak));
    this.pendingBreak = 0;
    if (this.pendingBullet) this.out.push('• ');
    this.pendingBullet = false;
  }

  private text(data: string): void {
    const collapsed = data.replace(/[ \t\n\r\f\u00A0]+/g, ' ');
    if (collapsed.trim() === '') {
      // Whitespace between inline elements separates words; between blocks it is layout.
      if (this.pendingBreak === 0 && this.out.length > 0) this.out.push(' ');
      return;
    }
    this.flushBreak();
    this.out.push(collapsed);
  }
}

/** Per-line whitespace collapse and blank-line runs to one: the layout the walker promises. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\f\r]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
