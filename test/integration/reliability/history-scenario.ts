/**
 * One replay timeline, observed from outside: the routes served at each step, what each cycle
 * reported, and the store and the SMTP server's mail before and after. The history and list-fault
 * tests record these figures in the reliability report, then assert on them.
 */
import type { Route } from '../../../devtools/replay/replay-server';
import type { Config } from '../../../lambdas/config';
import type { SourceOutcome } from '../../../lambdas/core/model';
import type { Store } from '../../../lambdas/core/ports';
import { startHarness, type Harness } from '../../support/harness';
import type { Received } from '../../support/smtp-sink';
import { alertsRaised, emailFigures, snapshotOf, storeFigures, type Snapshot } from './observe';
import type { Measured } from './reliability-report';
import { sourceDeclarations } from '../../../lambdas/sources/declarations';

export interface Timeline {
  h: Harness;
  /** After the first (baseline) step. */
  before: Snapshot;
  after: Snapshot;
  /** Per step after the baseline: the alert types raised, sorted. */
  types: string[][];
  outcomes: SourceOutcome[][];
  received: Received[];
}

export interface TimelineOptions {
  /** Raw source entries (validated by their kind's schema). */
  sources: { id: string; kind: string }[];
  /** Include these configured sources too (e.g. a BSCC source, to see it unaffected). */
  alsoConfigured?: string[];
  /** Routes served at each step; step 0 is the baseline. `null` keeps the previous step's. */
  steps: (Route[] | null)[];
  /** Replay step of the demo to serve beneath the routes at each step (default t0). */
  replaySteps?: string[];
  store?: (store: Store, step: number) => Store;
}

export async function runTimeline(o: TimelineOptions): Promise<Timeline> {
  const config = (c: Config): Config => ({
    ...c,
    sources: [
      ...o.sources.map((s) => sourceDeclarations[s.kind].schema.parse(s)),
      ...c.sources.filter((s) => o.alsoConfigured?.includes(s.id)),
    ],
  });
  const h = await startHarness({ config, smtp: true, tablePrefix: 'history' });
  const ids = [...o.sources.map((s) => s.id), ...(o.alsoConfigured ?? [])];
  let routes: Route[] = [];
  const types: string[][] = [];
  const outcomes: SourceOutcome[][] = [];
  let before: Snapshot | null = null;
  let mark = 0;
  for (const [i, step] of o.steps.entries()) {
    h.replay.setStep(o.replaySteps?.[i] ?? 't0');
    routes = step ?? routes;
    h.replay.override(...routes);
    const deps = o.store ? { ...h.runtime, store: o.store(h.runtime.store, i) } : undefined;
    const report = await h.cycle(undefined, deps);
    if (i === 0) {
      before = await snapshotOf(h.runtime.store, ids);
      mark = h.sink!.received.length;
      continue;
    }
    outcomes.push(report.outcomes);
    types.push(report.delivery.sent.map((a) => a.type).sort());
  }
  const after = await snapshotOf(h.runtime.store, ids);
  return { h, before: before!, after, types, outcomes, received: h.sink!.received.slice(mark) };
}

/** What a timeline measured: the store before and after, the alerts raised, the mail received. */
export function timelineFigures(t: Timeline, alertsExpected: number, offContract: number): Measured {
  const raised = alertsRaised(t.before, t.after);
  const recipients = t.h.config.alerts.to;
  const pairs = raised.flatMap((a) => recipients.map((to) => `${to} ${a.changeId}`));
  return {
    ...storeFigures(t.before, t.after),
    alertsExpected,
    alertsRaised: raised.length,
    ...emailFigures(t.received, pairs),
    offContract,
  };
}
