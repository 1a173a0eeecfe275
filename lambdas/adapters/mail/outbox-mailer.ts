/**
 * The local default mailer: each message becomes one RFC 5322 `.eml` file in the outbox folder,
 * built by the same composer as the SMTP and SES mailers (the same MIME a real send carries).
 * The file is named by the message id, so delivering the same email twice leaves one file:
 * the outbox is the one mailer that can recognise a resend and absorb it.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeliveryError } from '../../core/errors';
import type { Mailer, OutgoingMessage } from '../../core/ports';
import { composeRaw } from './compose-message';

export class OutboxMailer implements Mailer {
  readonly name = 'outbox';

  constructor(readonly dir: string) {}

  async send(message: OutgoingMessage): Promise<{ messageId: string }> {
    try {
      const raw = await composeRaw(message);
      mkdirSync(this.dir, { recursive: true });
      const name = message.messageId.replace(/[<>]/g, '').replace(/[^\w.@-]/g, '_');
      const path = join(this.dir, `${name}.eml`);
      // Write then rename: a crash never leaves half a message in the outbox.
      writeFileSync(`${path}.tmp`, raw);
      renameSync(`${path}.tmp`, path);
      return { messageId: message.messageId };
    } catch (err) {
      throw new DeliveryError(
        `Could not write the alert to the outbox ${this.dir}: ${(err as Error).message}`,
        true,
        {},
        err,
      );
    }
  }
}
