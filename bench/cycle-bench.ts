/**
 * Cycle cost: the real runtime (openRuntime → runCycle, DynamoDB Local, undici fetcher) against a
 * generated replay corpus, cycle after cycle, and the naive page monitor over the same steps.
 * Rate limits are set to zero so the run measures compute; the time the real limits would add is
 * computed from the request counts per bucket.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRuntime, type Runtime } from '../lambdas/composition';
import { allSitesAt, parseConfig, type Config } from '../lambdas/config';
import { runCycle } from '../lambdas/core/run-cycle';
import { deliveryRuns, type DeliveryRun } from './delivery-runs';
import type { Clock, Mailer } from '../lambdas/core/ports';
import { JsonLogger } from '../lambdas/adapters/log/json-logger';
import { EmfMetrics } from '../lambdas/adapters/log/emf-metrics';
import { isProblemLine } from './metric-hours';
import { DEFAULT_INTERVALS_MS } from '../lambdas/adapters/http/rate-limiter';
import { ReplayServer } from '../devtools/replay/replay-server';
import { cycleInput } from '../lambdas/cycle-input';
import { sourceKinds } from '../lambdas/sources';
import { BatchWriter } from './batch-writer';
import { ReplayCorpus, type StepSummary } from './corpus';
import { withMemoryPeak } from './measure';
import { naiveCycle } from './naive-monitor';

export interface CycleBenchOptions {
  endpoint: string;
  sources: number;
  documentsPerSource: number;
  attachmentEvery: number;
  /** Cycles with `fraction` of publications edited, after the baseline. */
  changedCycles: number;
  unchangedCycles: number;
  fraction: number;
  /** The naive monitor runs the baseline and this many of the changed steps (its cost is flat). */
  naiveCycles: number;
  log?: (line: string) => void;
}

export type CycleKind = 'baseline' | 'changed' | 'unchanged';

export interface CycleMetrics {
  mode: 'product' | 'naive';
  step: string;
  kind: CycleKind;
  changedPublications: number;
  requests: number;
  requestsByBucket: Record<string, number>;
  listingRequests: number;
  bytes: number;
  rcu: number;
  wcu: number;
  /** Document/change writes: TransactWriteItems (product) or items put (naive). */
  documentWrites: number;
  /** Source-state PutItems (the product's hourly heartbeat or a state change). */
  stateWrites: number;
  alerts: number;
  ms: number;
  /** Time the default rate limits would add: requests × spacing per bucket, sequential. */
  politeMs: number;
  peakRssMb: number;
  peakHeapMb: number;
  logBytes: number;
  /** EMF lines with a `Problems` value the run wrote (what the alarm's metric is billed on). */
  problemLines: number;
}

export interface CycleBenchResult {
  sources: number;
  documents: number;
  publications: number;
  cycles: CycleMetrics[];
  scheduleMinutes: number;
  /** The sender on the product's table after the cycles: one run delivering their alerts, one quiet. */
  deliveries: { busy: DeliveryRun; quiet: DeliveryRun };
}

const NO_WAIT = Object.fromEntries(Object.keys(DEFAULT_INTERVALS_MS).map((k) => [k, 0]));
const SCHEDULE_MINUTES = 15;

/** Real time plus a simulated offset: each cycle is 15 minutes after the last, as on the schedule. */
class ScheduleClock implements Clock {
  private offset = 0;
  private readonly started = performance.now();
  now(): Date {
    return new Date(Date.UTC(2025, 0, 1) + this.offset + Math.floor(performance.now() - this.started));
  }
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
  advance(minutes: number): void {
    this.offset += minutes * 60_000;
  }
}

const nullMailer: Mailer = { name: 'none', send: async () => ({ messageId: 'none' }) };

interface Meter {
  requests: number;
  bytes: number;
  byBucket: Record<string, number>;
  logBytes: number;
  problemLines: number;
}

