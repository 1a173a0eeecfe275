/**
 * An HTTP-level fake of the Amazon SES v2 API, not the service: it answers `SendEmail` (POST
 * /v2/email/outbound-emails) as SES's REST JSON protocol does, so the real SDK client pointed at it
 * with `endpoint` sends what it would send to AWS. It keeps each raw MIME message it is given and
 * can answer scripted errors (`answers`: status and SES error type). It checks no signature,
 * identity, quota or sandbox rule, and delivers nothing.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SesCall {
  path: string;
  body: { FromEmailAddress?: string; Destination?: { ToAddresses?: string[] }; Content?: { Raw?: { Data?: string } } };
  /** The raw MIME message, decoded from the request. */
  raw: Buffer | null;
}

export interface SesStandIn {
  url: string;
  calls: SesCall[];
  /** Answers to the next calls, in order, before falling back to 200 with `MessageId: ses-N`. */
  answers: { status: number; type?: string }[];
  close(): Promise<void>;
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString()));
  });
}

export async function startSesStandIn(): Promise<SesStandIn> {
  const calls: SesCall[] = [];
  const answers: SesStandIn['answers'] = [];
  const server = createServer(async (req, res) => {
    const body = JSON.parse(await read(req)) as SesCall['body'];
    const data = body.Content?.Raw?.Data;
    calls.push({ path: req.url ?? '', body, raw: data ? Buffer.from(data, 'base64') : null });
    const answer = answers.shift() ?? { status: 200 };
    if (answer.status !== 200) {
      res.writeHead(answer.status, {
        'content-type': 'application/json',
        'x-amzn-errortype': answer.type ?? 'InternalFailure',
      });
      res.end(JSON.stringify({ message: `${answer.type} from the stand-in` }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ MessageId: `ses-${calls.length}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    answers,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
