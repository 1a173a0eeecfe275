/** API Gateway HTTP API (payload v2) events to and from the router's request and response. */
import type { HttpRequest, HttpResponse } from './http-types';

/** The fields of the v2 payload the router reads (the full type lives in @types/aws-lambda). */
export interface ApiGatewayV2Event {
  rawPath?: string;
  rawQueryString?: string;
  headers?: Record<string, string | undefined>;
  body?: string | null;
  isBase64Encoded?: boolean;
  requestContext?: { http?: { method?: string }; domainName?: string; authorizer?: { iam?: unknown; jwt?: unknown } };
}

export interface ApiGatewayV2Result {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

export function requestFromEvent(event: ApiGatewayV2Event): HttpRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(event.headers ?? {})) headers[k.toLowerCase()] = v;
  headers.host ??= event.requestContext?.domainName;
  // Behind API Gateway the client always spoke HTTPS.
  headers['x-forwarded-proto'] ??= 'https';
  const raw = event.body ?? '';
  return {
    method: event.requestContext?.http?.method ?? 'GET',
    path: event.rawPath || '/',
    query: new URLSearchParams(event.rawQueryString ?? ''),
    headers,
    body: event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw,
    // Present only when the route's IAM or JWT authorizer accepted the caller (never on open routes).
    authenticated: Boolean(event.requestContext?.authorizer?.iam || event.requestContext?.authorizer?.jwt),
  };
}

export function resultFromResponse(res: HttpResponse): ApiGatewayV2Result {
  return { statusCode: res.status, headers: res.headers, body: res.body, isBase64Encoded: false };
}
