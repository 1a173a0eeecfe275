/**
 * A Lambda's configuration file as the CDK stack writes it beside the bundle: validated and resolved
 * (lambdas/resolved-config.ts, the same writer synth uses), here from the repository's config on the two
 * BSCC sources with every source family pointed at the replay server, or from the config as it is.
 */
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allowedHosts, allSitesAt, parseConfig } from '../../lambdas/config';
import { RESOLVED_CONFIG_FILE, resolvedConfigText } from '../../lambdas/resolved-config';
import { BSCC_SOURCES, ROOT } from './harness';

const repoFile = () => JSON.parse(readFileSync(join(ROOT, 'procwatch.config.json'), 'utf8'));

/**
 * Resolves a config file's JSON into a fresh folder and returns the path (for PROCWATCH_CONFIG_PATH). The
 * folder has the repository's `data/` beside the file, as a bundle has its copy (known letters, parties).
 */
export function writeResolvedConfig(file: unknown): string {
  const config = parseConfig(file);
  const dir = mkdtempSync(join(tmpdir(), 'lambda-'));
  symlinkSync(join(ROOT, 'data'), join(dir, 'data'));
  const path = join(dir, RESOLVED_CONFIG_FILE);
  writeFileSync(path, resolvedConfigText({ config, allowedHosts: allowedHosts(config) }));
  return path;
}

/** The repository's config, resolved as a deployed function reads it. */
export const writeRepoLambdaConfig = (): string => writeResolvedConfig(repoFile());

export function writeLambdaConfig(replayUrl: string, overrides: Record<string, unknown> = {}): string {
  const base = repoFile();
  return writeResolvedConfig({
    ...base,
    sources: base.sources.filter((s: { id: string }) => BSCC_SOURCES.includes(s.id)),
    endpoints: allSitesAt(replayUrl),
    knownCorrespondence: join(ROOT, 'data/known-correspondence'),
    ...overrides,
  });
}
