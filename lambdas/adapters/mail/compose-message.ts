/**
 * One MIME encoding for every mailer: nodemailer's composer turns an OutgoingMessage into the
 * RFC 5322 bytes the outbox writes, SES receives as raw content and SMTP carries. Only the
 * composer, not nodemailer's index: that brings every transport (SMTP, sendmail, SES v2 over
 * its own client, OAuth2) into the sender's bundle, ~240 KB where the composer is ~60 KB.
 */
import MailComposer from 'nodemailer/lib/mail-composer';
import type { OutgoingMessage } from '../../core/ports';

export function mailOptions(message: OutgoingMessage) {
  return {
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    headers: message.headers,
    messageId: message.messageId,
    // No tracking, no remote content: the HTML part is self-contained.
    disableUrlAccess: true,
    disableFileAccess: true,
  };
}

export async function composeRaw(message: OutgoingMessage): Promise<Buffer> {
  // Unix newlines, as the stream transport wrote them before: the outbox's files stay diffable.
  return new MailComposer({ ...mailOptions(message), newline: 'unix' }).compile().build();
}
