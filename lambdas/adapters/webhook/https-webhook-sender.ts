/**
 * The WebhookSender port on node:http(s): one POST per try, no redirects followed, a short timeout, and
 * the fetcher's private-address guard (at the check and again at connect time, so DNS rebinding
 * cannot slip in). A loopback URL written as such (`http://127.0.0.1:…`, `localhost`) is the only
 * private destination admitted: the config accepts it for local receivers and the demo.
 * 2xx is accepted; 5xx, 408, 429, timeouts and network errors are temporary (the outbox retries
 * with its backoff); any other answer is permanent for that row.
 * Node's own client rather than undici: one small POST needs no HTTP/1.1 parser of its own, and the
 * sender's bundle stays ~210 KB lighter (undici is the fetcher's, in the checker).
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { DeliveryError } from '../../core/errors';
import type { OutgoingWebhook, WebhookSender } from '../../core/ports';
import { guardedLookup, resolvesToPrivate, systemResolver, type Resolver } from '../http/address-guard';
import { describeNetworkError } from '../http/response-body';

export interface WebhookSenderOptions {
  userAgent: string;
  timeoutMs?: number;
  resolver?: Resolver;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', '::1', 'localhost']);
const TEMPORARY = new Set([408, 429]);
/** What is read of an answer: enough for the reason, never the whole of a hostile body. */
const MAX_REASON_BYTES = 2048;

/** A loopback destination named as such: admitted though private (a local receiver, the demo). */
export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname.toLowerCase());
}

export class HttpsWebhookSender implements WebhookSender {
  readonly name = 'webhook';
  private readonly resolver: Resolver;
  private readonly timeoutMs: number;
  // Sockets resolve names through the same guard as the check before connecting (no DNS rebinding).
  private readonly lookup: ReturnType<typeof guardedLookup>;
  private readonly agents = { https: new HttpsAgent({ keepAlive: true }), http: new HttpAgent({ keepAlive: true }) };

  constructor(private readonly options: WebhookSenderOptions) {
    this.resolver = options.resolver ?? systemResolver;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.lookup = guardedLookup(this.resolver, new Set(['localhost']));
  }

  async post(req: OutgoingWebhook): Promise<{ status: number }> {
    const url = new URL(req.url);
    const where = { url: `${url.origin}${url.pathname}`, deliveryId: req.deliveryId };
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackUrl(url)))
      throw new DeliveryError(`The webhook ${url.host} is not https.`, true, where);
    if (!isLoopbackUrl(url) && (await this.isPrivate(url.hostname)))
      throw new DeliveryError(`The webhook ${url.host} resolves to a private or local address.`, true, where);
    let res: IncomingMessage;
    try {
      res = await this.send(url, req);
    } catch (err) {
      const permanent = (err as { code?: string }).code === 'EPRIVATEADDRESS';
      throw new DeliveryError(`The webhook ${url.host} ${describeNetworkError(err)}.`, permanent, where, err);
    }
    const said = await excerpt(res);
    const status = res.statusCode ?? 0;
    if (status >= 200 && status < 300) return { status };
    const temporary = status >= 500 || TEMPORARY.has(status);
    const answer = `answered ${status}${said ? `: ${said}` : ''}`;
    const hint = status >= 300 && status < 400 ? ' (redirects are not followed)' : '';
    throw new DeliveryError(`The webhook ${url.host} ${answer}${hint}.`, !temporary, { ...where, status });
  }

  private async isPrivate(host: string): Promise<boolean> {
    try {
      return await resolvesToPrivate(host, this.resolver);
    } catch {
      return false; // a name that does not resolve fails at connect time, as a temporary error
    }
  }

  /** One POST; a timeout anywhere (connect, headers, body) rejects with the signal's TimeoutError. */
  private send(url: URL, req: OutgoingWebhook): Promise<IncomingMessage> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    const secure = url.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const sent = (secure ? httpsRequest : httpRequest)(
        url,
        {
          method: 'POST',
          agent: secure ? this.agents.https : this.agents.http,
          lookup: this.lookup,
          headers: {
            ...req.headers,
            'user-agent': this.options.userAgent,
            'content-length': String(Buffer.byteLength(req.body)),
          },
          signal,
          timeout: this.timeoutMs,
        },
        resolve,
      );
      sent.on('timeout', () => sent.destroy(timeoutError()));
      sent.on('error', (err) => reject(signal.aborted ? timeoutError() : err));
      sent.end(req.body);
    });
  }

  close(): Promise<void> {
    this.agents.https.destroy();
    this.agents.http.destroy();
    return Promise.resolve();
  }
}

function timeoutError(): Error {
  return Object.assign(new Error('timed out'), { name: 'TimeoutError' });
}

async function excerpt(body: IncomingMessage): Promise<string> {
  let text = '';
  try {
    for await (const chunk of body) {
      text += Buffer.from(chunk as Uint8Array).toString('utf8');
      if (text.length >= MAX_REASON_BYTES) break;
    }
  } catch {
    // The answer's status is what counts; a body cut short changes nothing.
  }
  return text.slice(0, 200).replace(/\s+/g, ' ').trim();
}
