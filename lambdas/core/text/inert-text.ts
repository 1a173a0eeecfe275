/**
 * Scraped text made inert for the places people read it raw: a terminal, an e-mail's subject and
 * text part, a CSV cell. A title from a web page must not set a terminal's title, clear its screen
 * or move its cursor (C0/C1 control characters, ESC sequences), and must not reorder or hide what
 * follows it (bidirectional overrides and isolates, zero-width characters). One rule for all of them.
 */

/** C0 controls except tab and newline, DEL, and C1 controls (ESC, CSI and BEL among them). */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Bidi embeddings, overrides and isolates, the Arabic letter mark, zero-width and line/paragraph separators. */
const INVISIBLE = /[\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** Keeps line breaks (normalised to `\n`) and tabs; everything else that acts instead of showing is removed. */
export function inertText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROLS, '').replace(INVISIBLE, '');
}

/** One line: line breaks and tabs become spaces, runs of spaces one. */
export function inertLine(text: string): string {
  return inertText(text)
    .replace(/[\n\t]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** JSON that keeps every character of the data but prints none of them raw: they are escaped as \uXXXX. */
export function inertJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(
    new RegExp(`${CONTROLS.source}|${INVISIBLE.source}`, 'g'),
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
