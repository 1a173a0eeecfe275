/** The web page's static files, served by the same router as the API (no CDN, no inline script). */
import type { ApiDeps } from '../api-deps';
import { errorResponse, SECURITY_HEADERS, type HttpResponse } from '../http-types';

export const WEB_FILES: Record<string, string> = {
  '/': 'index.html',
  '/index.html': 'index.html',
  '/style.css': 'style.css',
  '/dom.js': 'dom.js',
  '/list.js': 'list.js',
  '/change.js': 'change.js',
  '/history.js': 'history.js',
  '/sources.js': 'sources.js',
  '/app.js': 'app.js',
  // Browsers ask for /favicon.ico on every page whatever the HTML says: the same icon answers both.
  '/favicon.ico': 'favicon.svg',
  '/favicon.svg': 'favicon.svg',
};

// Scripts only from this origin, no inline handlers: an injected `onerror=` could not run even if it
// reached the DOM.
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function webPageRoute(deps: ApiDeps, path: string): HttpResponse {
  const name = Object.hasOwn(WEB_FILES, path) ? WEB_FILES[path] : null;
  const asset = name ? (deps.assets?.(name) ?? null) : null;
  if (!name) return errorResponse(404, 'not-found', 'There is nothing at this path.');
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
