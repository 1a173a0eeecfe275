/**
 * The checker killed at a random point of a cycle (between fetch, store, the change+alert
 * transaction and the send), over many seeded runs, then started again: every real change is in
 * the change log exactly once and every alert reaches each recipient exactly once.
 * `PROCWATCH_SOAK_RUNS` raises the number of seeded runs (npm run test:soak).
 */
import { readdirSync } from 'node:fs';
import type { Mailer, OutgoingMessage } from '../../../lambdas/core/ports';
import { OutboxMailer } from '../../../lambdas/adapters/mail/outbox-mailer';
import type { WatchDeps } from '../../../lambdas/core/watch-once';
import { CrashError, CrashPlan } from '../../support/crash-points';
import { seededRandom } from '../../support/seeded-random';
import { ReliabilityLog } from './reliability-report';
import { startReliabilityHarness, type ReliabilityHarness } from './reliability-harness';

const RUNS = Number(process.env.PROCWATCH_SOAK_RUNS ?? 4);
const SEED = Number(process.env.PROCWATCH_SOAK_SEED ?? 7);
const STEPS = ['t0', 't1'];
const REAL = new Set([
  'new-correspondence',
  'new-document',
  'document-changed',
  'document-withdrawn',
  'first-seen',
  'known',
]);
const log = new ReliabilityLog('30-crash-recovery');
jest.setTimeout(60_000 + RUNS * 10_000);

/** Counts what reached the mailer: (message id, recipient) → sends. */
class CountingMailer implements Mailer {
  readonly name = 'counting-outbox';
  readonly sends = new Map<string, number>();
  constructor(private readonly inner: OutboxMailer) {}
  async send(m: OutgoingMessage) {
    const res = await this.inner.send(m);
    for (const to of m.to) this.sends.set(`${m.messageId} ${to}`, (this.sends.get(`${m.messageId} ${to}`) ?? 0) + 1);
    return res;
  }
}

/** The recovery run comes later: past any claim's lease. */
const later = (hours: number) => ({
  now: () => new Date(Date.now() + hours * 3_600_000),
  sleep: async () => undefined,
});

interface Outcome {
  crashedAt: string | null;
  calls: number;
  realChanges: string[];
  duplicateChanges: number;
  alertsNotSent: number;
  /** (message, recipient) pairs handed to the mailer more than once: same Message-ID each time. */
  resent: number;
  /** Alerts whose emails went out under more than one Message-ID: a duplicate the recipient sees. */
  duplicateMessages: number;
  outboxFiles: number;
  sentAlerts: number;
  trace: string[];
}

async function scenario(crashAt: number, afterCall: boolean): Promise<Outcome> {
  const h: ReliabilityHarness = await startReliabilityHarness();
  const mailer = new CountingMailer(h.runtime.mailer as OutboxMailer);
  const plan = new CrashPlan(crashAt, afterCall);
  try {
    const clean = (hours: number): WatchDeps => ({ ...h.deps(), mailer, clock: later(hours) });
    const extra = (h.runtime as unknown as { deliveries?: object }).deliveries;
    const faulty: WatchDeps = {
      ...h.deps(),
      store: plan.wrap('store', h.runtime.store),
      fetcher: plan.wrap('fetcher', h.runtime.fetcher),
      mailer: plan.wrap('mailer', mailer),
      ...(extra ? { deliveries: plan.wrap('deliveries', extra) } : {}),
    } as WatchDeps;
    let hours = 0;
    for (const step of STEPS) {
      try {
        await h.cycle(step, plan.crashed ? clean(hours) : faulty);
      } catch (err) {
        if (!(err instanceof CrashError)) throw err;
        hours += 1;
        await h.cycle(step, clean(hours));
      }
    }
    // One more run of the last step finds nothing new and leaves nothing pending.
    await h.cycle(undefined, clean(hours + 2));
    const changes = (await h.runtime.store.listChanges({ limit: 500 })).items;
    const real = changes.filter((c) => REAL.has(c.type));
    const meaning = new Set(real.map((c) => `${c.docId} ${c.type} ${c.version}`));
    const alerts = await h.runtime.store.listAlerts('sent');
    const notSent = [
      ...(await h.runtime.store.listAlerts('pending')),
      ...(await h.runtime.store.listAlerts('claimed')),
      ...(await h.runtime.store.listAlerts('failed')),
    ];
    const perAlert = new Map<string, Set<string>>();
    for (const key of mailer.sends.keys()) {
      const id = key.split(' ')[0];
      const alert = /<([^@>]+)/.exec(id)?.[1] ?? id;
      perAlert.set(alert, (perAlert.get(alert) ?? new Set()).add(id));
    }
    return {
      crashedAt: plan.crashedAt,
      calls: plan.calls,
      realChanges: real.map((c) => c.changeId).sort(),
      duplicateChanges: real.length - meaning.size,
      alertsNotSent: notSent.length,
      resent: [...mailer.sends.values()].reduce((n, v) => n + v - 1, 0),
      duplicateMessages: [...perAlert.values()].filter((ids) => ids.size > 1).length,
      outboxFiles: readdirSync(h.outbox).filter((f) => f.endsWith('.eml')).length,
      sentAlerts: alerts.filter((a) => a.type !== 'baseline').length,
      trace: plan.trace,
    };
  } finally {
    await h.close();
  }
}

