/** Each unexpanded alert becomes its delivery rows: who gets one, on which channel, in which digest. */
import type { DeliverDeps, DeliveryStep } from '../../../lambdas/core/delivery-context';
import { emptyReport } from '../../../lambdas/core/delivery-context';
import { digestSlot } from '../../../lambdas/core/delivery-rows';
import { ProcwatchError } from '../../../lambdas/core/errors';
import { expandAlerts } from '../../../lambdas/core/expand-alerts';
import type { Alert, Change } from '../../../lambdas/core/model';
import type { ExpandOutcome, ExpansionTarget } from '../../../lambdas/core/ports';
import type { Subscriber } from '../../../lambdas/core/subscribers';

const NOW = new Date('2026-03-02T09:00:00Z');

const alert = (id: string, over: Partial<Alert> = {}): Alert => ({
  alertId: id,
  changeId: `change-${id}`,
  type: 'new-correspondence',
  sourceId: 'bscc-correspondence',
  createdAt: '2026-03-02T07:30:00Z',
  subject: `Letter ${id}`,
  priority: 'normal',
  ...over,
});

const changeOf = (a: Alert): Change =>
  ({ changeId: a.changeId, sourceId: a.sourceId, keywords: [{ term: 'Hikvision', excerpt: '…' }] }) as Change;

interface Call {
  alertId: string;
  targets: ExpansionTarget[];
  at: Date;
}

/** Deps whose outbox holds `alerts` unexpanded and answers each expand() with the next of `outcomes`. */
function rig(alerts: Alert[], outcomes: ExpandOutcome[] = [], changes = alerts.map(changeOf)) {
  const calls: Call[] = [];
  const warnings: string[] = [];
  const steps: [DeliveryStep, string][] = [];
  const deps = {
    clock: { now: () => NOW, sleep: async () => {} },
    outbox: {
      listUnexpanded: async () => alerts,
      expand: async (a: Alert, targets: ExpansionTarget[], at: Date) => {
        calls.push({ alertId: a.alertId, targets, at });
        return outcomes.shift() ?? { outcome: 'expanded' };
      },
    },
    store: { getChange: async (id: string) => changes.find((c) => c.changeId === id) ?? null },
    logger: { info: () => {}, error: () => {}, warn: (m: string) => warnings.push(m) },
    onStep: (step: DeliveryStep, id: string) => steps.push([step, id]),
  } as unknown as DeliverDeps;
  return { deps, calls, warnings, steps, report: emptyReport() };
}

const now: Subscriber = { email: 'now@example.org', frequency: 'immediate' };
const daily: Subscriber = { email: 'daily@example.org', frequency: 'daily', digestHour: 8 };
const hooked: Subscriber = {
  email: 'hooked@example.org',
  frequency: 'daily',
  webhooks: [
    { id: 'slack', url: 'https://hooks.example.org/a', format: 'slack' },
    { id: 'ours', url: 'https://hooks.example.org/b', format: 'generic' },
  ],
};

