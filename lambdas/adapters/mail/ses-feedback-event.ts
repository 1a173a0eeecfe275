/**
 * What SES publishes through a configuration set's SNS event destination, read as the core's
 * DeliveryFeedback: one entry per bounced or complained recipient. The row is found from the tag
 * the SES mailer put on the message (core/delivery-rows `deliveryTags`); other event types
 * (Send, Delivery, Open…) and messages that are not SES events are ignored, never thrown on: a
 * feedback handler that fails on noise would be retried by SNS forever.
 */
import * as z from 'zod';
import { DELIVERY_TAG, keyFromTag } from '../../core/delivery-rows';
import type { DeliveryFeedback } from '../../core/ports';
import { addressOf } from '../../core/subscribers';

const recipients = z.array(z.object({ emailAddress: z.string(), status: z.string().optional() }));

const SesEvent = z.object({
  // Event publishing says `eventType`; identity notifications (the older route) say `notificationType`.
  eventType: z.string().optional(),
  notificationType: z.string().optional(),
  mail: z.object({ timestamp: z.string().optional(), tags: z.record(z.string(), z.array(z.string())).optional() }),
  bounce: z
    .object({
      bounceType: z.string(),
      bounceSubType: z.string().optional(),
      bouncedRecipients: z.array(z.object({ emailAddress: z.string(), diagnosticCode: z.string().optional() })),
      timestamp: z.string(),
    })

    .optional(),
  complaint: z
    .object({
      complainedRecipients: recipients,
      complaintFeedbackType: z.string().optional(),
      timestamp: z.string(),
    })

    .optional(),
});

/** The Lambda event SNS delivers: each record's `Sns.Message` is one SES event as JSON text. */
export interface SnsEvent {
  Records?: { Sns?: { Message?: string } }[];
}

export function feedbackFromSesEvent(message: unknown): DeliveryFeedback[] {
  const parsed = SesEvent.safeParse(message);
  if (!parsed.success) return [];
  const e = parsed.data;
  const type = e.eventType ?? e.notificationType;
  const tag = e.mail.tags?.[DELIVERY_TAG]?.[0];
  if (type === 'Bounce' && e.bounce) {
    const b = e.bounce;
    // "Permanent" never recovers; "Transient" (mailbox full, auto-reply) and "Undetermined" might.
    const permanent = b.bounceType === 'Permanent';
    return b.bouncedRecipients.map((r) => ({
      key: keyFromTag(tag, r.emailAddress),
      recipient: addressOf(r.emailAddress),
      kind: 'bounce' as const,
      permanent,
      reason: [`SES bounce (${b.bounceType}/${b.bounceSubType ?? 'General'})`, r.diagnosticCode]
        .filter(Boolean)
        .join(': '),
      at: b.timestamp,
    }));
  }
  if (type === 'Complaint' && e.complaint) {
    const c = e.complaint;
    return c.complainedRecipients.map((r) => ({
      key: keyFromTag(tag, r.emailAddress),
      recipient: addressOf(r.emailAddress),
      kind: 'complaint' as const,
      permanent: true,
      reason: `SES complaint (${c.complaintFeedbackType ?? 'not given'})`,
      at: c.timestamp,
    }));
  }
  return [];
}

/** Every feedback entry an SNS batch carries; a record that is not JSON is skipped. */
export function feedbackFromSnsEvent(event: SnsEvent): DeliveryFeedback[] {
  return (event.Records ?? []).flatMap((r) => {
    try {
      return feedbackFromSesEvent(JSON.parse(r.Sns?.Message ?? ''));
    } catch {
      return [];
    }
  });
}
