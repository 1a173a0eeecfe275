/**
 * DynamoDB pushing back (throttling, transaction conflicts) and two cycles at once: retried, never
 * half-written, never doubled. The throttling comes from a real proxy in front of DynamoDB Local.
 */
import { DynamoDbStore } from '../../../lambdas/adapters/dynamodb/dynamodb-store';
import { FaultyDynamoProxy } from '../../support/faulty-dynamo';
import { testEndpoint } from '../../support/dynamo';
import { ReliabilityLog } from './reliability-report';
import { halfWritten, lostBetween, startReliabilityHarness } from './reliability-harness';

const log = new ReliabilityLog('40-store-faults');
const EXPECTED_T1 = ['document-changed', 'document-withdrawn', 'new-correspondence', 'new-correspondence'];
jest.setTimeout(60_000);

describe('DynamoDB throttling and conflicts', () => {
  let proxy: FaultyDynamoProxy;
  beforeAll(async () => {
    proxy = await new FaultyDynamoProxy(testEndpoint()).start();
  });
  afterAll(async () => {
    await proxy.stop();
    log.flush();
  });

  /** A harness whose store talks to DynamoDB Local through the proxy. */
  async function throttledHarness() {
    const h = await startReliabilityHarness();
    const store = DynamoDbStore.connect(h.runtime.store.tableName, {
      endpoint: proxy.endpoint,
      region: 'eu-west-2',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 4,
    });
    return { h, deps: { ...h.deps(), store } };
  }

  it.each([
    ['throttled', 'TransactWriteItems', 1],
    ['throttled', 'PutItem', 1],
    ['throttled', 'Query', 1],
    ['transaction-conflict', 'TransactWriteItems', 3],
  ] as const)(
    '%s %s ×%i during t1: retried, every change once, nothing half-written',
    async (error, operation, times) => {
      const { h, deps } = await throttledHarness();
      try {
        await h.cycle('t0');
        const before = await h.snapshot();
        h.replay.setStep('t1');
        proxy.setRules({ operation, times, error });
        const refusedBefore = proxy.refused[operation] ?? 0;
        const report = await h.cycle(undefined, { ...deps, store: deps.store });
        const refused = (proxy.refused[operation] ?? 0) - refusedBefore;
        const after = await h.snapshot();
        const sent = report.delivery.sent.map((a) => a.type).sort();
        expect(refused).toBe(times);
        expect(sent).toEqual(EXPECTED_T1);
        expect(halfWritten(after)).toEqual([]);
        expect(lostBetween(before, after)).toEqual([]);
        log.record({
          area: 'store',
          fault: `DynamoDB ${error === 'throttled' ? 'ProvisionedThroughputExceeded' : 'TransactionCanceled [TransactionConflict]'} on ${times} ${operation} calls`,
          tried: times,
          expected: 'retried; the 4 t1 alerts once; no half-written item',
          observed: `${refused} refused, ${sent.length} alerts sent once, ${halfWritten(after).length} half-written items`,
          dataLost: lostBetween(before, after).length,
          falseAlerts: Math.max(0, sent.length - EXPECTED_T1.length),
        });
      } finally {
        proxy.setRules();
        await h.close();
      }
    },
  );

  it('throttling past every retry fails the run without a half-written item; the next run catches up once', async () => {
    const { h, deps } = await throttledHarness();
    try {
      await h.cycle('t0');
      h.replay.setStep('t1');
      proxy.setRules({ operation: 'TransactWriteItems', times: 1000, error: 'throttled' });
      // The store failing is each source's failure, counted like any other; the cycle itself goes on.
      const failedRun = await h.cycle(undefined, deps);
      const reasons = failedRun.outcomes.map((o) => (o.kind === 'failed' ? o.reason : o.kind));
      expect(reasons.some((r) => /ProvisionedThroughputExceeded|TransactWriteItems/.test(r))).toBe(true);
      proxy.setRules();
      const mid = await h.snapshot();
      expect(halfWritten(mid)).toEqual([]);
      const next = await h.cycle(undefined, deps);
      const again = await h.cycle(undefined, deps);
      const sent = [...next.delivery.sent, ...again.delivery.sent].map((a) => a.type).sort();
      expect(sent).toEqual(EXPECTED_T1);
      log.record({
        area: 'store',
        fault: 'TransactWriteItems throttled past the SDK retries',
        tried: 1,
        expected: 'each source fails (store error), nothing half-written; next run records and sends each change once',
        observed: `failed, ${halfWritten(mid).length} half-written; then ${sent.length} alerts once each`,
        dataLost: 0,
        falseAlerts: Math.max(0, sent.length - 4),
      });
    } finally {
      proxy.setRules();
      await h.close();
    }
  });
});

describe('two and three cycles started at the same time', () => {
  afterAll(() => log.flush());

  it.each([2, 3])('%i concurrent cycles on t1: each change and alert once', async (n) => {
    const h = await startReliabilityHarness();
    try {
      await h.cycle('t0');
      h.replay.setStep('t1');
      const reports = await Promise.all(Array.from({ length: n }, () => h.cycle()));
      const sent = reports.flatMap((r) => r.delivery.sent.map((a) => a.alertId));
      const snap = await h.snapshot();
      const alerting = snap.changes.filter((c) => EXPECTED_T1.includes(c.type));
      const emails = (await h.emails()).filter((e) => !/started/.test(e.subject ?? ''));
      expect(alerting.map((c) => c.type).sort()).toEqual(EXPECTED_T1);
      expect(new Set(sent).size).toBe(sent.length);
      expect(emails).toHaveLength(4);
      expect(halfWritten(snap)).toEqual([]);
      log.record({
        area: 'concurrency',
        fault: `${n} watch cycles started at once on the same changes`,
        tried: n,
        expected: 'each change recorded once, each alert sent once',
        observed: `${alerting.length} changes, ${sent.length} alerts sent, ${emails.length} emails`,
        dataLost: Math.max(0, 4 - alerting.length),
        falseAlerts: Math.max(0, sent.length - 4) + Math.max(0, emails.length - 4),
      });
    } finally {
      await h.close();
    }
  });
});
