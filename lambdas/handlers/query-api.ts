/**
 * Lambda: the change-log query API and web page behind API Gateway (HTTP API, payload v2). Thin: routing lives in lambdas/http.
 * The signing secrets are read once per cold start (the stack passes only their ARNs) and handed to the logger's redaction list.
 * The router turns errors into responses, so a 5xx answer (or a failed cold start) is counted here for the alarm.
 */
import { join } from 'node:path';
import { EmfMetrics } from '../adapters/log/emf-metrics';
import { JsonLogger } from '../adapters/log/json-logger';
import { requestFromEvent, resultFromResponse, type ApiGatewayV2Event } from '../http/api-gateway-event';
import { loadApiSettings, queryApiRouter } from '../http/query-api-composition';
import { handlerRuntime, lambdaConfig } from './handler-runtime';
import { catalogOf } from '../config-catalog';

let ready: Promise<ReturnType<typeof queryApiRouter>> | null = null;
const metrics = new EmfMetrics();
export const API_SERVER_ERRORS = 'ApiServerErrors';

async function init() {
  const config = lambdaConfig();
  const { settings, secrets } = await loadApiSettings(process.env, { unsubscribe: config.unsubscribe });
  const logger = new JsonLogger(undefined, { fn: 'query-api' }, secrets);
  const rt = await handlerRuntime({ logger }).runtime;
  // The logger is passed explicitly: a runtime cached by another handler in the same process keeps its own.
  return queryApiRouter(
    { ...rt, logger },
    settings,
    process.env.PROCWATCH_WEB_DIR ?? join(__dirname, 'web'),
    catalogOf(config),
  );
}

export async function handler(event: ApiGatewayV2Event) {
  // A failed cold start (a secret not readable yet) is retried on the next invocation, not cached.
  ready ??= init().catch((err: unknown) => {
    ready = null;
    metrics.count(API_SERVER_ERRORS);
    throw err;
  });
  const router = await ready;
  const response = await router(requestFromEvent(event));
  if (response.status >= 500) metrics.count(API_SERVER_ERRORS);
  return resultFromResponse(response);
}
