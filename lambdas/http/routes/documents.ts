/** `GET /documents/{id}/history`: every stored version of a document, oldest first. */
import { baseUrlOf, type ApiDeps } from '../api-deps';
import { errorResponse, json, type HttpRequest, type HttpResponse } from '../http-types';
import { singleParams } from '../query-params';
import { invalidParameter } from '../../core/query-changes';

export async function documentHistoryRoute(deps: ApiDeps, req: HttpRequest, docId: string): Promise<HttpResponse> {
  const params = singleParams(req.query, ['include']);
  if (params.include !== undefined && params.include !== 'text')
    throw invalidParameter('include', 'may only be "text"');
  const [document, versions] = await Promise.all([deps.store.getDocument(docId), deps.store.listVersions(docId)]);
  if (!document && !versions.length) return errorResponse(404, 'not-found', 'There is no document with that id.');
  const base = baseUrlOf(deps);
  return json(200, {
    document,
    // Texts are left out unless asked for: the history of an Act would otherwise be megabytes.
    versions: versions.map(({ text, ...v }) => ({
      ...v,
      textLength: text.length,
      ...(params.include === 'text' ? { text } : {}),
    })),
    links: {
      self: `${base}/documents/${encodeURIComponent(docId)}/history`,
      changes: `${base}/changes?document=${encodeURIComponent(docId)}`,
      source: document?.url ?? null,
    },
  });
}
