/**
 * The WebhookSender port on undici: one POST per try, no redirects followed, a short timeout, and
 * the fetcher's private-address guard (at the check and again at connect time, so DNS rebinding
 * cannot slip in). A loopback URL written as such (`http://127.0.0.1:…`, `localhost`) is the only
 * private destination admitted: the config accepts it for local receivers and the demo.
 * 2xx is accepted; 5xx, 408, 429, timeouts and network errors are temporary (the outbox retries
 * with its backoff); any other answer is permanent for that row.
 */
import { Agent, request, type Dispatcher } from '../http/undici-request';
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

export class UndiciWebhookSender implements WebhookSender {
  readonly name = 'webhook';
  private readonly dispatcher: Dispatcher;
  private readonly resolver: Resolver;
  private readonly timeoutMs: number;

  constructor(private readonly options: WebhookSenderOptions) {
    this.resolver = options.resolver ?? systemResolver;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.dispatcher = new Agent({
      connectTimeout: this.timeoutMs,
      connect: { lookup: guardedLookup(this.resolver, new Set(['localhost'])) } as never,
    });
  }

  async post(req: OutgoingWebhook): Promise<{ status: number }> {
    const url = new URL(req.url);
    const where = { url: `${url.origin}${url.pathname}`, deliveryId: req.deliveryId };
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackUrl(url)))
      throw new DeliveryError(`The webhook ${url.host} is not https.`, true, where);
    if (!isLoopbackUrl(url) && (await this.isPrivate(url.hostname)))
      throw new DeliveryError(`The webhook ${url.host} resolves to a private or local address.`, true, where);
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, {
        method: 'POST',
        dispatcher: this.dispatcher,
        headers: { ...req.headers, 'user-agent': this.options.userAgent },
        body: req.body,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const permanent = (err as { code?: string }).code === 'EPRIVATEADDRESS';
      throw new DeliveryError(`The webhook ${url.host} ${describeNetworkError(err)}.`, permanent, where, err);
    }
    const said = await excerpt(res.body);
    const status = res.statusCode;
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

  close(): Promise<void> {
    return this.dispatcher.close();
  }
}

async function excerpt(body: Dispatcher.ResponseData['body']): Promise<string> {
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
