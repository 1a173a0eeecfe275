/**
 * High priority reaches the reader: a keyword alert (priority `high`) arrives with `Importance: high`,
 * `X-Priority: 1` and the subject marker, whichever mailer sends it — SMTP (read back from a real
 * smtp-server), SES (the raw MIME the SDK hands to an HTTP-level fake of the API) and the outbox
 * (the .eml file) — each parsed back with mailparser. A normal alert carries none of them.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { OutboxMailer } from '../../../lambdas/adapters/mail/outbox-mailer';
import { SesMailer } from '../../../lambdas/adapters/mail/ses-mailer';
import { SmtpMailer } from '../../../lambdas/adapters/mail/smtp-mailer';
import { runDelivery } from '../../../lambdas/core/run-delivery';
import type { Mailer } from '../../../lambdas/core/ports';
import { HIGH_PRIORITY_MARKER } from '../../../lambdas/core/render-alert';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { deliveryDeps, recordRealAlerts, seed, type Recorded } from './seeded-alerts';
import { startSesStandIn, type SesStandIn } from './ses-stand-in';

let recorded: Recorded;
let sink: SmtpSink;
let ses: SesStandIn;
let smtp: SmtpMailer;
const outbox = mkdtempSync(join(tmpdir(), 'procwatch-priority-'));

beforeAll(async () => {
  recorded = await recordRealAlerts();
  sink = await startSmtpSink();
  ses = await startSesStandIn();
  smtp = new SmtpMailer({ host: '127.0.0.1', port: sink.port, ignoreTLS: true, timeoutMs: 5000 });
}, 120_000);

afterAll(async () => {
  smtp.close();
  await sink.close();
  await ses.close();
});

const MAILERS: [string, () => Mailer, () => Promise<ParsedMail[]>][] = [
  ['SMTP', () => smtp, async () => sink.received.map((r) => r.mail)],
  [
    'SES (raw MIME)',
    () =>
      SesMailer.connect({
        endpoint: ses.url,
        region: 'eu-west-2',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 1,
      }),
    () => Promise.all(ses.calls.map((c) => simpleParser(c.raw!))),
  ],
  [
    'outbox (.eml)',
    () => new OutboxMailer(outbox),
    () => Promise.all(readdirSync(outbox).map((f) => simpleParser(readFileSync(join(outbox, f))))),
  ],
];

it('the recorded alerts hold both kinds: keyword alerts (high) and others (normal)', () => {
  const priorities = new Set(recorded.alerts.map((a) => a.priority));
  expect(priorities).toEqual(new Set(['high', 'normal']));
});

it.each(MAILERS)(
  '%s: high priority in the headers and the subject of keyword alerts only',
  async (_name, make, read) => {
    const store = await seed(recorded, 'priority');
    await runDelivery(deliveryDeps(store, make()), {
      from: 'procurement-watch <alerts@procwatch.invalid>',
      to: ['reader@example.org'],
    });
    const mails = await read();
    expect(mails).toHaveLength(recorded.alerts.length);
    const priorityOf = new Map(recorded.alerts.map((a) => [a.changeId, a.priority]));
    for (const mail of mails) {
      const changeId = /Change id: (\S+)/.exec(mail.text ?? '')![1];
      const high = priorityOf.get(changeId) === 'high';
      // The header lines as sent, and what mailparser (as a client would) makes of them.
      const line = (key: string) => mail.headerLines.find((h) => h.key === key)?.line ?? null;
      const seen = {
        importance: line('importance'),
        xPriority: line('x-priority'),
        read: mail.headers.get('priority') ?? 'normal',
        marked: (mail.subject ?? '').startsWith(`${HIGH_PRIORITY_MARKER} `),
        under80: (mail.subject ?? '').length < 80,
      };
      expect(seen).toEqual(
        high
          ? { importance: 'Importance: high', xPriority: 'X-Priority: 1', read: 'high', marked: true, under80: true }
          : { importance: null, xPriority: null, read: 'normal', marked: false, under80: true },
      );
    }
  },
);
