/**
 * DynamoDB pushing back (throttling, transaction conflicts) and two or three cycles at once:
 * retried, never half-written, never doubled. The throttling comes from a real proxy in front of
 * DynamoDB Local; the send records go through it too.
 */
import { DynamoOutbox } from '../../../lambdas/adapters/dynamodb/outbox';
import { DynamoSubscribers } from '../../../lambdas/adapters/dynamodb/subscriber-store';
import { DynamoDbStore } from '../../../lambdas/adapters/dynamodb/dynamodb-store';
import { FaultyDynamoProxy } from '../../support/faulty-dynamo';
import { testEndpoint } from '../../support/dynamo';
import { concurrentCycles } from './concurrency-scenario';
import { alertsRaised, emailFigures, halfWritten, lostBetween, storeFigures } from './observe';
import { ReliabilityLog } from './reliability-report';
import { EXPECTED_T1, expectedPairs, startReliabilityHarness, type ReliabilityHarness } from './reliability-harness';

const log = new ReliabilityLog('40-store-faults');
const NAMES = {
  throttled: 'ProvisionedThroughputExceeded',
  'transaction-conflict': 'TransactionCanceled [TransactionConflict]',
};
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

  /** A harness whose store and outbox talk to DynamoDB Local through the proxy. */
  async function throttledHarness() {
    const h = await startReliabilityHarness();
    const store = DynamoDbStore.connect(h.runtime.store.tableName, {
      endpoint: proxy.endpoint,
      region: 'eu-west-2',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 4,
    });
    return {
      h,
      deps: { ...h.deps(), store, outbox: new DynamoOutbox(store), subscriberStore: new DynamoSubscribers(store) },
    };
  }

  /** What t1 left, against the snapshot taken after t0. */
  async function t1Figures(
    h: ReliabilityHarness,
    before: Awaited<ReturnType<ReliabilityHarness['snapshot']>>,
    mark: number,
  ) {
    const after = await h.snapshot();
    const raised = alertsRaised(before, after);
    const alerting = after.changes.filter((c) => EXPECTED_T1.includes(c.type));
    const emails = emailFigures(
      h.received().slice(mark),
      expectedPairs(
        h,
        alerting.map((c) => c.changeId),
      ),
    );
    return { after, raised, emails, store: storeFigures(before, after) };
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
        const mark = h.received().length;
        h.replay.setStep('t1');
        proxy.setRules({ operation, times, error });
        const refusedBefore = proxy.refused[operation] ?? 0;
        await h.cycle(undefined, deps);
        const refused = (proxy.refused[operation] ?? 0) - refusedBefore;
        const { after, raised, emails, store } = await t1Figures(h, before, mark);
        log.record({
          area: 'store',
          fault: `DynamoDB ${NAMES[error]} on ${times} ${operation} calls during t1`,
          tried: times,
          expected: 'retried; the 4 t1 alerts raised and mailed once; no half-written item',
          observed: `${refused} calls refused by the proxy; ${halfWritten(after).length} half-written items`,
          measured: {
            ...store,
            alertsExpected: EXPECTED_T1.length,
            alertsRaised: raised.length,
            ...emails,
            offContract: halfWritten(after).length + Number(refused !== times),
          },
        });
        expect(refused).toBe(times);
        expect(raised.map((a) => a.type).sort()).toEqual(EXPECTED_T1);
        expect(emails).toMatchObject({ emailsReceived: EXPECTED_T1.length, pairsMissing: 0, duplicatesByChange: 0 });
        expect(halfWritten(after)).toEqual([]);
        expect(lostBetween(before, after)).toEqual([]);
      } finally {
        proxy.setRules();
        await h.close();
      }
    },
  );

  it('throttling past every retry fails the run, nothing half-written; the next run catches up once', async () => {
    const { h, deps } = await throttledHarness();
    try {
      await h.cycle('t0');
      const before = await h.snapshot();
      const mark = h.received().length;
      h.replay.setStep('t1');
      proxy.setRules({ operation: 'TransactWriteItems', times: 1000, error: 'throttled' });
      // The store failing is each source's failure, counted like any other; the cycle itself goes on.
      const failedRun = await h.cycle(undefined, deps);
      const reasons = failedRun.outcomes.map((o) => (o.kind === 'failed' ? o.reason : o.kind));
      proxy.setRules();
      const mid = await h.snapshot();
      await h.cycle(undefined, deps);
      await h.cycle(undefined, deps);
      const { after, raised, emails, store } = await t1Figures(h, before, mark);
      const failed = reasons.some((r) => /ProvisionedThroughputExceeded|TransactWriteItems/.test(r));
      log.record({
        area: 'store',
        fault: 'TransactWriteItems throttled past the SDK retries during t1, then two runs without it',
        tried: 1,
        expected:
          'each source fails (a store error, counted), nothing half-written; the next run records and mails each change once',
        observed: `${failed ? 'failed with a store error' : 'did not fail'}; ${halfWritten(mid).length} half-written`,
        measured: {
          ...store,
          alertsExpected: EXPECTED_T1.length,
          alertsRaised: raised.length,
          ...emails,
          offContract: Number(!failed) + halfWritten(mid).length + halfWritten(after).length,
        },
      });
      expect(failed).toBe(true);
      expect(halfWritten(mid)).toEqual([]);
      expect(raised.map((a) => a.type).sort()).toEqual(EXPECTED_T1);
      expect(emails).toMatchObject({ emailsReceived: EXPECTED_T1.length, pairsMissing: 0, duplicatesByChange: 0 });
      expect(lostBetween(before, after)).toEqual([]);
    } finally {
      proxy.setRules();
      await h.close();
    }
  });
});

describe('two and three cycles racing to deliver the same alerts', () => {
  afterAll(() => log.flush());

  it.each([2, 3])('%i concurrent cycles on t1, all holding the same pending alerts: each mailed once', async (n) => {
    const o = await concurrentCycles(n);
    log.record({
      area: 'concurrency',
      fault: `${n} watch cycles started at once on the same t1 changes, each holding the same pending alerts`,
      tried: n,
      expected: 'each change recorded once, each alert claimed by one cycle and mailed once',
      observed: o.observed,
      measured: o.measured,
    });
    expect(o.alertTypes).toEqual(EXPECTED_T1);
    expect(o.measured).toMatchObject({
      emailsReceived: EXPECTED_T1.length,
      pairsMissing: 0,
      duplicatesByChange: 0,
      lost: 0,
    });
    expect(o.halfWritten).toEqual([]);
  });
});
