/**
 * The config as a deployed function reads it: validated, its defaults filled and its endpoints resolved
 * by the CDK app at synth (lib/deploy-settings.ts), with the hosts its sources may fetch from. A handler
 * then builds no config schema at cold start, nor carries one in its bundle (issue 17): the file and the
 * bundle beside it come from one synth, so what the schema would check was checked there.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Config } from './config';
import { ConfigError } from './core/errors';

/** The file's name beside each bundle. Not `procwatch.config.json`: it is no file a person writes. */
export const RESOLVED_CONFIG_FILE = 'procwatch.resolved.json';
/** Raised whenever the shape of `Config` changes, so a function never reads a file of another shape. */
export const RESOLVED_CONFIG_FORMAT = 'procwatch-resolved-config/1';

export interface ResolvedConfig {
  config: Config;
  /** The sources' hosts (config.ts `allowedHosts`): the fetcher's allowlist. */
  allowedHosts: string[];
}

/** The file's text. Refused when the config would not read back the same (a value JSON cannot carry). */
export function resolvedConfigText(resolved: ResolvedConfig): string {
  const file = { format: RESOLVED_CONFIG_FORMAT, ...resolved };
  const text = JSON.stringify(file, null, 2);
  if (!isDeepStrictEqual(JSON.parse(text), file))
    throw new ConfigError(['The resolved config does not survive JSON: it holds a value a file cannot carry.']);
  return text;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/**
 * The parts every handler reads at once: a file missing one is refused here, not halfway through a run.
 * Passing says it is a `Config`: its values were validated at synth, when the file was written.
 */
function looksResolved(config: Record<string, unknown>): config is Record<string, unknown> & Config {
  return (
    typeof config.userAgent === 'string' &&
    Array.isArray(config.sources) &&
    ['store', 'alerts', 'mailer', 'endpoints', 'raw'].every((k) => isRecord(config[k]))
  );
}

/**
 * The config of a resolved file's JSON, or one sentence saying why not. Its format is checked, and the
 * sections every handler reads: each value was checked at synth.
 */
export function readResolvedConfig(json: unknown, file: string): ResolvedConfig {
  const redeploy = 'deploy again (cdk deploy) so that the function and its config come from one synth';
  const format = isRecord(json) ? json.format : undefined;
  if (format !== RESOLVED_CONFIG_FORMAT)
    throw new ConfigError([
      `${file}: is not a config resolved at synth (format ${JSON.stringify(format ?? null)}, ` +
        `expected "${RESOLVED_CONFIG_FORMAT}"): ${redeploy}.`,
    ]);
  const { config, allowedHosts } = isRecord(json) ? json : {};
  if (!isRecord(config) || !looksResolved(config) || !isStrings(allowedHosts))
    throw new ConfigError([`${file}: lacks a part of the resolved config every function reads: ${redeploy}.`]);
  return { config, allowedHosts };
}
