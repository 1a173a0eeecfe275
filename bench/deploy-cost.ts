/**
 * The deployed stack's monthly bill at the default configuration: invocations, memory, alarms and
 * secrets read from the synthesized template (what deploys), request and capacity counts from the
 * benchmark's measurements, list prices from cost-model.ts. Written into docs/deploy.md's
 * "Cost per month" between its markers by `npm run bench`, so no figure there is copied by hand.
 */
import type { BundleFigure } from './bundle-bench';
import { ASSUMPTIONS, PRICES, type UnitCosts } from './cost-model';
import type { CycleBenchResult } from './cycle-bench';
import { problemMetricHours } from './metric-hours';

interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
}

export interface StackCounts {
  /** Function logical id → memory (MB), handler name (from the id), monthly invocations by schedule. */
  functions: { id: string; handler: string; memoryMb: number; invocations: number }[];
  alarms: number;
  alarmMetrics: number;
  customMetrics: number;
  secretsManagerSecrets: number;
  ssmParameters: number;
  pitr: boolean;
}

/** Monthly API prices beyond cost-model.ts's: alarms, custom metrics, secrets, HTTP API requests. */
export const STACK_PRICES = {
  alarmMetric: 0.1,
  customMetric: 0.3,
  secretsManagerSecret: 0.4,
  httpApiPerMillion: 1.0,
} as const;

/** Not measurable offline: people reading the change log. */
export const API_REQUESTS_PER_MONTH = 10_000;

/** Runs a month of one EventBridge Scheduler expression: `rate(n minutes|hours)` or a six-field cron. */
export function runsPerMonth(expression: string, days = ASSUMPTIONS.days): number {
  const rate = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
  if (rate) return (days * 24 * 60) / (Number(rate[1]) * { minute: 1, hour: 60, day: 1440 }[rate[2] as 'minute']);
  const cron = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/.exec(expression);
  if (!cron) throw new Error(`unknown schedule expression ${expression}`);
  const [, minutes, hours, dayOfMonth, , dayOfWeek] = cron;
  if (!['*', '?'].includes(dayOfMonth) || !['*', '?'].includes(dayOfWeek))
    throw new Error(`only daily crons are costed: ${expression}`);
  return days * values(hours, 24) * values(minutes, 60);
}

/** How many values a cron field takes in 0…size-1: `*`, `n`, `a,b`, `a-b`, `a/step`, `*\/step`. */
function values(field: string, size: number): number {
  return field.split(',').reduce((n, part) => {
    const [range, step] = part.split('/');
    const [from, to] =
      range === '*'
        ? [0, size - 1]
        : range
            .split('-')
            .map(Number)
            .concat(step ? [size - 1] : []);
    return n + Math.floor(((to ?? from) - from) / Number(step ?? 1)) + 1;
  }, 0);
}

export function stackCounts(template: { Resources: Record<string, Resource> }): StackCounts {
  const all = Object.entries(template.Resources);
  const of = (type: string) => all.filter(([, r]) => r.Type === type);
  const invocations = new Map<string, number>();
  for (const [, r] of of('AWS::Scheduler::Schedule')) {
    const target = (r.Properties!.Target as { Arn: { 'Fn::GetAtt': [string, string] } }).Arn['Fn::GetAtt'][0];
    const runs = runsPerMonth(String(r.Properties!.ScheduleExpression));
    invocations.set(target, (invocations.get(target) ?? 0) + runs);
  }
  let alarmMetrics = 0;
  const custom = new Set<string>();
  for (const [, r] of of('AWS::CloudWatch::Alarm')) {
    const p = r.Properties as { Namespace?: string; MetricName?: string; Dimensions?: unknown; Metrics?: unknown[] };
    // A metric-math alarm is billed per metric it reads; a plain alarm reads one.
    const stats = p.Metrics
      ? (p.Metrics as { MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions?: unknown } } }[])
          .filter((m) => m.MetricStat)
          .map((m) => m.MetricStat!.Metric)
      : [{ Namespace: p.Namespace!, MetricName: p.MetricName!, Dimensions: p.Dimensions }];
    alarmMetrics += stats.length;
    for (const m of stats) if (!m.Namespace.startsWith('AWS/')) custom.add(JSON.stringify(m));
  }
  return {
    functions: of('AWS::Lambda::Function').map(([id, r]) => ({
      id,
      // Each function's role is described "<handler>: <what it does>" (lib/constructs/handler-function.ts).
      handler: String(
        template.Resources[(r.Properties!.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0]].Properties!.Description,
      ).split(':')[0],
      memoryMb: Number(r.Properties!.MemorySize ?? 128),
      invocations: invocations.get(id) ?? 0,
    })),
    alarms: of('AWS::CloudWatch::Alarm').length,
    alarmMetrics,
    customMetrics: custom.size,
    secretsManagerSecrets: of('AWS::SecretsManager::Secret').length,
    ssmParameters: of('AWS::SSM::Parameter').length,
    // TableV2 synthesizes a global table: the setting is per replica.
    pitr: [...of('AWS::DynamoDB::Table'), ...of('AWS::DynamoDB::GlobalTable')].some(([, r]) =>
      [r.Properties, ...((r.Properties?.Replicas as Record<string, unknown>[] | undefined) ?? [])].some(
        (p) =>
          (p?.PointInTimeRecoverySpecification as { PointInTimeRecoveryEnabled?: boolean } | undefined)
            ?.PointInTimeRecoveryEnabled,
      ),
    ),
  };
}

