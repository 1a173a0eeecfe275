/** Reads and validates the configuration file; a JSON syntax error names its line. */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../../core/errors';
import { parseConfig, type Config } from '../../config';

export function loadConfigFile(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError([
      `${path}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`,
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const pos = Number(/position (\d+)/.exec((err as Error).message)?.[1]);
    const line = Number.isFinite(pos) ? ` at line ${text.slice(0, pos).split('\n').length}` : '';
    throw new ConfigError([
      `${path}: is not valid JSON${line}: ${(err as Error).message.replace(/^JSON\.parse: /, '')}`,
    ]);
  }
  return parseConfig(json, path, text);
}
