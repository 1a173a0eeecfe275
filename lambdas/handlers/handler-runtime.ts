/**
 * What every Lambda handler shares: the configuration read and validated once per cold start
 * (the file is copied beside the bundle at deploy time), and the runtime built once and reused.
 */
import { dirname, join } from 'node:path';
import { loadConfigFile } from '../adapters/fs/config-file';
import { JsonLogger } from '../adapters/log/json-logger';
import { openRuntime, type Runtime, type RuntimeOptions } from '../composition';
import type { Config } from '../config';

let cached: { config: Config; runtime: Promise<Runtime> } | null = null;

export function lambdaConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const file = env.PROCWATCH_CONFIG_PATH ?? join(__dirname, 'procwatch.config.json');
  const config = loadConfigFile(file);
  return {
    ...config,
    store: {
      ...config.store,
      table: env.PROCWATCH_TABLE ?? config.store.table,
      region: env.AWS_REGION ?? config.store.region,
    },
  };
}

export function handlerRuntime(options: RuntimeOptions = {}): { config: Config; runtime: Promise<Runtime> } {
  if (!cached) {
    const config = lambdaConfig();
    const local = process.env.PROCWATCH_DYNAMO_ENDPOINT;
    const root = process.env.PROCWATCH_CONFIG_PATH ? dirname(process.env.PROCWATCH_CONFIG_PATH) : __dirname;
    cached = {
      config,
      runtime: openRuntime(config, {
        aws: !local,
        dynamoEndpoint: local,
        // Loopback sources (a replay server) only ever when running against a local DynamoDB, never in AWS.
        allowPrivateHosts: local ? (process.env.PROCWATCH_ALLOW_PRIVATE_HOSTS ?? '').split(',').filter(Boolean) : [],
        root,
        logger: new JsonLogger(),
        ...options,
      }),
    };
  }
  return cached;
}

/** Tests (and a graceful shutdown) release the cached runtime's sockets. */
export async function closeHandlerRuntime(): Promise<void> {
  const current = cached;
  cached = null;
  if (current) await (await current.runtime).close();
}
