/** SES events as the feedback handler reads them: only bounces and complaints count, noise is ignored. */
import { feedbackFromSesEvent, feedbackFromSnsEvent } from '../../../lambdas/adapters/mail/ses-feedback-event';
import { DELIVERY_TAG, deliveryTags } from '../../../lambdas/core/delivery-rows';

const key = { subjectId: 'chg-1', recipient: 'a@example.org', channel: 'email' as const, generation: 1 };
const mail = { timestamp: '2026-01-31T10:00:00Z', tags: { [DELIVERY_TAG]: [deliveryTags(key)[DELIVERY_TAG]] } };
const bounce = (bounceType: string) => ({
  eventType: 'Bounce',
  mail,
  bounce: {
    bounceType,
    bounceSubType: 'General',
    bouncedRecipients: [{ emailAddress: 'A@Example.org', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }],
    timestamp: '2026-01-31T10:01:00Z',
  },
});

it('reads a permanent bounce with its row key, the address lower-cased and the diagnostic as the reason', () => {
  expect(feedbackFromSesEvent(bounce('Permanent'))).toEqual([
    {
      key,
      recipient: 'a@example.org',
      kind: 'bounce',
      permanent: true,
      reason: 'SES bounce (Permanent/General): smtp; 550 5.1.1 user unknown',
      at: '2026-01-31T10:01:00Z',
    },
  ]);
  expect(feedbackFromSesEvent(bounce('Transient'))[0].permanent).toBe(false);
  expect(feedbackFromSesEvent(bounce('Undetermined'))[0].permanent).toBe(false);
});

it('reads a complaint (always final), also from the older identity-notification shape', () => {
  const complaint = {
    notificationType: 'Complaint',
    mail,
    complaint: {
      complainedRecipients: [{ emailAddress: 'a@example.org' }],
      timestamp: '2026-01-31T11:00:00Z',
      complaintFeedbackType: 'abuse',
    },
  };
  expect(feedbackFromSesEvent(complaint)).toEqual([
    expect.objectContaining({ key, kind: 'complaint', permanent: true, reason: 'SES complaint (abuse)' }),
  ]);
});

it('gives no row for a message without our tag, and ignores other events, other shapes and non-JSON records', () => {
  const untagged = { ...bounce('Permanent'), mail: { timestamp: 'x' } };
  expect(feedbackFromSesEvent(untagged)[0].key).toBeNull();
  expect(feedbackFromSesEvent({ eventType: 'Delivery', mail })).toEqual([]);
  expect(feedbackFromSesEvent({ eventType: 'Bounce' })).toEqual([]);
  expect(feedbackFromSesEvent('Bounce')).toEqual([]);
  const sns = {
    Records: [{ Sns: { Message: 'not json' } }, { Sns: { Message: JSON.stringify(bounce('Permanent')) } }],
  };
  expect(feedbackFromSnsEvent(sns)).toHaveLength(1);
  expect(feedbackFromSnsEvent({})).toEqual([]);
});
