/** What every CLI command shares: the config file, the runtime's life, output and exit codes. */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { allSitesAt, type Config } from '../config';
import { openRuntime, type Runtime, type RuntimeOptions } from '../composition';
import { loadConfigFile } from '../adapters/fs/config-file';
import { silentLogger } from '../adapters/log/json-logger';
import { ReplayServer } from '../../devtools/replay/replay-server';
import { startDynamoDbLocal, type LocalDynamoOptions } from '../../devtools/local/dynamodb-local';
import { ConfigError, describeFailure, ProcwatchError } from '../core/errors';
import { localSecret } from '../adapters/fs/local-secret';
import { CURSOR_SECRET_ENV } from '../http/api-settings';
import { printError } from './terminal';

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export interface GlobalOptions {
  config?: string;
  verbose?: boolean;
}

/**
 * The folder holding the package's own files (web/, data/, demo/replay, the default config): the
 * nearest one up with a package.json, so the CLI finds them run from source (lambdas/cli) or built
 * (dist/lambdas/cli), in a clone or a global install.
 */
export function projectRoot(): string {
  let dir = resolve(__dirname, '..', '..');
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/**
 * Where the config's relative data paths (known correspondence, parties) resolve: the working folder
 * when it holds them (a clone, or a campaign's own copy), else the package's own (a global install).
 */
export function dataRoot(config: Pick<Config, 'knownCorrespondence'>, cwd = process.cwd()): string {
  return existsSync(resolve(cwd, config.knownCorrespondence)) ? cwd : projectRoot();
}

export function readConfig(opts: GlobalOptions): Config {
  const path = opts.config ? resolve(opts.config) : join(process.cwd(), 'procwatch.config.json');
  const fallback = join(projectRoot(), 'procwatch.config.json');
  return loadConfigFile(existsSync(path) || opts.config ? path : fallback);
}

/** Points every source family at a local replay server (`DIR` is a step folder or a root + step). */
export async function startReplay(dir: string, step?: string): Promise<ReplayServer> {
  const full = resolve(dir);
  const isStep = existsSync(join(full, 'routes.json'));
  const root = isStep ? dirname(full) : full;
  const chosen = isStep ? basename(full) : (step ?? 't0');
  if (!existsSync(join(root, chosen, 'routes.json'))) {
    // A typo in --step or --replay is the user's to fix: a usage error naming the steps there are.
    const steps = existsSync(root) ? readdirSync(root).filter((d) => existsSync(join(root, d, 'routes.json'))) : [];
    throw new ProcwatchError(
      'usage',
      `There is no replay step "${chosen}" in ${dir}` +
        `${steps.length ? ` (steps: ${steps.sort().join(', ')})` : ' (no steps there)'}.`,
    );
  }
  const server = new ReplayServer(root);
  await server.start(chosen);
  return server;
}

/**
 * The key `procwatch changes` signs the cursors it prints with and `procwatch serve` verifies them
 * with: the environment's, else one kept beside the local store. The one place the CLI finds it.
 */
export function localCursorSecret(config: Config): string {
  return process.env[CURSOR_SECRET_ENV] || localSecret(resolve(config.store.dataDir, 'cursor-secret'));
}

export function replayConfig(config: Config, server: ReplayServer): Config {
  return { ...config, endpoints: allSitesAt(server.url, config.endpoints) };
}

export interface CliRuntimeOptions extends RuntimeOptions {
  /** How a DynamoDB Local started here behaves (shared with other processes, stopped on signals…). */
  local?: Omit<LocalDynamoOptions, 'dbPath'>;
}

export async function withRuntime<T>(
  config: Config,
  options: CliRuntimeOptions,
  fn: (rt: Runtime) => Promise<T>,
): Promise<T> {
  // A local store's JVM is stopped on Ctrl-C too, and says which command holds the store.
  const command = `procwatch ${process.argv[2] ?? ''}`.trim();
  const { local, ...rest } = options;
  const runtime = await openRuntime(config, {
    root: process.cwd(),
    dataRoot: dataRoot(config),
    logger: options.logger ?? silentLogger,
    launchLocal: (dbPath) =>
      startDynamoDbLocal({ ...(dbPath ? { dbPath } : {}), stopOnSignals: true, command, ...local }),
    ...rest,
  });
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}

/** Runs a command's action: errors become one sentence on stderr and the right exit code. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number | void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      process.exitCode = (await fn(...args)) ?? EXIT.ok;
    } catch (err) {
      printError(`procwatch: ${describeFailure(err)}\n`);
      if (process.env.PROCWATCH_DEBUG && err instanceof Error) printError(`${err.stack}\n`);
      const usage =
        err instanceof ConfigError ||
        (err instanceof ProcwatchError && (err.code === 'usage' || err.code === 'invalid-parameter'));
      process.exitCode = usage ? EXIT.usage : EXIT.failure;
    }
  };
}

/** Parses `7d`, `24h`, `2026-01-31` or a full ISO time into an ISO time. */
export function parseSince(value: string, now = new Date()): string {
  const rel = /^(\d+)([dhw])$/.exec(value.trim());
  if (rel) {
    const hours = Number(rel[1]) * ({ h: 1, d: 24, w: 168 } as const)[rel[2] as 'h' | 'd' | 'w'];
    return new Date(now.getTime() - hours * 3600_000).toISOString();
  }
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new ProcwatchError('usage', `"${value}" is not a date: use e.g. 7d, 24h or 2026-01-31.`);
  return new Date(t).toISOString();
}
