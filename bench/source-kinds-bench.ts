/**
 * "Unchanged cycle: one request per source" (issue 19) for each of the source kinds, measured
 * rather than asserted: the real runtime (openRuntime → runCycle, DynamoDB Local, undici fetcher)
 * against the local replay server, a baseline (demo step t0), a cycle where everything moved (t4),
 * then each source alone on the same answers again. The count is the replay server's own request
 * log for that source's cycle, never the runtime's report of itself (given beside it as a check).
 *
 * Alone: `npx tsx bench/source-kinds-bench.ts [--no-write]` (prints the table on stderr, writes
 * docs/benchmarks-source-kinds.md); `npm run bench` runs it too.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDynamoDbLocal } from '../devtools/local/dynamodb-local';
import { ReplayServer } from '../devtools/replay/replay-server';
import { openRuntime } from '../lambdas/composition';
import { allSitesAt, type Config } from '../lambdas/config';
import { loadConfigFile } from '../lambdas/adapters/fs/config-file';
import { DEFAULT_INTERVALS_MS } from '../lambdas/adapters/http/rate-limiter';
import { silentLogger } from '../lambdas/adapters/log/json-logger';
import type { Mailer } from '../lambdas/core/ports';
import { runCycle } from '../lambdas/core/run-cycle';
import { cycleInput } from '../lambdas/cycle-input';
import { sourceKinds } from '../lambdas/sources';

/** The default config's sources of the kinds, one per kind. */
const SOURCES = [
  'find-a-tender-surveillance',
  'contracts-finder-surveillance',
  'written-questions-hikvision',
  'written-statements-hikvision',
  'free-tibet-news',
];

// Rate limits off: the bench counts requests, and the real pauses would only add waiting.
const NO_WAIT = Object.fromEntries(Object.keys(DEFAULT_INTERVALS_MS).map((k) => [k, 0]));
const nullMailer: Mailer = { name: 'none', send: async () => ({ messageId: 'none' }) };

export interface UnchangedRow {
  sourceId: string;
  kind: string;
  /** Requests the replay server logged during the source's unchanged cycle. */
  logged: number;
  statuses: number[];
  /** What the runtime's report says it asked, and the outcome it reached. */
  reported: number;
  outcome: string;
}

export async function measureUnchangedCycles(root: string, log: (l: string) => void = () => {}) {
  const local = await startDynamoDbLocal({});
  const replay = await new ReplayServer(join(root, 'demo/replay')).start('t0');
  try {
    const base = loadConfigFile(join(root, 'procwatch.config.json'));
    const config: Config = {
      ...base,
      endpoints: allSitesAt(replay.url, base.endpoints),
      store: { ...base.store, table: `bench-kinds-${process.pid}-${Date.now()}` },
      sources: base.sources.filter((s) => SOURCES.includes(s.id)),
    };
    const runtime = await openRuntime(config, {
      root,
      dynamoEndpoint: local.endpoint,
      allowPrivateHosts: [replay.host],
      logger: silentLogger,
      mailer: nullMailer,
      fetcher: { intervalsMs: NO_WAIT },
    });
    try {
      log('source kinds: baseline (t0)…');
      await runCycle(runtime, cycleInput(config, runtime, { kinds: sourceKinds }));
      replay.setStep('t4');
      log('source kinds: everything moved (t4)…');
      await runCycle(runtime, cycleInput(config, runtime, { kinds: sourceKinds }));
      const rows: UnchangedRow[] = [];
      for (const source of config.sources) {
        replay.resetLog();
        const report = await runCycle(
          runtime,
          cycleInput(config, runtime, { kinds: sourceKinds, onlySource: source.id }),
        );
        const [outcome] = report.outcomes;
        rows.push({
          sourceId: source.id,
          kind: source.kind,
          logged: replay.log.length,
          statuses: replay.log.map((e) => e.status),
          reported: outcome.requests,
          outcome: outcome.kind,
        });
        log(`source kinds: ${source.id} unchanged: ${replay.log.length} request(s)`);
      }
      return rows;
    } finally {
      await runtime.close();
    }
  } finally {
    await replay.stop();
    await local.stop();
  }
}

export function renderUnchangedRows(rows: UnchangedRow[]): string {
  const lines = [
    '## Unchanged cycle: requests per source (issue 19 source kinds)',
    '',
    'Measured by `bench/source-kinds-bench.ts`: after a baseline (demo step t0) and a cycle where every source moved',
    '(t4), each source is run alone on the same answers; "logged" is what the local replay server received in that',
    'cycle, from its own request log. Rate limits are off (they add waiting, not requests).',
    '',
    '| source | kind | requests logged | HTTP statuses | runtime reported | outcome |',
    '|---|---|--:|---|--:|---|',
    ...rows.map((r) => {
      const statuses = r.statuses.join(', ') || '–';
      return `| ${r.sourceId} | ${r.kind} | ${r.logged} | ${statuses} | ${r.reported} | ${r.outcome} |`;
    }),
  ];
  return lines.join('\n');
}

/**
 * What `npm run bench` calls: measure, print the table (on stderr, beside the bench's progress, as the
 * main report owns stdout) and write docs/benchmarks-source-kinds.md unless `--no-write`.
 */
export async function sourceKindsBench(root: string, log: (l: string) => void, argv: string[]): Promise<string> {
  const report = renderUnchangedRows(await measureUnchangedCycles(root, log));
  process.stderr.write(`${report}\n`);
  if (!argv.includes('--no-write')) writeFileSync(join(root, 'docs', 'benchmarks-source-kinds.md'), `${report}\n`);
  return report;
}

if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  sourceKindsBench(join(__dirname, '..'), (l) => process.stderr.write(`${l}\n`), process.argv).catch((err) => {
    process.stderr.write(`source kinds bench failed: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}
