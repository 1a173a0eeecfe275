/**
 * What every Lambda handler shares: the configuration, as synth validated and resolved it (the file is
 * copied beside the bundle at deploy time, lambdas/resolved-config.ts), where the table is, and a cache
 * that keeps each handler's own composition (lambdas/compositions/) for the life of the container.
 */
import { dirname, join } from 'node:path';
import { loadResolvedConfigFile } from '../adapters/fs/resolved-config-file';
import { mapStacksLazily } from '../adapters/log/lazy-source-map';
import type { Config } from '../config';
import { RESOLVED_CONFIG_FILE, type ResolvedConfig } from '../resolved-config';

// In a bundle (index.js with index.js.map beside it), stack traces name the TypeScript source, the map
// read on the first trace; under tsx or jest there is no map here and nothing changes.
mapStacksLazily(__filename);

interface Closable {
  close(): Promise<void>;
}

const opened = new Map<string, Promise<Closable>>();

/** The resolved config with the table and region the function's environment names. */
export function lambdaSettings(env: NodeJS.ProcessEnv = process.env): ResolvedConfig {
  const file = env.PROCWATCH_CONFIG_PATH ?? join(__dirname, RESOLVED_CONFIG_FILE);
  const { config, allowedHosts } = loadResolvedConfigFile(file);
  return {
    allowedHosts,
    config: {
      ...config,
      store: {
        ...config.store,
        table: env.PROCWATCH_TABLE ?? config.store.table,
        region: env.AWS_REGION ?? config.store.region,
      },
    },
  };
}

export function lambdaConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return lambdaSettings(env).config;
}

/** Where the handler runs: the table (null for AWS), the bundle's folder, and which loopback hosts it may fetch. */
export function lambdaPlace(env: NodeJS.ProcessEnv = process.env) {
  const local = env.PROCWATCH_DYNAMO_ENDPOINT ?? null;
  return {
    endpoint: local,
    root: env.PROCWATCH_CONFIG_PATH ? dirname(env.PROCWATCH_CONFIG_PATH) : __dirname,
    // Loopback sources (a replay server) only ever when running against a local DynamoDB, never in AWS.
    allowPrivateHosts: local ? (env.PROCWATCH_ALLOW_PRIVATE_HOSTS ?? '').split(',').filter(Boolean) : [],
  };
}

/**
 * The handler's composition, opened on the first invocation and kept. A failed cold start (a secret
 * not readable yet) is retried on the next invocation, not cached.
 */
export function coldStart<T extends Closable>(name: string, open: () => Promise<T>): Promise<T> {
  let ready = opened.get(name) as Promise<T> | undefined;
  if (!ready) {
    const started = open();
    ready = started;
    opened.set(name, started);
    started.catch(() => {
      if (opened.get(name) === started) opened.delete(name);
    });
  }
  return ready;
}

/** Tests (and a graceful shutdown) release every cached composition's sockets. */
export async function closeHandlerRuntime(): Promise<void> {
  const all = [...opened.values()];
  opened.clear();
  for (const ready of all) await (await ready.catch(() => null))?.close();
}
