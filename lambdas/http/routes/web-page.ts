/** The web page's static files, served by the same router as the API (no CDN, no inline script). */
import type { ApiDeps } from '../api-deps';
import { errorResponse, SECURITY_HEADERS, type HttpResponse } from '../http-types';

export const WEB_FILES: Record<string, string> = {
  '/': 'index.html',
  '/index.html': 'index.html',
  '/app.js': 'app.js',
  '/style.css': 'style.css',
};

/**
 * Scripts only from this origin, no inline handlers: an injected `onerror=` could not run even if it
 * reached the DOM.
 */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export function webPageRoute(deps: ApiDeps, path: string): HttpResponse {
  const asset = deps.assets?.(WEB_FILES[path]) ?? null;
  if (!asset) return errorResponse(404, 'not-found', 'The web page is not installed here.');
  return {
    status: 200,
    headers: {
      'content-type': asset.contentType,
      'cache-control': 'no-cache',
      'content-security-policy': CSP,
      ...SECURITY_HEADERS,
    },
    body: asset.body,
  };
}
