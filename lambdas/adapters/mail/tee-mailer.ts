/**
 * Hands each message to several mailers in order (the demo: a local SMTP server and the outbox).
 * The first mailer's id is the provider id; any failure is the whole send's failure.
 */
import type { Mailer, OutgoingMessage } from '../../core/ports';

export class TeeMailer implements Mailer {
  readonly name: string;

  constructor(private readonly mailers: Mailer[]) {
    this.name = mailers.map((m) => m.name).join('+');
  }

  async send(message: OutgoingMessage): Promise<{ messageId: string }> {
    let first: { messageId: string } | null = null;
    for (const m of this.mailers) {
      const res = await m.send(message);
      first ??= res;
    }
    return first ?? { messageId: message.messageId };
  }
}
