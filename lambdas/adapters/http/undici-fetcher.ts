/**
 * The HttpFetcher port on undici: the only place the project opens HTTP connections.
 * Polite (identifying User-Agent, per-bucket rate limits, conditional requests), careful
 * (host allowlist on every redirect hop, private-address guard, size and decompression limits)
 * and patient (retries with backoff on 5xx, 429 and network errors, honouring Retry-After).
 */
import { Agent, request, type Dispatcher } from 'undici';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { FetchError } from '../../core/errors';
import type { Fetched, FetchRequest } from '../../core/model';
import type { Clock, HttpFetcher, Validators } from '../../core/ports';
import { guardedLookup, resolvesToPrivate, systemResolver, type Resolver } from './address-guard';
import { DEFAULT_INTERVALS_MS, RateLimiter } from './rate-limiter';
import { parseRobots, robotsAllow, type RobotsRules } from './robots-txt';

export interface FetcherOptions {
  userAgent: string;
  /** Hosts (with port where not default) that may be fetched; redirects elsewhere are refused. */
  allowedHosts: string[];
  /** Loopback hosts are refused unless listed here (the local replay server). */
  allowPrivateHosts?: string[];
  timeoutMs?: number;
  maxRetries?: number;
  backoffBaseMs?: number;
  /** A Retry-After longer than this is not waited for: the run reports the source as failing. */
  maxRetryAfterMs?: number;
  maxBodyBytes?: number;
  maxRedirects?: number;
  intervalsMs?: Record<string, number>;
  clock: Clock;
  resolver?: Resolver;
  /** Counts every request sent, by bucket: the tests and benchmarks read it. */
  onRequest?: (req: { url: string; bucket: string; status: number | null; bytes: number }) => void;
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);
const ANSWERED = new Set([304, 404, 410]);

export class UndiciFetcher implements HttpFetcher {
  private readonly limiter: RateLimiter;
  private readonly dispatcher: Dispatcher;
  private readonly allowed: Set<string>;
  private readonly allowPrivate: Set<string>;
  private readonly o: Required<Omit<FetcherOptions, 'onRequest' | 'allowPrivateHosts' | 'resolver'>> &
    Pick<FetcherOptions, 'onRequest'>;
  private readonly resolver: Resolver;
  /** Each site's robots.txt, read once for the fetcher's life (a Lambda container, a CLI run). */
  private readonly robots = new Map<string, Promise<RobotsRules>>();

  constructor(options: FetcherOptions) {
    this.o = {
      timeoutMs: 20_000,
      maxRetries: 3,
      backoffBaseMs: 500,
      maxRetryAfterMs: 60_000,
      maxBodyBytes: 20 * 1024 * 1024,
      maxRedirects: 5,
      intervalsMs: DEFAULT_INTERVALS_MS,
      ...options,
    };
    this.allowed = new Set(options.allowedHosts.map((h) => h.toLowerCase()));
    this.allowPrivate = new Set((options.allowPrivateHosts ?? []).map((h) => h.toLowerCase()));
    this.resolver = options.resolver ?? systemResolver;
    this.limiter = new RateLimiter(this.o.intervalsMs, options.clock);
    // Sockets resolve names through the same guard as the allowlist check (no DNS rebinding).
    const privateNames = new Set([...this.allowPrivate].map((h) => new URL(`http://${h}`).hostname));
    this.dispatcher = new Agent({
      headersTimeout: this.o.timeoutMs,
      bodyTimeout: this.o.timeoutMs,
      connectTimeout: this.o.timeoutMs,
      connect: { lookup: guardedLookup(this.resolver, privateNames) } as never,
    });
  }

