/**
 * Where a JSON text stops being JSON, found by a small scan of its own: V8's JSON.parse names a position
 * in some of its messages only (Node 20 in few, Node 22 in more, worded differently), and the words of a
 * message are no interface. Run only after JSON.parse has failed, so it is written to be plain, not fast.
 */
export interface TextPosition {
  /** 0-based offset of the first character that cannot continue a JSON document (the length when it ends early). */
  offset: number;
  /** 1-based, as editors count. */
  line: number;
  column: number;
}

/** Thrown from deep in the scan to its top, once: where the text went wrong. */
class Stop extends Error {
  constructor(readonly offset: number) {
    super(`invalid JSON at offset ${offset}`);
  }
}

const WHITESPACE = ' \t\n\r';
const ESCAPES = '"\\/bfnrt';
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/** The first offending character's position, or null when the text is valid JSON (or too deep to scan). */
export function jsonErrorPosition(text: string): TextPosition | null {
  const offset = errorOffset(text);
  if (offset === null) return null;
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { offset, line: before.split('\n').length, column: offset - lineStart + 1 };
}

function errorOffset(text: string): number | null {
  let i = 0;
  const at = (): string | undefined => (i < text.length ? text[i] : undefined);
  const fail = (): never => {
    throw new Stop(i);
  };
  const skipSpace = (): void => {
    while (i < text.length && WHITESPACE.includes(text[i])) i++;
  };
  const take = (ch: string): void => {
    if (at() !== ch) fail();
    i++;
  };
  const digits = (): void => {
    if (!isDigit(at())) fail();
    while (isDigit(at())) i++;
  };
  const string = (): void => {
    take('"');
    for (;;) {
      const c = at();
      if (c === undefined || c < ' ') fail();
      i++;
      if (c === '"') return;
      if (c !== '\\') continue;
      const e = at();
      if (e === 'u') {
        i++;
        for (let k = 0; k < 4; k++) {
          if (!isHex(at())) fail();
          i++;
        }
      } else if (e !== undefined && ESCAPES.includes(e)) i++;
      else fail();
    }
  };
  const number = (): void => {
    if (at() === '-') i++;
    if (at() === '0') i++;
    else digits();
    if (at() === '.') {
      i++;
      digits();
    }
    if (at() === 'e' || at() === 'E') {
      i++;
      if (at() === '+' || at() === '-') i++;
      digits();
    }
  };
  // Objects and arrays share one loop: members until the closing bracket, a comma between each.
  const container = (close: '}' | ']'): void => {
    i++;
    skipSpace();
    if (at() === close) {
      i++;
      return;
    }
    for (;;) {
      skipSpace();
      if (close === '}') {
        string();
        skipSpace();
        take(':');
      }
      value();
      skipSpace();
      if (at() !== ',') return take(close);
      i++;
    }
  };
  const literal = (word: string): void => {
    for (const ch of word) take(ch);
  };
  const value = (): void => {
    skipSpace();
    const c = at();
    if (c === '{') container('}');
    else if (c === '[') container(']');
    else if (c === '"') string();
    else if (c === '-' || isDigit(c)) number();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else fail();
  };
  try {
    value();
    skipSpace();
    return i < text.length ? i : null;
  } catch (e) {
    if (e instanceof Stop) return e.offset;
    // Nesting deeper than the stack: no position rather than a crash while reporting another error.
    if (e instanceof RangeError) return null;
    throw e;
  }
}
