/**
 * A throwaway SMTP server on 127.0.0.1 (random port) for the demo: it accepts every message and
 * counts it, so the demo shows real SMTP delivery without any account. Not for production use.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface LocalSmtpServer {
  port: number;
  /** Message-IDs in the order received. */
  received: string[];
  stop(): Promise<void>;
}

export async function startLocalSmtpServer(): Promise<LocalSmtpServer> {
  const received: string[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (c: Buffer) => {
        if (head.length < 64_000) head += c.toString('latin1');
      });
      stream.on('end', () => {
        received.push(/^Message-ID:\s*(\S+)/im.exec(head)?.[1] ?? '(none)');
        callback(null, `Ok: queued as L${received.length}`);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