  async get(req: FetchRequest, validators?: Validators): Promise<Fetched> {
    if (req.robots) await this.checkRobots(req);
    let lastError: FetchError | null = null;
    for (let attempt = 0; attempt <= this.o.maxRetries; attempt++) {
      try {
        return await this.follow(req, validators);
      } catch (err) {
        if (!(err instanceof FetchError) || !err.transient || attempt === this.o.maxRetries) throw err;
        lastError = err;
        const wait = Number(err.context.retryAfterMs ?? 0) || this.backoff(attempt);
        await this.o.clock.sleep(wait);
      }
    }
    throw lastError ?? new FetchError('The request failed.', { url: req.url });
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  private async checkRobots(req: FetchRequest): Promise<void> {
    const url = new URL(req.url);
    let rules = this.robots.get(url.origin);
    if (!rules) {
      rules = this.readRobots(url.origin, req.bucket);
      this.robots.set(url.origin, rules);
      // A failed read is not remembered: the next run asks again.
      rules.catch(() => this.robots.delete(url.origin));
    }
    if (!robotsAllow(await rules, `${url.pathname}${url.search}`)) {
      throw new FetchError(
        `${url.host}'s robots.txt disallows ${url.pathname}: not fetched.`,
        { url: req.url },
        undefined,
        false,
      );
    }
  }

  /** RFC 9309: a missing robots.txt (4xx) allows everything; an unreachable one (5xx) allows nothing, so the read fails. */
  private async readRobots(origin: string, bucket: string): Promise<RobotsRules> {
    const everything = { allow: [], disallow: [] };
    let fetched: Fetched;
    try {
      fetched = await this.get({ url: `${origin}/robots.txt`, bucket, accept: 'text/plain' });
    } catch (err) {
      const status = err instanceof FetchError ? Number(err.context.status) : NaN;
      if (status >= 400 && status < 500) return everything;
      throw err;
    }
    if (fetched.status >= 400) return everything;
    return parseRobots(fetched.body, this.o.userAgent.split('/')[0]);
  }

  private backoff(attempt: number): number {
    return this.o.backoffBaseMs * 2 ** attempt * (0.75 + Math.random() * 0.5);
  }

  /** One attempt, following redirects hop by hop so each hop is checked against the allowlist. */
  private async follow(req: FetchRequest, validators?: Validators): Promise<Fetched> {
    let url = req.url;
    const seen = new Set<string>();
    for (let hop = 0; hop <= this.o.maxRedirects; hop++) {
      await this.checkAllowed(url);
      if (seen.has(url)) throw new FetchError(`Redirect loop at ${url}.`, { url }, undefined, false);
      seen.add(url);
      await this.limiter.wait(req.bucket);
      const res = await this.once(url, req, validators);
      if (res.status >= 300 && res.status < 400 && res.status !== 304) {
        const location = res.headers.location;
        if (!location)
          throw new FetchError(
            `HTTP ${res.status} without a Location header at ${url}.`,
            { url, status: res.status },
            undefined,
            false,
          );
        url = new URL(location, url).toString();
        continue;
      }
      return { ...res, url };
    }
    throw new FetchError(
      `More than ${this.o.maxRedirects} redirects from ${req.url}.`,
      { url: req.url },
      undefined,
      false,
    );
  }

  private async checkAllowed(url: string): Promise<void> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new FetchError(
        `Refused to fetch a malformed URL: ${JSON.stringify(url.slice(0, 200))}.`,
        { url },
        undefined,
        false,
      );
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw new FetchError(`Refused to fetch ${parsed.protocol} URL ${url}.`, { url }, undefined, false);
    }
    const host = parsed.host.toLowerCase();
    if (!this.allowed.has(host)) {
      throw new FetchError(`Refused to fetch ${url}: host ${host} is not on the allowlist.`, { url }, undefined, false);
    }
    if (!this.allowPrivate.has(host)) {
      let isPrivate: boolean;
      try {
        isPrivate = await resolvesToPrivate(parsed.hostname, this.resolver);
      } catch (err) {
        throw new FetchError(`Could not reach ${parsed.hostname}: ${describeNetworkError(err)}.`, { url }, err);
      }
      if (isPrivate)
        throw new FetchError(
          `Refused to fetch ${url}: ${parsed.hostname} resolves to a private or local address.`,
          { url },
          undefined,
          false,
        );
    }
  }

  private async once(url: string, req: FetchRequest, validators?: Validators): Promise<Omit<Fetched, 'url'>> {
    const headers: Record<string, string> = {
      'user-agent': this.o.userAgent,
      accept: req.accept ?? 'application/json',
      'accept-encoding': 'gzip, br',
    };
    if (validators?.etag) headers['if-none-match'] = validators.etag;
    if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
    let res: Dispatcher.ResponseData;
    const signal = AbortSignal.timeout(this.o.timeoutMs * 2);
    try {
      res = await request(url, {
        method: 'GET',
        headers,
        dispatcher: this.dispatcher,
        signal,
        maxRedirections: 0,
      } as never);
    } catch (err) {
      this.o.onRequest?.({ url, bucket: req.bucket, status: null, bytes: 0 });
      throw new FetchError(`Could not reach ${new URL(url).host}: ${describeNetworkError(err)}.`, { url }, err);
    }
    const status = res.statusCode;
    const responseHeaders = flattenHeaders(res.headers);
    let raw: Buffer;
    try {
      raw = await readLimited(res.body, this.o.maxBodyBytes);
    } catch (err) {
      this.o.onRequest?.({ url, bucket: req.bucket, status, bytes: 0 });
      if (err instanceof FetchError)
        throw new FetchError(err.message.replace('{url}', url), { url, status }, undefined, false);
      throw new FetchError(`The response from ${url} was cut off: ${describeNetworkError(err)}.`, { url, status }, err);
    }
    this.o.onRequest?.({ url, bucket: req.bucket, status, bytes: raw.length });
    if (status === 304) return { status, headers: responseHeaders, body: '', notModified: true };
    if (RETRYABLE.has(status)) {
      const retryAfterMs = parseRetryAfter(responseHeaders['retry-after'], this.o.clock.now());
      if (retryAfterMs !== null && retryAfterMs > this.o.maxRetryAfterMs) {
        throw new FetchError(
          `${url} answered ${status} and asked to wait ${Math.round(retryAfterMs / 1000)} s, longer than allowed.`,
          { url, status },
          undefined,
          false,
        );
      }
      throw new FetchError(`${url} answered HTTP ${status}.`, { url, status, retryAfterMs: retryAfterMs ?? undefined });
    }
    if (status >= 400 && !ANSWERED.has(status)) {
      throw new FetchError(`${url} answered HTTP ${status}.`, { url, status }, undefined, false);
    }
    const body = decodeBody(
      decompress(raw, responseHeaders['content-encoding'], this.o.maxBodyBytes, url),
      responseHeaders['content-type'],
    );
    return { status, headers: responseHeaders, body };
  }
}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

