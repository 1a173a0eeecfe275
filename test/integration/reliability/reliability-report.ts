/**
 * The reliability table (docs/reliability.md) is written by the test run, never by hand. Each
 * reliability test records one row per fault it tried: what it did, and the figures it then
 * counted (items read back from DynamoDB Local, alerts in the store, emails the SMTP server
 * received). A figure the test cannot observe is left out and shows as "—", with the reason.
 * Record first, assert after: a row that breaks its contract still reaches the table.
 *
 * A test file calls it so (see observe.ts for the counting helpers):
 *
 *   const log = new ReliabilityLog('70-checker-defects');
 *   log.record({ area, fault, tried, expected, observed, measured: { ...storeFigures(before, after), ... } });
 *   afterAll(() => log.flush());
 *
 * Rows hold counts, never timings or dates, so a re-run that behaves the same leaves the committed
 * table unchanged. A soak run (PROCWATCH_SOAK) writes elsewhere; so does the broken-on-purpose run.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a row counted. Leave a figure out when the test cannot observe it (`unmeasured` says why). */
export interface Measured {
  /** Items read back from DynamoDB Local (documents, versions, change-log entries, alerts) before the fault… */
  storedBefore?: number;
  /** …and after it and any recovery runs. */
  storedAfter?: number;
  /** Items of `before` (or of a crash-free reference run) missing or altered afterwards. */
  lost?: number;
  alertsExpected?: number;
  /** Alerts read back from the store that the scenario raised (any status). */
  alertsRaised?: number;
  /** Messages the SMTP server accepted, parsed back with mailparser. */
  emailsReceived?: number;
  /** (change, recipient) pairs that should arrive by email (a digest carries several in one message). */
  pairsExpected?: number;
  /** Expected (change, recipient) pairs that never arrived in any email. */
  pairsMissing?: number;
  /** Extra deliveries of one change to one recipient, whatever the Message-ID (a re-sent digest: one per item). */
  duplicatesByChange?: number;
  /** Extra copies of one Message-ID to one recipient (a re-send that mail clients can fold into one). */
  duplicatesByMessageId?: number;
  /**
   * Tries (a crash run, a race, a fuzzed input) whose outcome broke the stated contract: another
   * exception than the typed one, a request sent where none may be, an email lost or doubled…
   */
  offContract?: number;
}

export interface ReliabilityRow {
  /** Where the fault was injected: fetch, ssrf, source, crash, concurrency, store, parser, injection, config… */
  area: string;
  /** What was done. */
  fault: string;
  /** How many times it was tried (inputs, runs, requests). */
  tried: number;
  expected: string;
  /** What happened, in words (errors, where crashes fell). */
  observed: string;
  measured: Measured;
  /** Why the figures left out of `measured` cannot be observed by this test. */
  unmeasured?: string;
}

export type ReportKind = 'normal' | 'broken';

const ROOT = join(__dirname, '..', '..', '..');
const soak = Boolean(process.env.PROCWATCH_SOAK);

export function reportPaths(kind: ReportKind): { results: string; report: string } {
  if (soak) {
    const name = kind === 'broken' ? 'reliability-soak-broken' : 'reliability-soak';
    return { results: join(ROOT, '.procwatch', name), report: join(ROOT, '.procwatch', `${name}.md`) };
  }
  return kind === 'broken'
    ? { results: join(__dirname, 'results-broken'), report: join(ROOT, 'docs', 'reliability-broken-on-purpose.md') }
    : { results: join(__dirname, 'results'), report: join(ROOT, 'docs', 'reliability.md') };
}

export class ReliabilityLog {
  private readonly rows: ReliabilityRow[] = [];

  /** `name` names the results file: one per test file. */
  constructor(
    private readonly name: string,
    private readonly kind: ReportKind = 'normal',
  ) {}

  record(row: ReliabilityRow): ReliabilityRow {
    for (const [key, value] of Object.entries(row.measured))
      if (value !== undefined && !(Number.isInteger(value) && value >= 0))
        throw new Error(`reliability row "${row.fault}": ${key} must be a count, got ${String(value)}`);
    if (FIGURES.some((f) => row.measured[f.keys[0]] === undefined) && !row.unmeasured)
      throw new Error(`reliability row "${row.fault}": say why the figures it leaves out cannot be measured`);
    // Loopback ports change every run; the report must not.
    const stable = { ...row, observed: row.observed.replace(/127\.0\.0\.1:\d{4,5}\b/g, 'replay') };
    this.rows.push(stable);
    return stable;
  }

