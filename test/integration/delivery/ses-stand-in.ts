/**
 * An HTTP-level fake of the Amazon SES v2 API, not the service: it answers `SendEmail` (POST
 * /v2/email/outbound-emails) as SES's REST JSON protocol does, so the real SDK client pointed at it
 * with `endpoint` sends what it would send to AWS. It keeps each raw MIME message it is given and
 * can answer scripted errors (`answers`: status and SES error type). It checks no signature,
 * identity, quota or sandbox rule, and delivers nothing. `feedbackEvent` writes what SES would
 * publish later through a configuration set's SNS event destination about an accepted message (a
 * bounce or a complaint, in SES's documented event shape, with the message's tags), as the Lambda
 * subscribed to that topic receives it.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SesCall {
  path: string;
  body: {
    FromEmailAddress?: string;
    Destination?: { ToAddresses?: string[] };
    Content?: { Raw?: { Data?: string } };
    ConfigurationSetName?: string;
    EmailTags?: { Name: string; Value: string }[];
  };
  /** The MessageId answered (null when the call was answered with an error). */
  messageId: string | null;
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
    const answer = answers.shift() ?? { status: 200 };
    const messageId = answer.status === 200 ? `ses-${calls.length + 1}` : null;
    calls.push({ path: req.url ?? '', body, raw: data ? Buffer.from(data, 'base64') : null, messageId });
    if (answer.status !== 200) {
      res.writeHead(answer.status, {
        'content-type': 'application/json',
        'x-amzn-errortype': answer.type ?? 'InternalFailure',
      });
      res.end(JSON.stringify({ message: `${answer.type} from the stand-in` }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ MessageId: messageId }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    answers,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FeedbackKind = 'permanent-bounce' | 'transient-bounce' | 'complaint';

/** The SNS event (one record) SES publishes about an accepted `call`; the recipient is the call's first. */
export function feedbackEvent(call: SesCall, kind: FeedbackKind, at = new Date()) {
  const to = call.body.Destination?.ToAddresses?.[0] ?? '';
  const tags = Object.fromEntries((call.body.EmailTags ?? []).map((t) => [t.Name, [t.Value]]));
  const mail = {
    timestamp: at.toISOString(),
    source: call.body.FromEmailAddress,
    messageId: call.messageId,
    destination: call.body.Destination?.ToAddresses ?? [],
    tags: { ...tags, 'ses:configuration-set': [call.body.ConfigurationSetName ?? ''] },
  };
  const event =
    kind === 'complaint'
      ? {
          eventType: 'Complaint',
          mail,
          complaint: {
            complainedRecipients: [{ emailAddress: to }],
            timestamp: at.toISOString(),
            feedbackId: `feedback-${call.messageId}`,
            complaintFeedbackType: 'abuse',
          },
        }
      : {
          eventType: 'Bounce',
          mail,
          bounce: {
            bounceType: kind === 'permanent-bounce' ? 'Permanent' : 'Transient',
            bounceSubType: kind === 'permanent-bounce' ? 'General' : 'MailboxFull',
            bouncedRecipients: [
              {
                emailAddress: to,
                action: 'failed',
                status: kind === 'permanent-bounce' ? '5.1.1' : '4.2.2',
                diagnosticCode:
                  kind === 'permanent-bounce' ? 'smtp; 550 5.1.1 user unknown' : 'smtp; 452 4.2.2 mailbox full',
              },
            ],
            timestamp: at.toISOString(),
            feedbackId: `feedback-${call.messageId}`,
          },
        };
  return { Records: [{ EventSource: 'aws:sns', Sns: { Type: 'Notification', Message: JSON.stringify(event) } }] };
}