async function readLimited(body: AsyncIterable<Buffer>, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > max) {
      (body as unknown as { destroy?: () => void }).destroy?.();
      throw new FetchError(
        `The response from {url} is larger than ${Math.round(max / 1024 / 1024)} MB and was refused.`,
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function decompress(raw: Buffer, encoding: string | undefined, max: number, url: string): Buffer {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (!enc || enc === 'identity') return raw;
  try {
    if (enc === 'gzip' || enc === 'x-gzip') return gunzipSync(raw, { maxOutputLength: max });
    if (enc === 'br') return brotliDecompressSync(raw, { maxOutputLength: max });
    if (enc === 'deflate') return inflateSync(raw, { maxOutputLength: max });
  } catch (err) {
    const tooBig =
      (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ||
      /larger than|too large|maxOutputLength/i.test((err as Error).message);
    throw new FetchError(
      tooBig
        ? `The response from ${url} expands past ${Math.round(max / 1024 / 1024)} MB when decompressed and was refused.`
        : `The response from ${url} could not be decompressed (${enc}).`,
      { url },
      err,
      false,
    );
  }
  throw new FetchError(
    `The response from ${url} uses an unknown content encoding "${enc}".`,
    { url },
    undefined,
    false,
  );
}

/**
 * Bytes to text, the same way every run: a wrong declared charset must not turn the same bytes into
 * different text from one run to the next (a false "document changed"). JSON is UTF-8 by definition
 * (RFC 8259); any other body that is valid UTF-8 is read as UTF-8 whatever its label says (GOV.UK,
 * Parliament and legislation.gov.uk all serve UTF-8). Otherwise: a byte-order mark, then the declared
 * charset, then a `<meta charset>` in the first 1024 bytes, then windows-1252; bad bytes become U+FFFD.
 */
export function decodeBody(raw: Buffer, contentType: string | undefined): string {
  if (/json/i.test(contentType ?? '')) return new TextDecoder('utf-8').decode(raw);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    // Not UTF-8: sniff what it is.
  }
  const bom = raw[0] === 0xff && raw[1] === 0xfe ? 'utf-16le' : raw[0] === 0xfe && raw[1] === 0xff ? 'utf-16be' : null;
  const declared = /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1];
  const meta = /<meta[^>]+charset=["']?([\w-]+)/i.exec(raw.subarray(0, 1024).toString('latin1'))?.[1];
  for (const label of [bom, declared, meta, 'windows-1252']) {
    if (!label) continue;
    try {
      return new TextDecoder(label.toLowerCase()).decode(raw);
    } catch {
      // An unknown label: try the next source of truth.
    }
  }
  return new TextDecoder('utf-8').decode(raw);
}

export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

function describeNetworkError(err: unknown): string {
  const e = err as { code?: string; name?: string; message?: string };
  if (e?.name === 'TimeoutError' || e?.code === 'UND_ERR_HEADERS_TIMEOUT' || e?.code === 'UND_ERR_BODY_TIMEOUT')
    return 'timed out';
  if (e?.code === 'ECONNREFUSED') return 'connection refused';
  if (e?.code === 'ECONNRESET' || e?.code === 'UND_ERR_SOCKET') return 'connection reset';
  if (e?.code === 'ENOTFOUND' || e?.code === 'EAI_AGAIN') return 'no network or the name did not resolve';
  if (e?.code === 'EPRIVATEADDRESS') return 'the name resolves to a private or local address';
  return e?.message ?? String(err);
}
