/**
 * Lambda: the change-log query API and web page behind API Gateway (HTTP API, payload v2). Thin:
 * routing lives in lambdas/http. The signing secrets are read once per cold start (the stack passes
 * only where they are) and handed to the logger's redaction list.
 */
import { join } from 'node:path';
import { openQueryApi } from '../compositions/query-api';
import { requestFromEvent, resultFromResponse, type ApiGatewayV2Event } from '../http/api-gateway-event';
import { coldStart, lambdaConfig, lambdaPlace } from './handler-runtime';

export async function handler(event: ApiGatewayV2Event) {
  const { router } = await coldStart('query-api', () =>
    openQueryApi(lambdaConfig(), {
      endpoint: lambdaPlace().endpoint,
      env: process.env,
      webDir: process.env.PROCWATCH_WEB_DIR ?? join(__dirname, 'web'),
    }),
  );
  return resultFromResponse(await router(requestFromEvent(event)));
}
