/** Reads the config synth resolved beside a deployed function's bundle (see lambdas/resolved-config.ts). */
import { readResolvedConfig, type ResolvedConfig } from '../../resolved-config';
import { readJsonFile } from './json-file';

export function loadResolvedConfigFile(path: string): ResolvedConfig {
  return readResolvedConfig(readJsonFile(path).json, path);
}
