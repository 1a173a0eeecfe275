/**
 * The query API's routing, shared by the Lambda handler (API Gateway HTTP API) and `procwatch serve`
 * (node:http): an explicit table of routes, and one place that turns failures into responses.
 * A bad parameter is a 400 naming it; an unknown id a 404; anything else a 500 with one sentence
 * in the log and none of it (no stack, no table name) in the response.
 */
import { describeFailure, ProcwatchError } from '../core/errors';
import type { ApiDeps } from './api-deps';
import { errorResponse, type HttpRequest, type HttpResponse } from './http-types';
import { changeDetailRoute, listChangesRoute } from './routes/changes';
import { changeTypesRoute } from './routes/change-types';
import { documentDiffRoute } from './routes/document-diff';
import { documentHistoryRoute } from './routes/documents';
import { feedRoute } from './routes/feed';
import { sourcesRoute } from './routes/sources';
import { WEB_FILES, webPageRoute } from './routes/web-page';

type Handler = (deps: ApiDeps, req: HttpRequest, ...ids: string[]) => Promise<HttpResponse> | HttpResponse;

interface Route {
  pattern: RegExp;
  methods: Partial<Record<string, Handler>>;
}

/** Extra routes other features add (the unsubscribe endpoint): same shape as the built-in ones. */
export type ExtraRoute = Route;

const ROUTES: Route[] = [
  { pattern: /^\/changes\/?$/, methods: { GET: listChangesRoute } },
  { pattern: /^\/changes\/([^/]+)$/, methods: { GET: changeDetailRoute } },
  // Document ids hold slashes (`govuk:/government/…`): clients percent-encode them into one segment.
  { pattern: /^\/documents\/([^/]+)\/history$/, methods: { GET: documentHistoryRoute } },
  { pattern: /^\/documents\/([^/]+)\/diff$/, methods: { GET: documentDiffRoute } },
  { pattern: /^\/change-types\/?$/, methods: { GET: changeTypesRoute } },
  { pattern: /^\/feed\.atom$/, methods: { GET: feedRoute } },
  { pattern: /^\/sources\/?$/, methods: { GET: sourcesRoute } },
  {
    // The page's own files only (WEB_FILES): anything else at this shape is a 404 there.
    pattern: /^\/(?:[a-z]+\.(?:html|js|css|svg|ico))?$/,
    methods: { GET: (deps, req) => webPageRoute(deps, req.path) },
  },
];

export const MAX_ID_LENGTH = 500;

export function createRouter(deps: ApiDeps, extra: ExtraRoute[] = []): (req: HttpRequest) => Promise<HttpResponse> {
  const routes = [...ROUTES, ...extra];
  return async (req) => {
    const method = req.method.toUpperCase() === 'HEAD' ? 'GET' : req.method.toUpperCase();
    try {
      for (const route of routes) {
        const m = route.pattern.exec(req.path);
        if (!m) continue;
        const handler = route.methods[method];
        if (!handler) {
          const res = errorResponse(405, 'method-not-allowed', `Use ${Object.keys(route.methods).join(' or ')} here.`);
          res.headers.allow = Object.keys(route.methods).join(', ');
          return res;
        }
        const ids = m.slice(1).map((segment) => decodeSegment(segment));
        if (ids.some((id) => id === null))
          return errorResponse(400, 'invalid-parameter', 'The path holds a malformed percent-encoding.', 'id');
        // Stored ids are far shorter; DynamoDB refuses keys over 2 KB with an error that is no 404.
        if (ids.some((id) => (id ?? '').length > MAX_ID_LENGTH))
          return errorResponse(400, 'invalid-parameter', `The id is longer than ${MAX_ID_LENGTH} characters.`, 'id');
        return await handler(deps, req, ...(ids as string[]));
      }
      return errorResponse(404, 'not-found', 'There is nothing at this path.');
    } catch (err) {
      if (err instanceof ProcwatchError && err.code === 'invalid-parameter') {
        return errorResponse(400, 'invalid-parameter', err.message, String(err.context.field ?? ''));
      }
      deps.logger.error('query API request failed', {
        method: req.method,
        path: req.path,
        error: describeFailure(err),
      });
      return errorResponse(500, 'internal', 'The server could not answer this request; it has been logged.');
    }
  };
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export const WEB_PATHS = Object.keys(WEB_FILES);