export interface BillInput {
  counts: StackCounts;
  /** Schedule group → its expression and number of sources, as deployed (deploy-settings.ts). */
  groups: Record<string, { expression: string; sources: number }>;
  units: UnitCosts;
  cycles: CycleBenchResult;
  bundles: BundleFigure[];
  documentsPerSource: number;
  /** One change-log page: measured by the query bench. */
  query: { ms: number; rcu: number };
}

export interface BillLine {
  item: string;
  count: string;
  usd: number;
  /** What is left once AWS's always-free monthly allowances are taken off. */
  freeUsd: number;
}

const GB = 1024 ** 3;

export function deployBill(b: BillInput): { lines: BillLine[]; total: number; freeTotal: number } {
  const a = ASSUMPTIONS;
  const p = PRICES;
  const u = b.units;
  const fn = (handler: string) => b.counts.functions.find((f) => f.handler === handler)!;
  const load = (handler: string) => b.bundles.find((x) => x.handler === handler)?.loadMsP50 ?? 0;
  const gbS = (ms: number, handler: string) => (ms / 1000) * (fn(handler).memoryMb / 1024);
  let checkRuns = 0;
  let checkMs = 0;
  let reads = 0;
  let writes = 0;
  let logBytes = 0;
  let sources = 0;
  for (const [group, { expression, sources: n }] of Object.entries(b.groups)) {
    const runs = runsPerMonth(expression);
    sources += n;
    checkRuns += runs;
    const requests = runs * n * u.quiet.requests;
    // Each run is billed a cold start of its group's own function (the every-kind figure where none was measured).
    const coldMs = load(`check-${group}`) || load('check-sources');
    checkMs += runs * (coldMs + a.coldStartExtraMs) + runs * n * u.quiet.ms;
    checkMs += requests * a.networkMsPerRequest;
    reads += runs * n * u.quiet.rcu;
    // A quiet source's state is rewritten at most hourly (the heartbeat).
    writes += Math.min(runs, a.days * 24) * n * u.heartbeatWcu;
    logBytes += runs * (n * u.quiet.logBytes + a.platformLogBytes);
  }
  const changes = sources * a.changesPerSourcePerDay * a.days;
  reads += changes * u.perChange.rcu;
  writes += changes * u.perChange.wcu;
  checkMs += changes * (u.perChange.ms + u.perChange.requests * a.networkMsPerRequest);
  const emails = changes * u.perChange.alerts * a.recipients;
  // The sender: a quiet run on every tick, and what each message adds (measured on the bench's table).
  const { busy, quiet } = b.cycles.deliveries;
  const perMessage = (f: (r: typeof busy) => number) => (busy.messages ? (f(busy) - f(quiet)) / busy.messages : 0);
  const sendRuns = fn('send-alerts').invocations;
  const sendMs = sendRuns * (load('send-alerts') + a.coldStartExtraMs + quiet.ms) + emails * perMessage((r) => r.ms);
  reads += sendRuns * quiet.rcu + emails * perMessage((r) => r.rcu);
  writes += sendRuns * quiet.wcu + emails * perMessage((r) => r.wcu);
  logBytes += sendRuns * (quiet.logBytes + a.platformLogBytes) + emails * perMessage((r) => r.logBytes);
  const apiMs = API_REQUESTS_PER_MONTH * (b.query.ms + a.coldStartExtraMs);
  reads += API_REQUESTS_PER_MONTH * b.query.rcu;
  const gbSeconds = gbS(checkMs, 'check-sources') + gbS(sendMs, 'send-alerts') + gbS(apiMs, 'query-api');
  const invocations = checkRuns + sendRuns + API_REQUESTS_PER_MONTH;
  const storedGb =
    (sources * b.documentsPerSource * u.storedKbPerDocument + changes * (u.perChange.wcu / 2)) / 1024 ** 2;
  const c = b.counts;
  const f = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits });
  const lines: BillLine[] = [
    line('Lambda compute', `${f(gbSeconds, 1)} GB-s`, gbSeconds * p.lambdaGbSecondArm, gbSeconds <= 400_000),
    line(
      'Lambda requests',
      `${f(invocations)} invocations`,
      (invocations / 1e6) * p.lambdaPerMillionRequests,
      invocations <= 1e6,
    ),
    line(
      'EventBridge Scheduler',
      `${f(checkRuns + sendRuns)} runs`,
      ((checkRuns + sendRuns) / 1e6) * p.schedulerPerMillion,
      true,
    ),
    line('DynamoDB reads', `${f(reads)} read units`, (reads / 1e6) * p.dynamoPerMillionReads, false),
    line('DynamoDB writes', `${f(writes)} write units`, (writes / 1e6) * p.dynamoPerMillionWrites, false),
    line('DynamoDB storage', `${storedGb.toFixed(3)} GB`, storedGb * p.dynamoGbMonth, storedGb <= 25),
    line('Point-in-time recovery', c.pitr ? `${storedGb.toFixed(3)} GB` : 'off', c.pitr ? storedGb * 0.2 : 0, false),
    line('SES e-mail', `${f(emails)} messages`, (emails / 1000) * p.sesPerThousand, false),
    line(
      'CloudWatch Logs',
      `${(logBytes / GB).toFixed(4)} GB`,
      (logBytes / GB) * p.logsIngestPerGb,
      logBytes <= 5 * GB,
    ),
    line(
      'Change-log API (HTTP API)',
      `${f(API_REQUESTS_PER_MONTH)} requests (assumed)`,
      (API_REQUESTS_PER_MONTH / 1e6) * STACK_PRICES.httpApiPerMillion,
      false,
    ),
    {
      item: 'CloudWatch alarms',
      count: `${c.alarms} alarms, ${c.alarmMetrics} metrics`,
      usd: c.alarmMetrics * STACK_PRICES.alarmMetric,
      freeUsd: Math.max(0, c.alarmMetrics - 10) * STACK_PRICES.alarmMetric,
    },
    metricLine(b, checkRuns, sendRuns),
    line(
      'Secrets Manager',
      `${c.secretsManagerSecrets} secrets`,
      c.secretsManagerSecrets * STACK_PRICES.secretsManagerSecret,
      false,
    ),
    line('SSM Parameter Store', `${c.ssmParameters} standard parameters`, 0, true),
  ];
  const sum = (k: 'usd' | 'freeUsd') => lines.reduce((t, l) => t + l[k], 0);
  return { lines, total: sum('usd'), freeTotal: sum('freeUsd') };
}