export async function cycleBench(o: CycleBenchOptions): Promise<CycleBenchResult> {
  const log = o.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'procwatch-bench-'));
  const corpus = new ReplayCorpus({
    dir,
    sources: o.sources,
    documentsPerSource: o.documentsPerSource,
    attachmentEvery: o.attachmentEvery,
  });
  const steps: (StepSummary & { kind: CycleKind })[] = [{ ...corpus.writeBase(), kind: 'baseline' }];
  for (let i = 0; i < o.changedCycles; i++) steps.push({ ...corpus.writeNextStep(o.fraction), kind: 'changed' });
  for (let i = 0; i < o.unchangedCycles; i++) steps.push({ ...corpus.writeNextStep(0), kind: 'unchanged' });
  log(`corpus: ${o.sources} sources, ${corpus.documentCount} documents, ${steps.length} steps in ${dir}`);
  const replay = await new ReplayServer(dir).start('c0');
  const cycles: CycleMetrics[] = [];
  let deliveries: CycleBenchResult['deliveries'] | undefined;
  try {
    const config = benchConfig(o.sources, corpus, replay.url, 'bench-product');
    const product = await openBenchRuntime(config, o.endpoint, replay);
    try {
      for (const step of steps) {
        replay.setStep(step.step);
        const m = await measure(product, async () => {
          const input = cycleInput(config, product.rt, {
            kinds: sourceKinds,
            onProgress: (outcome) => product.rt.logger.info('source checked', { ...outcome, changes: undefined }),
          });
          const report = await runCycle(product.rt, input);
          product.rt.logger.info('cycle finished', { runId: report.runId, sources: report.outcomes.length, failed: 0 });
          const failed = report.outcomes.filter((x) => x.kind === 'failed');
          if (failed.length)
            throw new Error(`bench cycle ${step.step}: ${failed.length} sources failed: ${JSON.stringify(failed[0])}`);
          return report.outcomes.reduce((n, x) => n + (x.kind === 'updated' ? x.changes.length : 0), 0);
        });
        cycles.push({
          ...m,
          mode: 'product',
          step: step.step,
          kind: step.kind,
          changedPublications: step.changedPublications,
        });
        log(
          `product ${step.step} (${step.kind}): ${m.requests} requests, ${m.documentWrites} document writes, ` +
            `${m.ms.toFixed(0)} ms`,
        );
        product.clock.advance(SCHEDULE_MINUTES);
      }
      deliveries = await deliveryRuns(product.rt, config, (task) => measure(product, task));
    } finally {
      await product.rt.close();
    }

    const naiveConfig = benchConfig(o.sources, corpus, replay.url, 'bench-naive');
    const naive = await openBenchRuntime(naiveConfig, o.endpoint, replay);
    const writer = new BatchWriter(o.endpoint, naiveConfig.store.table);
    try {
      for (const step of steps.slice(0, 1 + o.naiveCycles)) {
        replay.setStep(step.step);
        const before = { ...writer.capacity };
        const m = await measure(naive, async () => {
          const report = await naiveCycle(
            {
              fetcher: naive.rt.fetcher,
              store: naive.rt.store,
              writer,
              kinds: sourceKinds,
              endpoints: naiveConfig.endpoints,
              now: () => naive.clock.now().toISOString(),
            },
            naiveConfig.sources,
          );
          for (const s of naiveConfig.sources)
            naive.rt.logger.info('source checked', { sourceId: s.id, documents: report.documents });
          return report.changed;
        });
        m.wcu += writer.capacity.write - before.write;
        m.documentWrites = writer.capacity.items - before.items;
        cycles.push({
          ...m,
          mode: 'naive',
          step: step.step,
          kind: step.kind,
          changedPublications: step.changedPublications,
        });
        log(
          `naive   ${step.step} (${step.kind}): ${m.requests} requests, ${m.documentWrites} items written, ` +
            `${m.ms.toFixed(0)} ms`,
        );
        naive.clock.advance(SCHEDULE_MINUTES);
      }
    } finally {
      await naive.rt.close();
    }
  } finally {
    await replay.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    sources: o.sources,
    documents: corpus.documentCount,
    publications: o.sources * o.documentsPerSource,
    cycles,
    scheduleMinutes: SCHEDULE_MINUTES,
    deliveries,
  };
}

