/**
 * A real local HTTP server that replays recorded responses: the demo, the integration tests and
 * the benchmarks point every source at it. Steps (`t0`, `t1`…) are folders with a routes.json;
 * a step may inherit its base step's routes. Faults can be injected per route (issue: reliability).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

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

export interface Route {
  path: string;
  query?: Record<string, string>;
  file?: string;
  body?: string;
  status?: number;
  headers?: Record<string, string>;
  /** Answer 304 to a matching If-None-Match, with an ETag computed from the body. */
  etag?: boolean;
  fault?: Fault;
  /** The fault applies to this many requests, then the route answers normally. */
  faultTimes?: number;
}

interface ResolvedRoute extends Route {
  dir: string;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

/** The content type a recorded file is served with, by its extension. */
function contentTypeOf(file: string | undefined): string {
  if (file?.endsWith('.xml')) return 'application/xml; charset=utf-8';
  if (file?.endsWith('.html')) return 'text/html; charset=utf-8';
  if (file?.endsWith('.pdf')) return 'application/pdf';
  if (file?.endsWith('.csv')) return 'text/csv; charset=utf-8';
  return 'application/json; charset=utf-8';
}

export class ReplayServer {
  private server: Server | null = null;
  private routes: ResolvedRoute[] = [];
  private overrides: ResolvedRoute[] = [];
  private readonly faultCounts = new Map<Route, number>();
  readonly log: RequestLogEntry[] = [];
  step: string | null = null;

  constructor(private readonly root: string) {}

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('replay server is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  get host(): string {
    return new URL(this.url).host;
  }

  async start(step?: string): Promise<this> {
    if (step) this.setStep(step);
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  /** Switches to a step folder (`<root>/<step>/routes.json`, following `base` chains). */
  setStep(step: string): void {
    this.routes = this.load(step, new Set());
    this.overrides = [];
    this.step = step;
  }

  /** Routes added on top of the current step (faults, odd answers); cleared by setStep. */
  override(...routes: Route[]): void {
    this.overrides.unshift(...routes.map((r) => ({ ...r, dir: this.root })));
  }

  clearOverrides(): void {
    this.overrides = [];
  }

  resetLog(): void {
    this.log.length = 0;
  }

  private load(step: string, seen: Set<string>): ResolvedRoute[] {
    if (seen.has(step)) throw new Error(`replay step ${step} inherits from itself`);
    seen.add(step);
    const dir = join(this.root, step);
    const file = join(dir, 'routes.json');
    if (!existsSync(file)) throw new Error(`replay step ${step} has no routes.json under ${this.root}`);
    const spec = JSON.parse(readFileSync(file, 'utf8')) as { base?: string; routes: Route[] };
    const own = spec.routes.map((r) => ({ ...r, dir }));
    if (!spec.base) return own;
    const inherited = this.load(spec.base, seen).filter(
      (b) => !own.some((o) => o.path === b.path && sameQuery(o.query, b.query)),
    );
    return [...own, ...inherited];
  }

  private match(path: string, query: URLSearchParams): ResolvedRoute | null {
    const candidates = [...this.overrides, ...this.routes].filter(
      (r) => r.path === path && Object.entries(r.query ?? {}).every(([k, v]) => query.get(k) === v),
    );
    if (!candidates.length) return null;
    // Overrides first, then the most specific route.
    const fromOverrides = candidates.filter((c) => this.overrides.includes(c));
    const pool = fromOverrides.length ? fromOverrides : candidates;
    return pool.sort((a, b) => Object.keys(b.query ?? {}).length - Object.keys(a.query ?? {}).length)[0];
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://replay');
    const route = this.match(decodeURIComponent(url.pathname), url.searchParams);
    const entry: RequestLogEntry = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: 0,
      headers: req.headers,
    };
    this.log.push(entry);
    if (!route) {
      entry.status = 404;
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: 'not found', path: url.pathname }));
      return;
    }
    const used = this.faultCounts.get(route) ?? 0;
    if (route.fault && (route.faultTimes === undefined || used < route.faultTimes)) {
      this.faultCounts.set(route, used + 1);
      this.fault(route, route.fault, req, res, entry);
      return;
    }
    const body = route.file ? readFileSync(join(route.dir, route.file)) : Buffer.from(route.body ?? '');
    const headers: Record<string, string> = {
      'content-type': contentTypeOf(route.file),
      ...route.headers,
    };
    if (route.etag) {
      const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
      headers.etag = etag;
      if (req.headers['if-none-match'] === etag) {
        entry.status = 304;
        res.writeHead(304, { etag }).end();
        return;
      }
    }
    entry.status = route.status ?? 200;
    res.writeHead(entry.status, headers).end(body);
  }

  private fault(
    route: ResolvedRoute,
    fault: Fault,
    _req: IncomingMessage,
    res: ServerResponse,
    entry: RequestLogEntry,
  ): void {
    if (this.contentFault(route, fault, _req, res, entry)) return;
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
  private contentFault(
    route: ResolvedRoute,
    fault: Fault,
    _req: IncomingMessage,
    res: ServerResponse,
    entry: RequestLogEntry,
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
      this.streamHuge(res, entry, fault === 'huge-body' ? 50 * 1024 * 1024 : fault.huge);
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

  private streamHuge(res: ServerResponse, entry: RequestLogEntry, bytes: number): void {
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
}

let bomb: Buffer | undefined;

/** The same listing with nothing in it: JSON arrays emptied (and `total` 0), Atom entries and HTML list items removed. */
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

function sameQuery(a: Record<string, string> = {}, b: Record<string, string> = {}): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
