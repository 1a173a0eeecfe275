/** `GET /feed.atom`: the same filters as `/changes`, as an Atom feed for the reader people already use. */
import { baseUrlOf, type ApiDeps } from '../api-deps';
import { querySignedChanges } from '../signed-cursor';
import { renderAtomFeed } from '../atom-feed';
import { SECURITY_HEADERS, type HttpRequest, type HttpResponse } from '../http-types';
import { changeQueryFrom, changeQueryString } from '../query-params';

export async function feedRoute(deps: ApiDeps, req: HttpRequest): Promise<HttpResponse> {
  const input = changeQueryFrom(req.query);
  const result = await querySignedChanges(
    { store: deps.store, cursorSecret: deps.settings.cursorSecret, catalog: deps.catalog },
    input,
  );
  const base = baseUrlOf(deps);
  const filterQs = changeQueryString({ ...result.filter });
  const selfQs = changeQueryString(input);
  const described = Object.entries(result.filter)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const body = renderAtomFeed({
    base,
    selfUrl: `${base}/feed.atom${selfQs ? `?${selfQs}` : ''}`,
    feedKey: filterQs ? `changes?${filterQs}` : 'changes',
    title: `procurement-watch changes${described ? ` (${described})` : ''}`,
    changes: result.items,
    emptyUpdated: '2026-01-01T00:00:00.000Z',
    nextUrl: result.cursor ? `${base}/feed.atom?${changeQueryString({ ...input, cursor: result.cursor })}` : null,
  });
  return {
    status: 200,
    headers: {
      'content-type': 'application/atom+xml; charset=utf-8',
      'cache-control': 'public, max-age=300',
      ...SECURITY_HEADERS,
    },
    body,
  };
}
