/**
 * Monthly AWS bill from the measured counts. Prices are eu-west-2 (London) on-demand list prices
 * as known on PRICES_AS_OF, before free tiers; they must be checked against the AWS pricing pages
 * before anyone relies on them. Every assumption that is not a measurement is named here.
 */
import type { CycleBenchResult, CycleMetrics } from './cycle-bench';
import { mean } from './measure';

export const PRICES_AS_OF = '2025-06 (after the November 2024 DynamoDB on-demand price cut)';

export const PRICES = {
  lambdaGbSecondArm: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  dynamoPerMillionWrites: 0.7063,
  dynamoPerMillionReads: 0.1413,
  dynamoGbMonth: 0.29,
  sesPerThousand: 0.1,
  schedulerPerMillion: 1.0,
  logsIngestPerGb: 0.57,
} as const;

export const ASSUMPTIONS = {
  /** Minutes between runs per schedule group (issue 8: GOV.UK 15 min, Parliament hourly, legislation daily). */
  scheduleMinutes: { govuk: 15, parliament: 60, legislation: 1440, default: 15 } as Record<string, number>,
  /** Time GOV.UK takes to answer one request from Lambda (not measurable offline). */
  networkMsPerRequest: 150,
  /** Changed documents per source per day (generous for correspondence lists). */
  changesPerSourcePerDay: 1,
  lambdaMemoryMb: 256,
  /** Runtime set-up on a cold start besides loading the bundle (clients, config). */
  coldStartExtraMs: 150,
  /** Lambda's own START/END/REPORT lines per invocation. */
  platformLogBytes: 350,
  recipients: 1,
  days: 30,
} as const;

export interface PerSource {
  requests: number;
  bytes: number;
  rcu: number;
  ms: number;
  logBytes: number;
}

export interface UnitCosts {
  quiet: PerSource;
  heartbeatWcu: number;
  perChange: { requests: number; rcu: number; wcu: number; ms: number; alerts: number };
  naivePerSource: PerSource & { wcu: number };
  storedKbPerDocument: number;
  loadMs: number;
}

/** Per-source and per-change unit costs, from the product's and the naive monitor's cycles. */
export function unitCosts(r: CycleBenchResult, loadMs: number): UnitCosts {
  const product = r.cycles.filter((c) => c.mode === 'product');
  const unchanged = product.filter((c) => c.kind === 'unchanged');
  const quietCycle = unchanged.reduce((a, b) => (b.wcu < a.wcu ? b : a), unchanged[0]);
  const per = (c: CycleMetrics): PerSource => ({
    requests: c.requests / r.sources,
    bytes: c.bytes / r.sources,
    rcu: c.rcu / r.sources,
    ms: c.ms / r.sources,
    logBytes: c.logBytes / r.sources,
  });
  const quiet = per(quietCycle);
  // The hourly state heartbeat: a cycle that wrote source state but no document.
  const beat = product.find((c) => c.kind !== 'baseline' && c.stateWrites > 0 && c.documentWrites === 0);
  const heartbeatWcu = beat ? beat.wcu / beat.stateWrites : 1;
  const changed = product.filter((c) => c.kind === 'changed' && c.changedPublications > 0);
  // What a changed publication adds to a quiet cycle (its detail, its attachment, its transaction).
  const perChange = (f: (c: CycleMetrics) => number, quietTotal: number) =>
    mean(changed.map((c) => (f(c) - quietTotal) / c.changedPublications));
  const naive = r.cycles.filter((c) => c.mode === 'naive' && c.kind !== 'baseline');
  const baseline = product.find((c) => c.kind === 'baseline')!;
  return {
    quiet,
    heartbeatWcu,
    perChange: {
      requests: perChange((c) => c.requests, quietCycle.requests),
      rcu: perChange((c) => c.rcu, quietCycle.rcu),
      wcu: perChange((c) => c.wcu - c.stateWrites * heartbeatWcu, 0),
      ms: perChange((c) => c.ms, quietCycle.ms),
      alerts: perChange((c) => c.alerts, 0),
    },
    naivePerSource: { ...per(naive[naive.length - 1]), wcu: mean(naive.map((c) => c.wcu)) / r.sources },
    // Transactional writes cost 2 WCU per KB (index copies included, which DynamoDB also bills as storage).
    storedKbPerDocument: baseline.wcu / 2 / r.documents,
    loadMs,
  };
}

