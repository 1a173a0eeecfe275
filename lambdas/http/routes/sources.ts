/** `GET /sources`: the sources dashboard as JSON (health, schedule, documents held), from the configured sources. */
import { listSourceHealth } from '../../core/list-source-health';
import type { ApiDeps } from '../api-deps';
import { errorResponse, json, type HttpRequest, type HttpResponse } from '../http-types';
import { singleParams } from '../query-params';

export async function sourcesRoute(deps: ApiDeps, req: HttpRequest): Promise<HttpResponse> {
  singleParams(req.query, []);
  if (!deps.catalog) return errorResponse(404, 'not-found', 'This server was started without its sources.');
  const sources = await listSourceHealth(
    { store: deps.store },
    { sources: deps.catalog.sources, schedules: deps.catalog.schedules ?? {}, now: new Date() },
  );
  return json(200, { sources });
}
