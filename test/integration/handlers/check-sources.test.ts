/**
 * The scheduled Lambda's handler, invoked as Lambda would: config from the file beside it,
 * DynamoDB Local standing in for DynamoDB, the replay server for GOV.UK. Alerts stay pending
 * for the send-alerts function.
 */
import { join } from 'node:path';
import { ReplayServer } from '../../../devtools/replay/replay-server';
import { checkerRuntime, handler } from '../../../lambdas/handlers/check-sources';
import { closeHandlerRuntime } from '../../../lambdas/handlers/handler-runtime';
import { BSCC_SOURCES, ROOT, T1_ALERTS } from '../../support/harness';
import { testEndpoint } from '../../support/dynamo';
import { writeLambdaConfig } from '../../support/lambda-config';

describe('check-sources handler', () => {
  let replay: ReplayServer;
  beforeAll(async () => {
    replay = await new ReplayServer(join(ROOT, 'demo/replay')).start('t0');
    process.env.PROCWATCH_CONFIG_PATH = writeLambdaConfig(replay.url);
    process.env.PROCWATCH_TABLE = `handler-${process.pid}-${Date.now()}`;
    process.env.PROCWATCH_DYNAMO_ENDPOINT = testEndpoint();
    process.env.PROCWATCH_ALLOW_PRIVATE_HOSTS = replay.host;
  });
  afterAll(async () => {
    await closeHandlerRuntime();
    await replay.stop();
    for (const k of [
      'PROCWATCH_CONFIG_PATH',
      'PROCWATCH_TABLE',
      'PROCWATCH_DYNAMO_ENDPOINT',
      'PROCWATCH_ALLOW_PRIVATE_HOSTS',
    ])
      delete process.env[k];
  });

  it('runs a cycle for one schedule group and leaves the alerts to the sender, not yet expanded', async () => {
    const first = await handler({ group: 'govuk' });
    expect(first.outcomes.map((o) => [o.source, o.kind])).toEqual(BSCC_SOURCES.map((s) => [s, 'baseline']));
    replay.setStep('t1');
    const second = await handler({ group: 'govuk' });
    expect(second.outcomes.every((o) => o.kind === 'updated')).toBe(true);
    const rt = await checkerRuntime();
    const pending = await rt.outbox.listUnexpanded();
    expect(pending.map((a) => a.type).sort()).toEqual(['baseline', ...T1_ALERTS].sort());
  });

  it('checks nothing for a group with no sources', async () => {
    expect((await handler({ group: 'no-such-group' })).outcomes).toEqual([]);
  });
});