export interface Scenario {
  name: string;
  /** Sources per schedule group. */
  groups: Record<string, number>;
  documentsPerSource: number;
  strategy: 'product' | 'naive';
}

export interface Bill {
  scenario: Scenario;
  invocations: number;
  gbSeconds: number;
  httpRequests: number;
  readUnits: number;
  writeUnits: number;
  storageGb: number;
  emails: number;
  logGb: number;
  cost: Record<string, number>;
  total: number;
}

export function monthlyBill(s: Scenario, u: UnitCosts): Bill {
  const a = ASSUMPTIONS;
  const minutes = a.days * 24 * 60;
  let invocations = 0;
  let ms = 0;
  let httpRequests = 0;
  let readUnits = 0;
  let writeUnits = 0;
  let logBytes = 0;
  let sources = 0;
  for (const [group, count] of Object.entries(s.groups)) {
    if (!count) continue;
    sources += count;
    const interval = a.scheduleMinutes[group] ?? a.scheduleMinutes.default;
    const cycles = minutes / interval;
    invocations += cycles;
    const perSource = s.strategy === 'product' ? u.quiet : u.naivePerSource;
    const requests = cycles * count * perSource.requests;
    httpRequests += requests;
    readUnits += cycles * count * perSource.rcu;
    // The product writes a source's state at most hourly when nothing changes; the naive monitor rewrites everything.
    writeUnits +=
      s.strategy === 'product'
        ? Math.min(cycles, minutes / 60) * count * u.heartbeatWcu
        : cycles * count * u.naivePerSource.wcu;
    ms += cycles * (u.loadMs + a.coldStartExtraMs) + cycles * count * perSource.ms + requests * a.networkMsPerRequest;
    logBytes += cycles * (count * perSource.logBytes + a.platformLogBytes);
  }
  const changes = sources * a.changesPerSourcePerDay * a.days;
  if (s.strategy === 'product') {
    httpRequests += changes * u.perChange.requests;
    readUnits += changes * u.perChange.rcu;
    writeUnits += changes * u.perChange.wcu;
    ms += changes * (u.perChange.ms + u.perChange.requests * a.networkMsPerRequest);
  }
  const emails = changes * u.perChange.alerts * a.recipients;
  const gbSeconds = (ms / 1000) * (a.lambdaMemoryMb / 1024);
  // Stored: every document once, plus each month's new versions and changes.
  // Plain puts cost 1 WCU per KB, transactional ones 2: so the month's writes give what it adds.
  const storedKb =
    sources * s.documentsPerSource * u.storedKbPerDocument +
    (s.strategy === 'product' ? changes * (u.perChange.wcu / 2) : writeUnits);
  const storageGb = storedKb / 1024 / 1024;
  const logGb = logBytes / 1024 ** 3;
  const p = PRICES;
  const cost = {
    'Lambda compute': gbSeconds * p.lambdaGbSecondArm,
    'Lambda requests': (invocations / 1e6) * p.lambdaPerMillionRequests,
    'DynamoDB reads': (readUnits / 1e6) * p.dynamoPerMillionReads,
    'DynamoDB writes': (writeUnits / 1e6) * p.dynamoPerMillionWrites,
    'DynamoDB storage': storageGb * p.dynamoGbMonth,
    'SES e-mail': (emails / 1000) * p.sesPerThousand,
    Scheduler: (invocations / 1e6) * p.schedulerPerMillion,
    'CloudWatch Logs': logGb * p.logsIngestPerGb,
  };
  return {
    scenario: s,
    invocations,
    gbSeconds,
    httpRequests,
    readUnits,
    writeUnits,
    storageGb,
    emails,
    logGb,
    cost,
    total: Object.values(cost).reduce((x, y) => x + y, 0),
  };
}

/** What a hosted page monitor charges; an estimate from the vendors' published plans as known. */
export const HOSTED_MONITOR = {
  name: 'changedetection.io hosted plan',
  pricePerMonthUsd: 8.99,
  asOf: '2024, as published then; check the vendor page',
  note:
    'one subscription; checks every watched page on its own schedule, so it fetches every document every ' +
    "cycle (the naive strategy) from the vendor's servers",
};
