/**
 * `GET /change-types`: the one registry of change types (lambdas/core/change-types.ts) with the types
 * this configuration adds, and the groups they are listed under: the web page's type filter and its
 * labels come from here, so a type added to the registry appears on the page without an edit there.
 */
import { CHANGE_TYPE_GROUPS, CHANGE_TYPES } from '../../core/change-types';
import type { ApiDeps } from '../api-deps';
import { json, type HttpRequest, type HttpResponse } from '../http-types';
import { singleParams } from '../query-params';

export function changeTypesRoute(deps: ApiDeps, req: HttpRequest): HttpResponse {
  singleParams(req.query, []);
  return json(200, {
    types: deps.catalog?.types ?? CHANGE_TYPES,
    groups: CHANGE_TYPE_GROUPS,
    sources: (deps.catalog?.sources ?? []).map((s) => ({ id: s.id, name: s.name })),
  });
}
