/** Lambda: the change-log query API and web page behind API Gateway (HTTP API, payload v2). Thin: routing lives in lambdas/http. */
import { join } from 'node:path';
import { readApiSettings } from '../http/api-settings';
import { requestFromEvent, resultFromResponse, type ApiGatewayV2Event } from '../http/api-gateway-event';
import { queryApiRouter } from '../http/query-api-composition';
import { handlerRuntime } from './handler-runtime';

let router: ReturnType<typeof queryApiRouter> | null = null;

export async function handler(event: ApiGatewayV2Event) {
  if (!router) {
    const { config, runtime } = handlerRuntime();
    const settings = readApiSettings(process.env, { unsubscribeSecretEnv: config.unsubscribe?.secretEnv });
    router = queryApiRouter(await runtime, settings, process.env.PROCWATCH_WEB_DIR ?? join(__dirname, 'web'));
  }
  return resultFromResponse(await router(requestFromEvent(event)));
}