describe('crash at a random point of a cycle, then a fresh run', () => {
  let reference: Outcome;
  beforeAll(async () => {
    reference = await scenario(Infinity, false);
  });
  afterAll(() => log.flush());

  it('the crash-free reference run records the t1 changes and sends each alert once', () => {
    expect(reference.crashedAt).toBeNull();
    expect(reference.sentAlerts).toBe(4);
    expect(reference.resent).toBe(0);
    expect(reference.alertsNotSent).toBe(0);
  });

  async function crashRuns(points: [number, boolean][], fault: string): Promise<string[]> {
    const where = new Map<string, number>();
    let lost = 0;
    let falseAlerts = 0;
    let resent = 0;
    const failures: string[] = [];
    for (const [crashAt, after] of points) {
      const o = await scenario(crashAt, after);
      const kind = (o.crashedAt ?? 'none').replace(/^(before|after) (\w+)\..*$/, '$1 $2');
      where.set(kind, (where.get(kind) ?? 0) + 1);
      const missing = reference.realChanges.filter((id) => !o.realChanges.includes(id)).length;
      const extra = o.realChanges.filter((id) => !reference.realChanges.includes(id)).length;
      lost += missing + o.alertsNotSent;
      falseAlerts +=
        extra + o.duplicateChanges + o.duplicateMessages + Math.max(0, o.sentAlerts - reference.sentAlerts);
      resent += o.resent;
      if (
        missing ||
        extra ||
        o.duplicateChanges ||
        o.alertsNotSent ||
        o.duplicateMessages ||
        o.sentAlerts !== reference.sentAlerts
      ) {
        failures.push(
          `crash #${crashAt} ${o.crashedAt}: missing ${missing}, extra ${extra}, duplicate changes ${o.duplicateChanges}, alerts not sent ${o.alertsNotSent}, duplicate messages ${o.duplicateMessages}, alerts sent ${o.sentAlerts}`,
        );
      }
    }
    log.record({
      area: 'crash',
      fault,
      tried: points.length,
      expected: 'each real change once; each alert delivered once per recipient; none left pending or claimed',
      observed: `crashed ${[...where].map(([k, n]) => `${k} ×${n}`).join(', ')}; ${failures.length} runs differed from the reference; ${resent} re-sends with the same Message-ID (crash after the provider accepted)`,
      dataLost: lost,
      falseAlerts,
    });
    return failures;
  }

  it(`${RUNS} seeded crashes anywhere: every real change once, every alert sent once, nothing stuck`, async () => {
    const random = seededRandom(SEED);
    const points = Array.from({ length: RUNS }, (): [number, boolean] => [
      1 + Math.floor(random() * reference.calls),
      random() < 0.5,
    ]);
    const fault = `process killed at a seeded random call (of ${reference.calls}) of a t0+t1 cycle and its delivery, before or after the call; then a fresh run`;
    expect(await crashRuns(points, fault)).toEqual([]);
  });

  it('crashes around every send and the t1 change+alert transactions: still once each', async () => {
    const calls = reference.trace.map((at, i) => ({ at, n: i + 1 }));
    const sends = calls.filter((c) => c.at === 'mailer.send');
    const t1Start = reference.trace.indexOf('fetcher.get', calls.filter((c) => c.at === 'mailer.send')[0]?.n ?? 0);
    const writes = calls.filter((c) => c.at === 'store.recordChange' && c.n > t1Start);
    const pick = seededRandom(SEED + 1);
    const chosenWrites = writes.filter(() => pick() < 0.4).slice(0, 2);
    const points: [number, boolean][] = [
      [sends[0].n, false],
      ...sends.map((c): [number, boolean] => [c.n, true]),
      ...chosenWrites.map((c): [number, boolean] => [c.n, true]),
    ];
    const fault = `process killed just before the first send, just after each of the ${sends.length} sends (provider accepted, not yet recorded) and just after ${chosenWrites.length} t1 change+alert transactions`;
    expect(await crashRuns(points, fault)).toEqual([]);
  });
});
