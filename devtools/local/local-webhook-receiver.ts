/**
 * A throwaway webhook receiver on 127.0.0.1 (random port) for the demo: it checks each POST's
 * signature as docs/webhooks.md tells a receiver to (401 when it fails), dedupes by delivery id,
 * and keeps what it accepted, so the demo shows signed webhook delivery end to end. Not for
 * production use.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DELIVERY_ID_HEADER, SIGNATURE_HEADER, verifyWebhook } from '../../lambdas/core/webhook-signature';

export interface LocalWebhookReceiver {
  url: string;
  /** Subjects (generic bodies' `alert.subject`) of the POSTs accepted, in order. */
  accepted: string[];
  /** POSTs refused (bad or missing signature) and repeats of an accepted delivery id. */
  refused: number;
  repeats: number;
  stop(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

export async function startLocalWebhookReceiver(secret: string): Promise<LocalWebhookReceiver> {
  const seen = new Set<string>();
  const receiver: LocalWebhookReceiver = { url: '', accepted: [], refused: 0, repeats: 0, stop: async () => {} };
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      body += c;
      if (body.length > MAX_BODY) req.destroy();
    });
    req.on('end', () => {
      const id = String(req.headers[DELIVERY_ID_HEADER.toLowerCase()] ?? '');
      const header = req.headers[SIGNATURE_HEADER.toLowerCase()];
      const check = verifyWebhook(secret, typeof header === 'string' ? header : undefined, body, new Date());
      if (!check.valid) {
        receiver.refused++;
        return res.writeHead(401).end(check.reason);
      }
      if (seen.has(id)) receiver.repeats++;
      else {
        seen.add(id);
        receiver.accepted.push(subjectOf(body));
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/procwatch`;
  receiver.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}

function subjectOf(body: string): string {
  try {
    const subject = (JSON.parse(body) as { alert?: { subject?: unknown } }).alert?.subject;
    return typeof subject === 'string' ? subject : '(no subject)';
  } catch {
    return '(not JSON)';
  }
}
