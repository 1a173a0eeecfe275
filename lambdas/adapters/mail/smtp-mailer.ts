/**
 * SMTP through nodemailer (a person's own mail provider, or a local relay). SMTP replies decide
 * what a failure means: 5xx (and an address the server refuses) is permanent, 4xx, timeouts and
 * dropped connections are transient and retried by the delivery use-case.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { DeliveryError } from '../../core/errors';
import type { Mailer, OutgoingMessage } from '../../core/ports';
import { mailOptions } from './compose-message';

export interface SmtpOptions {
  host: string;
  port?: number;
  secure?: boolean;
  requireTLS?: boolean;
  /** STARTTLS is used when the server offers it unless this is true (loopback test servers). */
  ignoreTLS?: boolean;
  user?: string;
  password?: string;
  /** Connect, greeting and socket timeouts: must stay well under the send record's lease. */
  timeoutMs?: number;
}

const TRANSIENT_CODES = new Set([
  'ETIMEDOUT',
  'ECONNECTION',
  'ESOCKET',
  'EDNS',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETLS',
]);

/** Turns a nodemailer failure into the project's DeliveryError, permanent or not. */
export function smtpFailure(err: unknown, host: string): DeliveryError {
  const e = err as { responseCode?: number; code?: string; response?: string; message?: string };
  const reply = e.response ? ` (server said: ${e.response.replace(/\s+/g, ' ').slice(0, 200)})` : '';
  if (typeof e.responseCode === 'number') {
    const permanent = e.responseCode >= 500;
    return new DeliveryError(
      `The SMTP server ${host} ${permanent ? 'refused' : 'deferred'} the email with ${e.responseCode}${reply}.`,
      permanent,
      { status: e.responseCode },
      err,
    );
  }
  if (e.code && TRANSIENT_CODES.has(e.code))
    return new DeliveryError(
      `Could not reach the SMTP server ${host}: ${e.code} ${e.message ?? ''}`.trim(),
      false,
      {},
      err,
    );
  // No reply code: nodemailer refused before talking (no valid recipient, bad address syntax).
  if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE')
    return new DeliveryError(`The email could not be addressed: ${e.message}`, true, {}, err);
  return new DeliveryError(`SMTP delivery through ${host} failed: ${e.message ?? String(err)}`, false, {}, err);
}

export class SmtpMailer implements Mailer {
  readonly name = 'smtp';
  private readonly transport: Transporter;

  constructor(private readonly options: SmtpOptions) {
    const timeout = options.timeoutMs ?? 30_000;
    this.transport = nodemailer.createTransport({
      host: options.host,
      port: options.port ?? 587,
      secure: options.secure ?? false,
      requireTLS: options.requireTLS,
      ignoreTLS: options.ignoreTLS,
      auth: options.user ? { user: options.user, pass: options.password ?? '' } : undefined,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      // Never print the conversation: it would carry credentials (AUTH) and recipients.
      logger: false,
      debug: false,
    });
  }

  async send(message: OutgoingMessage): Promise<{ messageId: string }> {
    let info: { messageId: string; response?: string; rejected?: unknown[] };
    try {
      info = await this.transport.sendMail(mailOptions(message));
    } catch (err) {
      throw smtpFailure(err, this.options.host);
    }
    if (info.rejected?.length)
      throw new DeliveryError(
        `The SMTP server ${this.options.host} rejected ${info.rejected.length} recipient(s).`,
        true,
      );
    // The server's queue id (e.g. "250 2.0.0 Ok: queued as 4F2A1") is the provider's message id.
    const queued = /queued as ([^\s]+)/i.exec(info.response ?? '')?.[1];
    return { messageId: queued ?? info.messageId };
  }

  close(): void {
    this.transport.close();
  }
}
