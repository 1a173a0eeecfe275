/**
 * A real SMTP server (smtp-server) on 127.0.0.1:0 that keeps every message it accepts, parsed back
 * with mailparser. `reply` scripts the server's answer to each DATA (e.g. 451 once, then 250).
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  raw: Buffer;
  mail: ParsedMail;
  envelopeTo: string[];
}

export interface SmtpSink {
  port: number;
  received: Received[];
  /** Answers to DATA, in order, before falling back to 250; a number is an SMTP reply code. */
  replies: number[];
  /** Recipients the server refuses at RCPT TO with 550. */
  refuse: Set<string>;
  dataCommands: number;
  close(): Promise<void>;
}

export async function startSmtpSink(options: { auth?: { user: string; pass: string } } = {}): Promise<SmtpSink> {
  const sink: SmtpSink = {
    port: 0,
    received: [],
    replies: [],
    refuse: new Set(),
    dataCommands: 0,
    close: async () => undefined,
  };
  let queue = 0;
  const server = new SMTPServer({
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authOptional: !options.auth,
    logger: false,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass)
        return callback(null, { user: auth.username });
      callback(Object.assign(new Error('5.7.8 Authentication failed'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (sink.refuse.has(address.address.toLowerCase()))
        return callback(Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        sink.dataCommands++;
        const code = sink.replies.shift();
        if (code && code !== 250)
          return callback(
            Object.assign(new Error(code >= 500 ? '5.7.1 Message refused' : '4.7.1 Try again later'), {
              responseCode: code,
            }),
          );
        const raw = Buffer.concat(chunks);
        const envelopeTo = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        simpleParser(raw).then(
          (mail) => {
            sink.received.push({ raw, mail, envelopeTo });
            callback(null, `Ok: queued as Q${++queue}`);
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  sink.port = (server.server.address() as AddressInfo).port;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
