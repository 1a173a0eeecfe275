/** Reads a JSON file for the config readers: a missing file or a syntax error says where, in one sentence. */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../../core/errors';
import { jsonErrorPosition } from './json-error-position';

/**
 * What an error says, by its code when it has one (ENOENT, EACCES: one word that says more than the message).
 * Read by shape, not `instanceof`: Node's errors can come from another realm (a test runner's sandbox).
 */
function reasonOf(err: unknown, byCode: boolean): string {
  if (typeof err === 'object' && err !== null) {
    if (byCode && 'code' in err && typeof err.code === 'string') return err.code;
    if ('message' in err && typeof err.message === 'string') return err.message;
  }
  return String(err);
}

/** The file's parsed JSON and its text (for messages that name lines). */
export function readJsonFile(path: string): { json: unknown; text: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError([`${path}: cannot be read (${reasonOf(err, true)}).`]);
  }
  try {
    return { json: JSON.parse(text), text };
  } catch (err) {
    const at = jsonErrorPosition(text);
    const where = at ? ` at line ${at.line}, column ${at.column}` : '';
    const detail = reasonOf(err, false).replace(/^JSON\.parse: /, '');
    throw new ConfigError([`${path}: is not valid JSON${where}: ${detail}`]);
  }
}
