/**
 * A Lambda's configuration file as the CDK stack copies it beside the bundle: the repository's
 * config on the two BSCC sources, every source family pointed at the replay server.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allSitesAt } from '../../lambdas/config';
import { BSCC_SOURCES, ROOT } from './harness';

/** Writes the file into a fresh folder and returns its path (for PROCWATCH_CONFIG_PATH). */
export function writeLambdaConfig(replayUrl: string, overrides: Record<string, unknown> = {}): string {
  const base = JSON.parse(readFileSync(join(ROOT, 'procwatch.config.json'), 'utf8'));
  const config = {
    ...base,
    sources: base.sources.filter((s: { id: string }) => BSCC_SOURCES.includes(s.id)),
    endpoints: allSitesAt(replayUrl),
    knownCorrespondence: join(ROOT, 'data/known-correspondence'),
    ...overrides,
  };
  const path = join(mkdtempSync(join(tmpdir(), 'lambda-')), 'procwatch.config.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}