function benchConfig(sources: number, corpus: ReplayCorpus, url: string, table: string): Config {
  return parseConfig({
    contact: 'bench@example.org',
    endpoints: allSitesAt(url),
    sources: Array.from({ length: sources }, (_, s) => ({
      id: `bench-${String(s).padStart(2, '0')}`,
      kind: 'govuk-search',
      group: 'govuk',
      organisations: [corpus.organisation(s)],
      documentTypes: ['correspondence'],
      // One page holds the whole listing (the Search API allows up to 1500).
      count: 500,
    })),
    alerts: { from: 'bench <bench@example.org>', to: ['bench@example.org'] },
    store: { table },
  });
}

interface BenchRuntime {
  rt: Runtime;
  clock: ScheduleClock;
  meter: Meter;
}

async function openBenchRuntime(config: Config, endpoint: string, replay: ReplayServer): Promise<BenchRuntime> {
  const clock = new ScheduleClock();
  const meter: Meter = { requests: 0, bytes: 0, byBucket: {}, logBytes: 0, problemLines: 0 };
  const rt = await openRuntime(config, {
    root: join(__dirname, '..'),
    dynamoEndpoint: endpoint,
    allowPrivateHosts: [replay.host],
    clock,
    mailer: nullMailer,
    // Log lines are counted, not printed: their bytes are what CloudWatch Logs would ingest.
    logger: new JsonLogger((line) => {
      meter.logBytes += Buffer.byteLength(line) + 1;
    }),
    // The handlers' own EMF writer, on the same stdout: its lines are ingested too, and show which runs
    // would publish the Problems metric.
    metrics: new EmfMetrics(
      (line) => {
        meter.logBytes += Buffer.byteLength(line) + 1;
        if (isProblemLine(line)) meter.problemLines++;
      },
      () => clock.now(),
      'bench',
    ),
    fetcher: {
      intervalsMs: NO_WAIT,
      onRequest: (r) => {
        meter.requests++;
        meter.bytes += r.bytes;
        meter.byBucket[r.bucket] = (meter.byBucket[r.bucket] ?? 0) + 1;
      },
    },
  });
  return { rt, clock, meter };
}

type Measured = Omit<CycleMetrics, 'mode' | 'step' | 'kind' | 'changedPublications'>;

async function measure(b: BenchRuntime, task: () => Promise<number>): Promise<Measured> {
  const cap = b.rt.store.capacity;
  const before = {
    read: cap.read,
    write: cap.write,
    calls: { ...cap.calls },
    meter: { ...b.meter, byBucket: { ...b.meter.byBucket } },
  };
  const { result: alerts, peak, ms } = await withMemoryPeak(task);
  const byBucket: Record<string, number> = {};
  for (const [k, v] of Object.entries(b.meter.byBucket))
    if (v - (before.meter.byBucket[k] ?? 0) > 0) byBucket[k] = v - (before.meter.byBucket[k] ?? 0);
  const calls = (op: string) => (cap.calls[op] ?? 0) - (before.calls[op] ?? 0);
  const politeMs = Object.entries(byBucket).reduce(
    (t, [bucket, n]) => t + n * (DEFAULT_INTERVALS_MS[bucket] ?? 100),
    0,
  );
  return {
    requests: b.meter.requests - before.meter.requests,
    requestsByBucket: byBucket,
    listingRequests: byBucket['govuk-search'] ?? 0,
    bytes: b.meter.bytes - before.meter.bytes,
    rcu: cap.read - before.read,
    wcu: cap.write - before.write,
    documentWrites: calls('TransactWriteItems'),
    stateWrites: calls('PutItem'),
    alerts,
    ms,
    politeMs,
    peakRssMb: peak.rssMb,
    peakHeapMb: peak.heapMb,
    logBytes: b.meter.logBytes - before.meter.logBytes,
    problemLines: b.meter.problemLines - before.meter.problemLines,
  };
}
