/**
 * The send-alerts Lambda handler, invoked as Lambda would: config from the file beside it (mailer
 * kind `ses`, pointed at an HTTP-level fake of the SES v2 API), DynamoDB Local, alerts recorded by
 * the check-sources handler. Each alert goes out once; a second invocation sends nothing. A bounce
 * SES publishes about one of them, given to the ses-feedback handler as SNS delivers it, suppresses
 * the address.
 */
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { ReplayServer } from '../../../devtools/replay/replay-server';
import { handler as checkSources } from '../../../lambdas/handlers/check-sources';
import { closeHandlerRuntime } from '../../../lambdas/handlers/handler-runtime';
import { handler as sendAlerts } from '../../../lambdas/handlers/send-alerts';
import { handler as sesFeedback } from '../../../lambdas/handlers/ses-feedback';
import { verifyUnsubscribeToken } from '../../../lambdas/core/unsubscribe-token';
import { ROOT, T1_ALERTS } from '../../support/harness';
import { testEndpoint } from '../../support/dynamo';
import { writeLambdaConfig } from '../../support/lambda-config';
import { feedbackEvent, startSesStandIn, type SesStandIn } from './ses-stand-in';

const ENV = [
  'PROCWATCH_CONFIG_PATH',
  'PROCWATCH_TABLE',
  'PROCWATCH_DYNAMO_ENDPOINT',
  'PROCWATCH_ALLOW_PRIVATE_HOSTS',
  'PROCWATCH_UNSUBSCRIBE_SECRET',
  'PROCWATCH_PUBLIC_URL',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
];
const SECRET = 'handler-unsubscribe-secret-0123456789';
let replay: ReplayServer;
let ses: SesStandIn;

beforeAll(async () => {
  replay = await new ReplayServer(join(ROOT, 'demo/replay')).start('t0');
  ses = await startSesStandIn();
  const configPath = writeLambdaConfig(replay.url, {
    mailer: {
      kind: 'ses',
      ses: { region: 'eu-west-2', endpoint: ses.url },
    },
  });
  Object.assign(process.env, {
    PROCWATCH_CONFIG_PATH: configPath,
    PROCWATCH_TABLE: `send-handler-${process.pid}-${Date.now()}`,
    PROCWATCH_DYNAMO_ENDPOINT: testEndpoint(),
    PROCWATCH_ALLOW_PRIVATE_HOSTS: replay.host,
    PROCWATCH_UNSUBSCRIBE_SECRET: SECRET,
    PROCWATCH_PUBLIC_URL: 'https://api.watch.example.org',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
}, 60_000);

afterAll(async () => {
  await closeHandlerRuntime();
  await replay.stop();
  await ses.close();
  for (const k of ENV) delete process.env[k];
});

it('sends each pending alert through SES once, with one-click unsubscribe to the deployed API', async () => {
  await checkSources({ group: 'govuk' });
  replay.setStep('t1');
  await checkSources({ group: 'govuk' });
  const first = await sendAlerts();
  // The BSCC sources' t1 alerts, and the Procurement Act guidance's own change in the govuk group.
  const expected = T1_ALERTS.length + 1;
  expect(first).toEqual(expect.objectContaining({ messages: expected, alerts: expected, failed: 0 }));
  expect(ses.calls).toHaveLength(expected);
  const mails = await Promise.all(ses.calls.map((c) => simpleParser(c.raw!)));
  for (const m of mails) {
    const header = m.headerLines.find((h) => h.key === 'list-unsubscribe')!.line.replace(/\r?\n\s+/g, ' ');
    const token = /<https:\/\/api\.watch\.example\.org\/unsubscribe\?token=([^>]+)>/.exec(header)![1];
    expect(verifyUnsubscribeToken(token, SECRET)).toEqual({ email: 'campaign-team@example.org' });
  }
  expect(new Set(mails.map((m) => m.messageId)).size).toBe(expected);
  const second = await sendAlerts();
  expect(second.messages).toBe(0);
  expect(ses.calls).toHaveLength(expected);
});

it('records a bounce SES publishes through the ses-feedback handler: the address is suppressed, nothing more is sent', async () => {
  const report = await sesFeedback(feedbackEvent(ses.calls[0], 'permanent-bounce'));
  expect(report).toMatchObject({ recorded: 1, failed: 1, suppressed: ['campaign-team@example.org'] });
  // The same event delivered again by SNS changes nothing.
  expect(await sesFeedback(feedbackEvent(ses.calls[0], 'permanent-bounce'))).toMatchObject({ recorded: 0, failed: 0 });
  expect(await sesFeedback({ Records: [{ Sns: { Message: '{"eventType":"Delivery"}' } }] })).toMatchObject({
    recorded: 0,
  });
});
