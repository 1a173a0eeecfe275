/**
 * The query-api Lambda's runtime: the table's read side and its subscriber items, the API settings
 * with their secrets, and the router. Nothing that fetches or sends.
 */
import { DynamoSubscribers } from '../adapters/dynamodb/subscriber-store';
import { JsonLogger } from '../adapters/log/json-logger';
import { catalogOf } from '../config-catalog';
import type { Config } from '../config';
import { systemClock } from '../core/ports';
import { loadApiSettings, queryApiRouter } from '../http/query-api-composition';
import { connectStore } from './store-connection';

export interface QueryApi {
  router: ReturnType<typeof queryApiRouter>;
  close(): Promise<void>;
}

export interface QueryApiOptions {
  /** DynamoDB Local's endpoint, or null for AWS. */
  endpoint: string | null;
  env: NodeJS.ProcessEnv;
  /** The web page's folder beside the bundle. */
  webDir: string;
}

export async function openQueryApi(config: Config, options: QueryApiOptions): Promise<QueryApi> {
  const { settings, secrets } = await loadApiSettings(options.env, { unsubscribe: config.unsubscribe });
  const logger = new JsonLogger(undefined, { fn: 'query-api' }, secrets);
  const store = await connectStore(config, options.endpoint);
  const router = queryApiRouter(
    { config, store, subscriberStore: new DynamoSubscribers(store), clock: systemClock, logger },
    settings,
    options.webDir,
    catalogOf(config),
  );
  return { router, close: async () => {} };
}
