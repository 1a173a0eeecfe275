/**
 * The faults the replay server can inject on a route (issue: reliability): broken connections,
 * slow and endless bodies, redirects, throttling, server errors, and bodies the product must refuse
 * or survive (wrong shape, a changed layout, an emptied listing, huge, gzip bombs, bad encodings).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Fault =
  | 'reset'
  | 'slow-body'
  | 'hang'
  | 'truncate'
  | 'redirect-loop'
  | { redirect: string }
  | { retryAfter: number; status?: number }
  /** A server error (500, 502, 503…) with a small body. */
  | { status: number }
  /** Valid JSON of the wrong shape: every top-level key of the route's body renamed (`results` → `results_v2`). */
  | 'wrong-shape'
  /** An HTML page whose layout changed: every class and id of the route's page renamed. */
  | 'layout-changed'
  /** The route's listing with every list emptied (JSON arrays, Atom entries, HTML list items). */
  | 'empty-listing'
  /** A body of `bytes` (default 50 MB), streamed: the fetcher's size limit must stop it. */
  | { huge: number }
  | 'huge-body'
  /** A small gzip body that expands to 64 MB: the decompression limit must stop it. */
  | 'gzip-bomb'
  /** The route's body with bytes that are not UTF-8 spliced in, declared as UTF-8. */
  | 'invalid-utf8'
  /** The route's UTF-8 body declared with another charset (`latin1`, or one that does not exist). */
  | { charset: string };

/** Where a route's recorded body comes from: a file under its step folder, or inline text. */
export interface RecordedBody {
  dir: string;
  file?: string;
  body?: string;
}

/** The status the request log records (-1: no answer at all). */
export interface AnswerLog {
  status: number;
}

/** The content type a recorded file is served with, by its extension. */
export function contentTypeOf(file: string | undefined): string {
  if (file?.endsWith('.xml')) return 'application/xml; charset=utf-8';
  if (file?.endsWith('.html')) return 'text/html; charset=utf-8';
  if (file?.endsWith('.pdf')) return 'application/pdf';
  if (file?.endsWith('.csv')) return 'text/csv; charset=utf-8';
  return 'application/json; charset=utf-8';
}

export function answerWithFault(
  route: RecordedBody,
  fault: Fault,
  _req: IncomingMessage,
  res: ServerResponse,
  entry: AnswerLog,
): void {
  if (contentFault(route, fault, _req, res, entry)) return;
  if (fault === 'reset') {
    entry.status = -1;
    res.socket?.destroy();
    return;
  }
  if (fault === 'hang') {
    entry.status = -1;
    return; // never answers: the client's timeout must fire
  }
  if (fault === 'slow-body') {
    entry.status = 200;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"results": [');
    return; // headers sent, body never finishes
  }
  if (fault === 'truncate') {
    const body = route.file ? readFileSync(join(route.dir, route.file)) : Buffer.from(route.body ?? '{}');
    entry.status = 200;
    res.writeHead(200, { 'content-type': 'application/json' }).end(body.subarray(0, Math.floor(body.length / 2)));
    return;
  }
  if (fault === 'redirect-loop') {
    entry.status = 302;
    // Alternates between the URL with and without `loop=1`, keeping the rest of the query.
    const next = new URL(_req.url ?? '/', 'http://replay');
    if (next.searchParams.has('loop')) next.searchParams.delete('loop');
    else next.searchParams.set('loop', '1');
    res.writeHead(302, { location: next.pathname + next.search }).end();
    return;
  }
  if (typeof fault === 'object' && 'redirect' in fault) {
    entry.status = 302;
    res.writeHead(302, { location: fault.redirect }).end();
    return;
  }
  if (typeof fault === 'object' && 'retryAfter' in fault) {
    entry.status = fault.status ?? 429;
    res
      .writeHead(entry.status, { 'retry-after': String(fault.retryAfter), 'content-type': 'application/json' })
      .end('{"error":"slow down"}');
    return;
  }
}

/** Faults that answer, but with a body the product must refuse or survive. */
function contentFault(
  route: RecordedBody,
  fault: Fault,
  _req: IncomingMessage,
  res: ServerResponse,
  entry: AnswerLog,
): boolean {
  const body = () => (route.file ? readFileSync(join(route.dir, route.file)) : Buffer.from(route.body ?? '{}'));
  const type = contentTypeOf(route.file);
  const send = (status: number, payload: Buffer | string, headers: Record<string, string> = {}) => {
    entry.status = status;
    res.writeHead(status, { 'content-type': type, ...headers }).end(payload);
  };
  if (typeof fault === 'object' && 'status' in fault && !('retryAfter' in fault)) {
    send(fault.status, JSON.stringify({ error: `fault ${fault.status}` }));
    return true;
  }
  if (fault === 'wrong-shape') {
    const json = JSON.parse(body().toString('utf8')) as Record<string, unknown>;
    send(200, JSON.stringify(Object.fromEntries(Object.entries(json).map(([k, v]) => [`${k}_v2`, v]))));
    return true;
  }
  if (fault === 'layout-changed') {
    const html = body()
      .toString('utf8')
      .replace(/\b(class|id)="/g, '$1="v2-');
    send(200, html, { 'content-type': 'text/html; charset=utf-8' });
    return true;
  }
  if (fault === 'empty-listing') {
    send(200, emptyListing(body().toString('utf8')));
    return true;
  }
  if (fault === 'huge-body' || (typeof fault === 'object' && 'huge' in fault)) {
    streamHuge(res, entry, fault === 'huge-body' ? 50 * 1024 * 1024 : fault.huge);
    return true;
  }
  if (fault === 'gzip-bomb') {
    // 64 concatenated gzip members of 1 MB each: built in a millisecond, 64 MB inflated.
    bomb ??= Buffer.concat(Array.from({ length: 64 }, () => gzipSync(Buffer.alloc(1024 * 1024, 0x20), { level: 9 })));
    send(200, bomb, { 'content-encoding': 'gzip' });
    return true;
  }
  if (fault === 'invalid-utf8') {
    const b = body();
    const at = Math.floor(b.length / 3);
    send(
      200,
      Buffer.concat([b.subarray(0, at), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]), b.subarray(at)]),
    );
    return true;
  }
  if (typeof fault === 'object' && 'charset' in fault) {
    send(200, body(), { 'content-type': type.replace(/charset=[\w-]+/, `charset=${fault.charset}`) });
    return true;
  }
  return false;
}

function streamHuge(res: ServerResponse, entry: AnswerLog, bytes: number): void {
  entry.status = 200;
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(bytes) });
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  let left = bytes;
  // The client hangs up at its limit: stop writing then, quietly.
  res.on('error', () => undefined);
  res.socket?.on('error', () => undefined);
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      const n = Math.min(left, chunk.length);
      left -= n;
      if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

let bomb: Buffer | undefined;

/**
 * The same listing with nothing in it: JSON arrays emptied (and `total` 0), Atom entries and HTML list
 * items removed.
 */
function emptyListing(text: string): string {
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    return JSON.stringify(
      Object.fromEntries(
        Object.entries(json).map(([k, v]) => [
          k,
          Array.isArray(v) ? [] : k === 'total' || k === 'totalResults' ? 0 : v,
        ]),
      ),
    );
  } catch {
    return text
      .replace(/<entry\b[\s\S]*?<\/entry>/g, '')
      .replace(/<li\b[\s\S]*?<\/li>/g, '')
      .replace(/<tr\b[\s\S]*?<\/tr>/g, '');
  }
}
