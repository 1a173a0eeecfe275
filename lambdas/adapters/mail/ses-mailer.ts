/**
 * Amazon SES (API v2) with the raw MIME the other mailers produce, so the List-Unsubscribe
 * headers and the stable Message-ID reach the recipient unchanged. SES answers with its own
 * message id; throttling and 5xx are transient, rejections and unverified identities permanent.
 */
import { SendEmailCommand, SESv2Client, type SESv2ClientConfig } from '@aws-sdk/client-sesv2';
import { DeliveryError } from '../../core/errors';
import type { Mailer, OutgoingMessage } from '../../core/ports';
import { composeRaw } from './compose-message';

const PERMANENT = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'AccountSuspendedException',
  'SendingPausedException',
  'BadRequestException',
  'NotFoundException',
]);

export function sesFailure(err: unknown): DeliveryError {
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  const name = e.name ?? 'Error';
  const permanent =
    PERMANENT.has(name) ||
    (status !== undefined &&
      status >= 400 &&
      status < 500 &&
      status !== 429 &&
      !/Throttl|TooManyRequests|LimitExceeded/.test(name));
  return new DeliveryError(
    `Amazon SES did not accept the email: ${name}: ${e.message ?? ''}`.trim(),
    permanent,
    status ? { status } : {},
    err,
  );
}

export class SesMailer implements Mailer {
  readonly name = 'ses';

  constructor(
    private readonly client: SESv2Client,
    private readonly configurationSet?: string,
  ) {}

  static connect(config: SESv2ClientConfig = {}, configurationSet?: string): SesMailer {
    return new SesMailer(new SESv2Client({ maxAttempts: 3, ...config }), configurationSet);
  }

  async send(message: OutgoingMessage): Promise<{ messageId: string }> {
    const raw = await composeRaw(message);
    try {
      const res = await this.client.send(
        new SendEmailCommand({
          FromEmailAddress: message.from,
          Destination: { ToAddresses: message.to },
          Content: { Raw: { Data: raw } },
          ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
          // Published with every bounce and complaint event: how the feedback handler finds the row.
          ...(message.tags
            ? { EmailTags: Object.entries(message.tags).map(([Name, Value]) => ({ Name, Value })) }
            : {}),
        }),
      );
      return { messageId: res.MessageId ?? message.messageId };
    } catch (err) {
      throw sesFailure(err);
    }
  }
}