/**
 * The alarmed custom metric, prorated by the hours it is published: those the measured runs' EMF lines
 * give (the checker's cycles, the sender's runs with its stale-group look), plus the assumed ones.
 */
function metricLine(b: BillInput, checkRuns: number, sendRuns: number): BillLine {
  const product = b.cycles.cycles.filter((c) => c.mode === 'product');
  const sends = [b.cycles.deliveries.busy, b.cycles.deliveries.quiet];
  const hours = problemMetricHours([
    {
      handler: 'check-sources',
      runs: product.length,
      runsWithProblems: product.filter((c) => c.problemLines > 0).length,
      monthlyInvocations: checkRuns,
    },
    {
      handler: 'send-alerts',
      runs: sends.length,
      runsWithProblems: sends.filter((r) => r.problemLines > 0).length,
      monthlyInvocations: sendRuns,
    },
  ]);
  const n = b.counts.customMetrics;
  const usd = n * (hours.billed / hours.hoursInMonth) * STACK_PRICES.customMetric;
  const everyHour = n * STACK_PRICES.customMetric;
  return {
    item: 'Custom metrics (alarmed, prorated by the hour)',
    count:
      `${n} × ${hours.billed.toFixed(0)} metric-hours: ${hours.measured.toFixed(0)} measured ` +
      `(${hours.runsWithProblems} of ${hours.runs} bench runs wrote Problems) + ${hours.assumed} assumed; ` +
      `every hour: $${everyHour.toFixed(2)}`,
    usd,
    freeUsd: n ? (Math.max(0, n - 10) / n) * usd : 0,
  };
}

function line(item: string, count: string, usd: number, free: boolean): BillLine {
  return { item, count, usd, freeUsd: free ? 0 : usd };
}

export const COST_TABLE_START = '<!-- cost-table:start -->';
export const COST_TABLE_END = '<!-- cost-table:end -->';

const usd = (n: number) => (n < 0.01 && n > 0 ? `$${n.toFixed(4)}` : `$${n.toFixed(2)}`);

export function renderCostTable(bill: ReturnType<typeof deployBill>, generatedBy: string): string {
  return [
    `Generated by \`${generatedBy}\` (bench/deploy-cost.ts); list prices in bench/cost-model.ts.`,
    '',
    '| item | per month | list price | with the always-free tier |',
    '|---|---|---:|---:|',
    ...bill.lines.map((l) => `| ${l.item} | ${l.count} | ${usd(l.usd)} | ${usd(l.freeUsd)} |`),
    `| **total** | | **${usd(bill.total)}** | **${usd(bill.freeTotal)}** |`,
  ].join('\n');
}

/** docs/deploy.md with the table between its markers replaced; the rest of the file is left as it is. */
export function withCostTable(markdown: string, table: string): string {
  const start = markdown.indexOf(COST_TABLE_START);
  const end = markdown.indexOf(COST_TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`docs/deploy.md has no ${COST_TABLE_START} … ${COST_TABLE_END} markers`);
  return `${markdown.slice(0, start + COST_TABLE_START.length)}\n${table}\n${markdown.slice(end)}`;
}
