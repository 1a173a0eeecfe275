/** `GET /changes` (a page of the log, newest first) and `GET /changes/{id}` (one change, its diff, its links). */
import { changeLabels } from '../../core/change-labels';
import { changePageUrl } from '../../core/change-links';
import type { Change } from '../../core/model';
import { baseUrlOf, type ApiDeps } from '../api-deps';
import { querySignedChanges } from '../signed-cursor';
import { errorResponse, json, type HttpRequest, type HttpResponse } from '../http-types';
import { changeQueryFrom, changeQueryString, singleParams } from '../query-params';

export function changeLinks(base: string, c: Change): Record<string, string | null> {
  return {
    self: `${base}/changes/${encodeURIComponent(c.changeId)}`,
    page: changePageUrl(base, c.changeId),
    source: c.url,
    document: c.docId ? `${base}/documents/${encodeURIComponent(c.docId)}/history` : null,
    thread: c.threadId ? `${base}/changes?thread=${encodeURIComponent(c.threadId)}` : null,
  };
}

export async function listChangesRoute(deps: ApiDeps, req: HttpRequest): Promise<HttpResponse> {
  const input = changeQueryFrom(req.query);
  const result = await querySignedChanges(
    { store: deps.store, cursorSecret: deps.settings.cursorSecret, catalog: deps.catalog },
    input,
  );
  const base = baseUrlOf(deps);
  const next = result.cursor ? `${base}/changes?${changeQueryString({ ...input, cursor: result.cursor })}` : null;
  return json(200, {
    filter: result.filter,
    // The list leaves diffs out (an Act's can be large); `links.self` has it.
    items: result.items.map(({ diff: _diff, ...c }) => ({
      ...c,
      labels: changeLabels(c, deps.catalog),
      links: changeLinks(base, c as Change),
    })),
    cursor: result.cursor,
    next,
  });
}

export async function changeDetailRoute(deps: ApiDeps, req: HttpRequest, id: string): Promise<HttpResponse> {
  singleParams(req.query, []);
  const change = await deps.store.getChange(id);
  if (!change) return errorResponse(404, 'not-found', 'There is no change with that id.');
  return json(200, {
    change,
    labels: changeLabels(change, deps.catalog),
    links: changeLinks(baseUrlOf(deps), change),
  });
}
