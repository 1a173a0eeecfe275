/** Reads and validates the configuration file; a JSON syntax error names its line and column. */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../../core/errors';
import { parseConfig, type Config } from '../../config';
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

export function loadConfigFile(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError([`${path}: cannot be read (${reasonOf(err, true)}).`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const at = jsonErrorPosition(text);
    const where = at ? ` at line ${at.line}, column ${at.column}` : '';
    const detail = reasonOf(err, false).replace(/^JSON\.parse: /, '');
    throw new ConfigError([`${path}: is not valid JSON${where}: ${detail}`]);
  }
  return parseConfig(json, path, text);
}
