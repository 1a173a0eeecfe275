/** Lambda: the change-log query API and web page behind API Gateway (HTTP API, payload v2). Thin: routing lives in lambdas/http. */
import { join } from 'node:path';
import { folderAssets } from '../adapters/http-server/web-assets';
import { readApiSettings } from '../http/api-settings';
import { requestFromEvent, resultFromResponse, type ApiGatewayV2Event } from '../http/api-gateway-event';
import { createRouter } from '../http/router';
import { handlerRuntime } from './handler-runtime';

let router: ReturnType<typeof createRouter> | null = null;

export async function handler(event: ApiGatewayV2Event) {
  if (!router) {
    const rt = await handlerRuntime().runtime;
    const settings = readApiSettings(process.env);
    router = createRouter({ store: rt.store, settings, assets: folderAssets(process.env.PROCWATCH_WEB_DIR ?? join(__dirname, 'web')), logger: rt.logger });
  }
  return resultFromResponse(await router(requestFromEvent(event)));
}
