/** The router on node:http, bound to loopback only: what `procwatch serve` and the web tests run. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpRequest, HttpResponse } from '../../http/http-types';

/** Request bodies are tiny (the unsubscribe form): anything larger is refused before it is read. */
const MAX_BODY = 16 * 1024;

/** Where `procwatch serve` listens unless told otherwise: local alert emails link their unsubscribe page here. */
export const DEFAULT_SERVE_PORT = 8080;
export const LOCAL_SERVE_URL = `http://127.0.0.1:${DEFAULT_SERVE_PORT}`;

export class LoopbackHttpServer {
  private server: Server | null = null;

  constructor(private readonly handle: (req: HttpRequest) => Promise<HttpResponse>) {}

  /** Port 0 picks a free port. Only 127.0.0.1: the API has no authentication of its own. */
  async start(port = 0): Promise<string> {
    const server = createServer((req, res) => {
      void this.serve(req).then(
        (out) => {
          res.writeHead(out.status, out.headers);
          res.end(req.method === 'HEAD' ? undefined : out.body);
        },
        () => {
          res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify({ error: { code: 'bad-request', message: 'The request could not be read.' } }));
        },
      );
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return this.url;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('the server is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage): Promise<HttpResponse> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req);
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    // Loopback only (see start): whoever asks is on this machine.
    const request = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers, body };
    return this.handle({ ...request, authenticated: true });
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
