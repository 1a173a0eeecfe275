/**
 * The HttpFetcher port on undici: the only place the project opens HTTP connections.
 * Polite (identifying User-Agent, per-bucket rate limits, conditional requests), careful
 * (host allowlist on every redirect hop, private-address guard, size and decompression limits)
 * and patient (retries with backoff on 5xx, 429 and network errors, honouring Retry-After).
 */
import { Agent, request, type Dispatcher } from './undici-request';
import { FetchError } from '../../core/errors';
import type { Fetched, FetchRequest } from '../../core/model';
import type { Clock, HttpFetcher, Validators } from '../../core/ports';
import { guardedLookup, resolvesToPrivate, systemResolver, type Resolver } from './address-guard';
import { DEFAULT_INTERVALS_MS, RateLimiter } from './rate-limiter';
import { parseRobots, robotsAllow, type RobotsRules } from './robots-txt';
import {
  decodeBody,
  decompress,
  describeNetworkError,
  networkUnreachable,
  flattenHeaders,
  parseRetryAfter,
  readLimited,
} from './response-body';

export { decodeBody, parseRetryAfter } from './response-body';

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

  /** What every request is sent with: who we are and the pause between requests of a bucket. */
  get politeness(): { userAgent: string; intervalsMs: Record<string, number> } {
    return { userAgent: this.o.userAgent, intervalsMs: { ...this.o.intervalsMs } };
  }

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

  /**
   * RFC 9309: a missing robots.txt (4xx) allows everything; an unreachable one (5xx) allows
   * nothing, so the read fails and the source with it.
   */
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
        throw unreachable(parsed.hostname, url, err);
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
      accept: req.accept ?? (req.binary ? '*/*' : 'application/json'),
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
      throw unreachable(new URL(url).host, url, err);
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
    const decoded = decompress(raw, responseHeaders['content-encoding'], this.o.maxBodyBytes, url);
    // A file (a PDF) stays bytes: decoding it as text would destroy it.
    if (req.binary) return { status, headers: responseHeaders, body: '', bytes: new Uint8Array(decoded) };
    const body = decodeBody(decoded, responseHeaders['content-type']);
    return { status, headers: responseHeaders, body };
  }
}

/**
 * A request that never left this machine (no route, no name resolution) is not retried within the run:
 * backing off cannot bring a network back, and an offline cycle should know in a second, not in 40.
 * The next scheduled run is the retry.
 */
function unreachable(host: string, url: string, err: unknown): FetchError {
  const unreached = `${host}: ${describeNetworkError(err)}`;
  const message = `Could not reach ${unreached}.`;
  return networkUnreachable(err)
    ? new FetchError(message, { url, unreached }, err, false, 'network-unreachable')
    : new FetchError(message, { url }, err);
}
