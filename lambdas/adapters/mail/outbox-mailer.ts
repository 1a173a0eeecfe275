/**
 * The local default mailer: each message becomes one RFC 5322 `.eml` file in the outbox folder,
 * built by nodemailer's stream transport (the same MIME a real SMTP or SES send would carry).
 * The file is named by the message id, so delivering the same alert twice leaves one file.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { DeliveryError } from '../../core/errors';
import type { Mailer, OutgoingMessage } from '../../core/ports';

export class OutboxMailer implements Mailer {
  readonly name = 'outbox';
  private readonly transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(readonly dir: string) {}

  async send(message: OutgoingMessage): Promise<{ messageId: string }> {
    try {
      const info = await this.transport.sendMail({
        from: message.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: message.headers,
        messageId: message.messageId,
      });
      mkdirSync(this.dir, { recursive: true });
      const name = message.messageId.replace(/[<>]/g, '').replace(/[^\w.@-]/g, '_');
      const path = join(this.dir, `${name}.eml`);
      // Write then rename: a crash never leaves half a message in the outbox.
      writeFileSync(`${path}.tmp`, info.message as Buffer);
      renameSync(`${path}.tmp`, path);
      return { messageId: message.messageId };
    } catch (err) {
      throw new DeliveryError(`Could not write the alert to the outbox ${this.dir}: ${(err as Error).message}`, true, {}, err);
    }
  }
}
