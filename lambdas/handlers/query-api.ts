/**
 * Lambda: the change-log query API and web page behind API Gateway (HTTP API, payload v2). Thin:
 * routing lives in lambdas/http. The signing secrets are read once per cold start (the stack passes
 * only where they are) and handed to the logger's redaction list. The router turns errors into
 * responses, so a 5xx answer (or a failed cold start) is counted here for the Problems alarm.
 */
import { join } from 'node:path';
import { EmfMetrics } from '../adapters/log/emf-metrics';
import { openQueryApi } from '../compositions/query-api';
import { requestFromEvent, resultFromResponse, type ApiGatewayV2Event } from '../http/api-gateway-event';
import { coldStart, lambdaConfig, lambdaPlace } from './handler-runtime';

export const API_SERVER_ERRORS = 'ApiServerErrors';
const metrics = new EmfMetrics();

export async function handler(event: ApiGatewayV2Event) {
  const api = await coldStart('query-api', () =>
    openQueryApi(lambdaConfig(), {
      endpoint: lambdaPlace().endpoint,
      env: process.env,
      webDir: process.env.PROCWATCH_WEB_DIR ?? join(__dirname, 'web'),
    }),
  ).catch((err: unknown) => {
    metrics.count(API_SERVER_ERRORS);
    throw err;
  });
  const response = await api.router(requestFromEvent(event));
  if (response.status >= 500) metrics.count(API_SERVER_ERRORS);
  return resultFromResponse(response);
}
