/**
 * One MIME encoding for every mailer: nodemailer's composer turns an OutgoingMessage into the
 * RFC 5322 bytes the outbox writes, SES receives as raw content and SMTP carries.
 */
import nodemailer from 'nodemailer';
import type { OutgoingMessage } from '../../core/ports';

const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

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
  const info = await composer.sendMail(mailOptions(message));
  return info.message as Buffer;
}
