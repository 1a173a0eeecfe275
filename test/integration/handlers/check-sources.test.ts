/**
 * The scheduled Lambda's handler, invoked as Lambda would: config from the file beside it,
 * DynamoDB Local standing in for DynamoDB, the replay server for GOV.UK. Alerts stay pending
 * for the send-alerts function.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ReplayServer } from '../../../devtools/replay/replay-server';
import { checkerRuntime, handler } from '../../../lambdas/handlers/check-sources';
import { checkerHandler } from '../../../lambdas/handlers/checker-handler';
import { closeHandlerRuntime } from '../../../lambdas/handlers/handler-runtime';
import { RESOLVED_CONFIG_FORMAT } from '../../../lambdas/resolved-config';
import { govukContent } from '../../../lambdas/sources/govuk-content';
import { govukSearch } from '../../../lambdas/sources/govuk-search';
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

  describe("a group's function, as the stack builds it (only its group's kinds)", () => {
    const kinds = { [govukSearch.kind]: govukSearch, [govukContent.kind]: govukContent };
    const govuk = checkerHandler(kinds, 'govuk');

    it('checks its own group, whatever the event leaves out', async () => {
      replay.setStep('t1');
      const report = await govuk({});
      expect(report.outcomes.map((o) => o.source)).toEqual(BSCC_SOURCES);
      expect(report.outcomes.every((o) => o.kind !== 'failed')).toBe(true);
    });

    it("refuses another group's event, or a source outside its group, in one sentence", async () => {
      await expect(govuk({ group: 'parliament' })).rejects.toThrow(
        'This function checks the "govuk" group, not "parliament".',
      );
      await expect(govuk({ source: 'no-such-source' })).rejects.toThrow(
        'Source "no-such-source" is not in the "govuk" group this function checks.',
      );
    });

    it('refuses to run with a config whose kinds it was not built with, and checks nothing', async () => {
      const rt = await checkerRuntime();
      const before = await rt.store.getSourceState(BSCC_SOURCES[0]);
      await expect(checkerHandler({ [govukContent.kind]: govukContent }, 'govuk')({})).rejects.toThrow(
        'This function was built without the govuk-search source kind(s) its config now asks for: ' +
          'deploy again (cdk deploy) so its bundle matches the config.',
      );
      expect(await rt.store.getSourceState(BSCC_SOURCES[0])).toEqual(before);
    });
  });

  describe('the config beside the function, as synth resolved it', () => {
    const saved = () => process.env.PROCWATCH_CONFIG_PATH;
    let resolved: string | undefined;
    beforeAll(() => {
      resolved = saved();
    });
    afterEach(async () => {
      await closeHandlerRuntime();
      process.env.PROCWATCH_CONFIG_PATH = resolved;
    });

    it('refuses a config file a person writes, in one sentence, before it opens the store', async () => {
      await closeHandlerRuntime();
      process.env.PROCWATCH_CONFIG_PATH = join(ROOT, 'procwatch.config.json');
      await expect(handler({ group: 'govuk' })).rejects.toThrow(
        `procwatch.config.json: is not a config resolved at synth (format null, expected "${RESOLVED_CONFIG_FORMAT}")`,
      );
    });

    it('fetches only from the hosts the file allows, not from hosts worked out at cold start', async () => {
      await closeHandlerRuntime();
      const file = JSON.parse(readFileSync(resolved!, 'utf8'));
      const narrowed = join(dirname(resolved!), 'narrowed.json');
      writeFileSync(narrowed, JSON.stringify({ ...file, allowedHosts: ['www.gov.uk'] }));
      process.env.PROCWATCH_CONFIG_PATH = narrowed;
      const report = await handler({ group: 'govuk' });
      expect(report.outcomes.map((o) => o.kind)).toEqual(BSCC_SOURCES.map(() => 'failed'));
      const rt = await checkerRuntime();
      expect((await rt.store.getSourceState(BSCC_SOURCES[0]))?.lastError).toMatch(
        /: host 127\.0\.0\.1:\d+ is not on the allowlist\./,
      );
    });
  });
});
