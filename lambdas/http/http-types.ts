/** The HTTP shapes the router speaks: small enough for both API Gateway events and node:http. */
export interface HttpRequest {
  method: string;
  /** The path as received, still percent-encoded: `/documents/govuk%3A%2Fa/history` keeps its id whole. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: string;
  /**
   * Someone vouched for the caller: API Gateway's IAM or JWT authorizer ran, or the request came
   * over loopback (`procwatch serve` listens on 127.0.0.1 only). Private routes need it.
   */
  authenticated?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export function json(status: number, value: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...SECURITY_HEADERS,
      ...headers,
    },
    body: JSON.stringify(value),
  };
}

export function errorResponse(status: number, code: string, message: string, parameter?: string): HttpResponse {
  return json(status, { error: { code, message, ...(parameter ? { parameter } : {}) } });
}
