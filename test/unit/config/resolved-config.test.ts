/**
 * The config a deployed function reads (lambdas/resolved-config.ts): written at synth from the parsed
 * config, read back at cold start without any schema. What it reads back is what synth parsed, and a file
 * that is not one (a user's procwatch.config.json, another format, a part missing) is refused in one
 * sentence that says to deploy again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allowedHosts, parseConfig, type Config } from '../../../lambdas/config';
import { ConfigError } from '../../../lambdas/core/errors';
import { readResolvedConfig, RESOLVED_CONFIG_FORMAT, resolvedConfigText } from '../../../lambdas/resolved-config';

const ROOT = join(__dirname, '..', '..', '..');
const repoJson = JSON.parse(readFileSync(join(ROOT, 'procwatch.config.json'), 'utf8'));
const config = parseConfig(repoJson);
const text = resolvedConfigText({ config, allowedHosts: allowedHosts(config) });

function problemOf(json: unknown): string {
  try {
    readResolvedConfig(json, 'procwatch.resolved.json');
  } catch (err) {
    if (err instanceof ConfigError && err.problems.length === 1) return err.problems[0];
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('the resolved config', () => {
  it('reads back exactly the config synth parsed, with the allowlist the CLI would compute', () => {
    const back = readResolvedConfig(JSON.parse(text), 'procwatch.resolved.json');
    expect(back.config).toEqual(config);
    expect(back.allowedHosts).toEqual(allowedHosts(config));
    expect(back.allowedHosts).toContain('www.gov.uk');
    // Defaults filled and endpoints resolved at synth: nothing is left for the function to work out.
    expect(back.config.userAgent).toMatch(/^procurement-watch\/\S+ \(\+https:\/\/github\.com\//);
    expect(back.config.store.table).toBe('procwatch');
    expect(back.config.endpoints.govuk).toBe('https://www.gov.uk');
  });

  it('names its format in the file', () => {
    expect(JSON.parse(text).format).toBe(RESOLVED_CONFIG_FORMAT);
  });

  it('refuses a config file a person writes, which has no format', () => {
    expect(problemOf(repoJson)).toBe(
      'procwatch.resolved.json: is not a config resolved at synth (format null, expected ' +
        `"${RESOLVED_CONFIG_FORMAT}"): deploy again (cdk deploy) so that the function and its config ` +
        'come from one synth.',
    );
  });

  it('refuses another format, naming it', () => {
    const other = { ...JSON.parse(text), format: 'procwatch-resolved-config/0' };
    expect(problemOf(other)).toMatch(/\(format "procwatch-resolved-config\/0", expected /);
  });

  it.each([
    ['the allowlist', (j: Record<string, unknown>) => ({ ...j, allowedHosts: undefined })],
    ['a host that is not text', (j: Record<string, unknown>) => ({ ...j, allowedHosts: [42] })],
    ['the config', (j: Record<string, unknown>) => ({ ...j, config: undefined })],
    ['the sources', (j: Record<string, unknown>) => ({ ...j, config: { ...(j.config as Config), sources: 'x' } })],
    ['the store', (j: Record<string, unknown>) => ({ ...j, config: { ...(j.config as Config), store: null } })],
    ['the User-Agent', (j: Record<string, unknown>) => ({ ...j, config: { ...(j.config as Config), userAgent: 1 } })],
  ])('refuses a file without %s, in one sentence', (_part, cut) => {
    expect(problemOf(cut(JSON.parse(text)))).toBe(
      'procwatch.resolved.json: lacks a part of the resolved config every function reads: deploy again ' +
        '(cdk deploy) so that the function and its config come from one synth.',
    );
  });

  it('refuses at synth a config JSON could not carry back', () => {
    const odd = { ...config, store: { ...config.store, dataDir: undefined as unknown as string, at: new Date(0) } };
    expect(() => resolvedConfigText({ config: odd, allowedHosts: [] })).toThrow(
      'The resolved config does not survive JSON: it holds a value a file cannot carry.',
    );
  });
});
