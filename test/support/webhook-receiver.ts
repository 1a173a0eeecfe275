/**
 * A real webhook receiver (node:http on 127.0.0.1:0) doing what docs/webhooks.md asks of one:
 * it verifies `Procwatch-Signature` over the raw body (401 when it fails), and it dedupes by
 * `Procwatch-Delivery-Id` (a repeat is answered 200 and not accepted twice). `replies` scripts
 * the status of the next POSTs before falling back to 200.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DELIVERY_ID_HEADER, SIGNATURE_HEADER, verifyWebhook } from '../../lambdas/core/webhook-signature';

export interface ReceivedPost {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

export interface WebhookReceiver {
  url: string;
  /** Every POST that arrived, with the status it was answered. */
  posts: ReceivedPost[];
  /** Bodies accepted once each (verified, first time their delivery id was seen). */
  accepted: ReceivedPost[];
  replies: number[];
  /** Delivery ids accepted so far: what the receiver dedupes by. */
  seen: Set<string>;
  /** The receiver's clock, for the signature's age (a test that moves the sender's clock moves it too). */
  now: () => Date;
  /** Checked on every POST when set. */
  secret: string | null;
  close(): Promise<void>;
}

export async function startWebhookReceiver(secret: string | null): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = {
    url: '',
    posts: [],
    accepted: [],
    replies: [],
    seen: new Set(),
    now: () => new Date(),
    secret,
    close: async () => undefined,
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const post: ReceivedPost = { headers: req.headers, body, status: 200 };
      const id = String(req.headers[DELIVERY_ID_HEADER.toLowerCase()] ?? '');
      const scripted = receiver.replies.shift();
      const check = receiver.secret
        ? verifyWebhook(receiver.secret, req.headers[SIGNATURE_HEADER.toLowerCase()] as string, body, receiver.now())
        : { valid: true as const };
      if (scripted) post.status = scripted;
      else if (!check.valid) post.status = 401;
      else if (!receiver.seen.has(id)) {
        receiver.seen.add(id);
        receiver.accepted.push(post);
      }
      receiver.posts.push(post);
      res.writeHead(post.status, { 'content-type': 'text/plain' }).end(post.status === 200 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}
