/**
 * How deeply a page nests its elements, measured by a quick scan before any selector runs: CSS
 * selection over a page nested tens of thousands of levels deep costs time that grows with the
 * square of the depth (a 1 MB page of nested <div>s took 53 s of CPU), while real GOV.UK pages
 * nest a few dozen levels. Beyond `MAX_HTML_DEPTH` the page is refused as malformed or hostile.
 */
import { ParseError } from '../errors';

export const MAX_HTML_DEPTH = 1000;

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
// Comments and script/style bodies first, so the tags inside them are not counted.
const TAG = /<!--[\s\S]*?-->|<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>|<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g;

/** The deepest nesting seen, or `limit + 1` as soon as the limit is passed. */
export function htmlDepth(html: string, limit = MAX_HTML_DEPTH): number {
  let depth = 0;
  let max = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const name = m[3]?.toLowerCase();
    if (!name || VOID.has(name) || m[4]) continue;
    depth = m[2] ? Math.max(0, depth - 1) : depth + 1;
    if (depth > max) max = depth;
    if (max > limit) return max;
  }
  return max;
}

export function assertShallowHtml(html: string, where: { url?: string; source?: string }): void {
  if (htmlDepth(html) > MAX_HTML_DEPTH) {
    throw new ParseError(
      `The page nests its markup more than ${MAX_HTML_DEPTH} levels deep, ` +
        'which no real page does; it was refused unread.',
      where,
    );
  }
}
