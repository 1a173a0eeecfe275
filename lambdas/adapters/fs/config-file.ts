/** Reads and validates the configuration file; a JSON syntax error names its line and column. */
import { parseConfig, type Config } from '../../config';
import { readJsonFile } from './json-file';

export function loadConfigFile(path: string): Config {
  const { json, text } = readJsonFile(path);
  return parseConfig(json, path, text);
}
