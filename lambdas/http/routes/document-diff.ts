/** `GET /documents/{id}/diff?from=N&to=M`: what changed between any two stored versions of a document. */
import { compareVersions } from '../../core/compare-versions';
import { invalidParameter } from '../../core/query-changes';
import type { ApiDeps } from '../api-deps';
import { errorResponse, json, type HttpRequest, type HttpResponse } from '../http-types';
import { singleParams } from '../query-params';

function versionParam(params: Record<string, string>, name: 'from' | 'to'): number {
  const value = params[name];
  if (value === undefined || !/^\d{1,9}$/.test(value)) throw invalidParameter(name, 'must be a version number');
  return Number(value);
}

export async function documentDiffRoute(deps: ApiDeps, req: HttpRequest, docId: string): Promise<HttpResponse> {
  const params = singleParams(req.query, ['from', 'to']);
  const input = { docId, from: versionParam(params, 'from'), to: versionParam(params, 'to') };
  const result = await compareVersions(deps, input);
  if (!result) return errorResponse(404, 'not-found', 'This document has no such versions.');
  return json(200, result);
}
