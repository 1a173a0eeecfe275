/**
 * A real local HTTP server that replays recorded responses: the demo, the integration tests and
 * the benchmarks point every source at it. Steps (`t0`, `t1`…) are folders with a routes.json;
 * a step may inherit its base step's routes. Faults can be injected per route (replay-faults.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { answerWithFault, contentTypeOf, type Fault } from './replay-faults';

export type { Fault } from './replay-faults';

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
    const server = createServer((req, res) => this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
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
      answerWithFault(route, route.fault, req, res, entry);
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
}

function sameQuery(a: Record<string, string> = {}, b: Record<string, string> = {}): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