describe('expandAlerts', () => {
  it('gives an immediate subscriber a row of its own, a daily one the next digest, each webhook a row', async () => {
    const a = alert('a');
    const { deps, calls, report, steps } = rig([a]);
    await expandAlerts(deps, async () => [now, daily, hooked], report);
    expect(calls).toEqual([
      {
        alertId: 'a',
        at: NOW,
        targets: [
          { recipient: 'now@example.org', channel: 'email' },
          // Raised at 07:30 London time, before the 08:00 digest: it joins today's.
          { recipient: 'daily@example.org', channel: 'email', digest: digestSlot(daily, a.createdAt) },
          { recipient: 'hooked@example.org', channel: 'email', digest: digestSlot(hooked, a.createdAt) },
          { recipient: 'webhook:slack', channel: 'webhook' },
          { recipient: 'webhook:ours', channel: 'webhook' },
        ],
      },
    ]);
    expect(calls[0].targets[1].digest?.subjectId).toMatch(/^digest-2026-03-02-/);
    expect(report.expanded).toBe(1);
    expect(steps).toEqual([['expanded', 'a']]);
  });

  it('leaves out people whose rules do not want the alert, and the ones who unsubscribed', async () => {
    const { deps, calls, report } = rig([alert('a')]);
    const others: Subscriber[] = [
      { ...now, email: 'bills@example.org', sources: ['procurement-bills'] },
      { ...now, email: 'left@example.org', unsubscribedAt: '2026-01-01T00:00:00Z' },
      now,
    ];
    await expandAlerts(deps, async () => others, report);
    expect(calls.map((c) => c.targets.map((t) => t.recipient))).toEqual([['now@example.org']]);
  });

  it('expands every unexpanded alert, and counts only those this run expanded', async () => {
    const { deps, calls, report, steps } = rig([alert('a'), alert('b')], [{ outcome: 'already' }]);
    await expandAlerts(deps, async () => [now], report);
    expect(calls.map((c) => c.alertId)).toEqual(['a', 'b']);
    // Another sender expanded "a" first: not counted here, but the step is still passed.
    expect(report.expanded).toBe(1);
    expect(steps).toEqual([
      ['expanded', 'a'],
      ['expanded', 'b'],
    ]);
  });

  it('expands an alert whose change is gone to no one, with a warning, without asking who is subscribed', async () => {
    const { deps, calls, warnings, report } = rig([alert('a')], [], []);
    const people = jest.fn(async () => [now]);
    await expandAlerts(deps, people, report);
    expect(calls).toEqual([{ alertId: 'a', at: NOW, targets: [] }]);
    expect(warnings).toHaveLength(1);
    expect(people).not.toHaveBeenCalled();
  });

  it('moves a daily subscriber to a later digest when theirs is already on its way, and no one else', async () => {
    const a = alert('a');
    const other: Subscriber = { email: 'other@example.org', frequency: 'daily', digestHour: 8 };
    const closed = digestSlot(daily, a.createdAt).subjectId;
    const { deps, calls, report } = rig(
      [a],
      [
        { outcome: 'closed', digests: [closed] },
        { outcome: 'closed', digests: [closed] },
      ],
    );
    await expandAlerts(deps, async () => [now, daily, other], report);
    const digestOf = (c: Call, who: string) => c.targets.find((t) => t.recipient === who)?.digest;
    expect(calls).toHaveLength(3);
    // The second try moves "daily" one digest on; its digest id changed, so the third try moves it no further.
    expect(digestOf(calls[1], 'daily@example.org')).toEqual(digestSlot(daily, a.createdAt, 1));
    expect(digestOf(calls[2], 'daily@example.org')).toEqual(digestSlot(daily, a.createdAt, 1));
    expect(calls.map((c) => digestOf(c, 'other@example.org'))).toEqual(Array(3).fill(digestSlot(other, a.createdAt)));
    expect(calls[2].targets[0]).toEqual({ recipient: 'now@example.org', channel: 'email' });
    expect(report.expanded).toBe(1);
  });

  it('gives up with a delivery error when every later digest keeps being sent first', async () => {
    const a = alert('a');
    // Each try, the digest the alert was just moved to is already closed too.
    const outcomes: ExpandOutcome[] = Array.from({ length: 20 }, (_, later) => ({
      outcome: 'closed',
      digests: [digestSlot(daily, a.createdAt, later).subjectId],
    }));
    const { deps, calls, report } = rig([a], outcomes);
    const run = expandAlerts(deps, async () => [daily], report);
    await expect(run).rejects.toThrow(ProcwatchError);
    await expect(run).rejects.toMatchObject({ code: 'delivery' });
    // The first try and seven later digests: a week of them.
    expect(calls).toHaveLength(8);
    expect(calls[7].targets[0].digest).toEqual(digestSlot(daily, a.createdAt, 7));
    expect(report.expanded).toBe(0);
  });
});