  flush(): void {
    if (!this.rows.length) return;
    const { results } = reportPaths(this.kind);
    mkdirSync(results, { recursive: true });
    // Write then rename: test files flush in parallel, and one may read the results while another writes.
    const file = join(results, `${this.name}.json`);
    writeFileSync(`${file}.tmp`, `${JSON.stringify(this.rows, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
    writeReport(this.kind);
  }
}

export function readRows(kind: ReportKind): ReliabilityRow[] {
  const { results } = reportPaths(kind);
  const files = readdirSync(results)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return files.flatMap((f) => JSON.parse(readFileSync(join(results, f), 'utf8')) as ReliabilityRow[]);
}

export function writeReport(kind: ReportKind = 'normal'): void {
  const { report } = reportPaths(kind);
  mkdirSync(join(report, '..'), { recursive: true });
  writeFileSync(`${report}.${process.pid}.tmp`, renderReport(readRows(kind), kind));
  renameSync(`${report}.${process.pid}.tmp`, report);
}

/** The table's figure columns; a column with two keys shows "a / b". */
const FIGURES: { head: string; keys: (keyof Measured)[]; total: string }[] = [
  { head: 'stored before → after', keys: ['storedBefore', 'storedAfter'], total: 'stored items, before → after' },
  { head: 'lost', keys: ['lost'], total: 'stored items lost' },
  { head: 'alerts raised / expected', keys: ['alertsRaised', 'alertsExpected'], total: 'alerts raised / expected' },
  { head: 'emails received', keys: ['emailsReceived'], total: 'emails received by the SMTP server' },
  {
    head: '(change, recipient) expected',
    keys: ['pairsExpected'],
    total: '(change, recipient) pairs expected to arrive by email',
  },
  { head: 'missing', keys: ['pairsMissing'], total: 'expected (change, recipient) pairs that never arrived' },
  { head: 'dup. (change, recipient)', keys: ['duplicatesByChange'], total: 'duplicates by (change, recipient)' },
  { head: 'dup. Message-ID', keys: ['duplicatesByMessageId'], total: 'duplicates by Message-ID' },
  { head: 'off contract', keys: ['offContract'], total: 'tries off contract' },
];

const cell = (s: string | number) => String(s).replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

function figure(m: Measured, keys: (keyof Measured)[]): string {
  const values = keys.map((k) => m[k]);
  if (values.every((v) => v === undefined)) return '—';
  return values.map((v) => (v === undefined ? '—' : String(v))).join(keys[0] === 'storedBefore' ? ' → ' : ' / ');
}

function totals(rows: ReliabilityRow[]): string[] {
  const lines = ['| figure | total | rows that measured it |', '|---|---:|---:|'];
  for (const f of FIGURES) {
    const measured = rows.filter((r) => f.keys.every((k) => r.measured[k] !== undefined));
    const sums = f.keys.map((k) => measured.reduce((n, r) => n + (r.measured[k] ?? 0), 0));
    lines.push(`| ${f.total} | ${sums.join(f.keys[0] === 'storedBefore' ? ' → ' : ' / ')} | ${measured.length} |`);
  }
  const differ = rows.filter(
    (r) =>
      r.measured.alertsRaised !== undefined &&
      r.measured.alertsExpected !== undefined &&
      r.measured.alertsRaised !== r.measured.alertsExpected,
  ).length;
  lines.push(`| rows whose alerts raised differ from those expected | ${differ} | |`);
  return lines;
}

const INTRO: Record<ReportKind, string[]> = {
  normal: [
    'Every row is a fault the tests injected into the real product (undici fetcher, DynamoDB Local, the',
    'watch cycle, the alert sender over a real SMTP server, the parsers, the renderers): what was done,',
    'how many times, what the product must do, and what was then counted. Stored items are read back',
    'from DynamoDB Local before the fault and after recovery; alerts are read back from the store;',
    'emails are the messages a real SMTP server (smtp-server) accepted, parsed back with mailparser, and',
    'matched to changes by their "Change id" line. "—" is a figure that row cannot observe (its test',
    'drives one part alone); the row says why. The tests record each row before they assert on it.',
    'Regenerate with `npm test`; `npm run test:soak` repeats the randomized crash runs with more seeds',
    '(its table goes to `.procwatch/`). The same harness with the guarantees removed on purpose:',
    '[reliability-broken-on-purpose.md](reliability-broken-on-purpose.md).',
  ],
  broken: [
    'The proof that the harness of [reliability.md](reliability.md) can see a failure: the same scenarios,',
    'counted the same way, with a guarantee of the product removed on purpose from the test side (a',
    'wrapped store or delivery store, never a flag in the product). Its test asserts that these figures',
    'are not zero. Regenerated by `npm test` (test/integration/reliability/broken-on-purpose.test.ts).',
  ],
};

export function renderReport(rows: ReliabilityRow[], kind: ReportKind = 'normal'): string {
  const tried = rows.reduce((n, r) => n + r.tried, 0);
  const unmeasured = rows.filter((r) => r.unmeasured).length;
  const title =
    kind === 'normal'
      ? '# Reliability: what was tried, and what was counted'
      : '# Reliability, broken on purpose: the harness sees a failure';
  return [
    title,
    '',
    '<!-- GENERATED by the test run (test/integration/reliability/reliability-report.ts): do not edit by hand. -->',
    '',
    ...INTRO[kind],
    '',
    `**${rows.length} faults, ${tried} tries.** The totals below are sums of the figures measured in the rows;` +
      ` ${unmeasured} rows leave some figures out.`,
    '',
    ...totals(rows),
    '',
    `| area | what was done | times | expected | observed | ${FIGURES.map((f) => f.head).join(' | ')} |`,
    `|---|---|---:|---|---|${FIGURES.map(() => '---:').join('|')}|`,
    ...rows.map((r) => {
      const observed = r.unmeasured ? `${r.observed} (not measured: ${r.unmeasured})` : r.observed;
      const figures = FIGURES.map((f) => figure(r.measured, f.keys));
      const text = [cell(r.area), cell(r.fault), String(r.tried), cell(r.expected), cell(observed)];
      return `| ${[...text, ...figures].join(' | ')} |`;
    }),
    '',
  ].join('\n');
}
