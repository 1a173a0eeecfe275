/**
 * `npm run bench`: every benchmark of issue 8, offline, in one run; prints the report and writes
 * it to docs/benchmarks.md, and the deployed stack's monthly bill into docs/deploy.md's cost table.
 * Options: --quick (a small corpus, for trying the bench itself), --sources=N --docs=N --records=N,
 * --no-write (print only), --bundles (the Lambda weight section alone, printed, nothing written).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDynamoDbLocal } from '../devtools/local/dynamodb-local';
import { loadConfigFile } from '../lambdas/adapters/fs/config-file';
import { synthStack } from '../devtools/synth/synth-stack';
import { bundleBench } from './bundle-bench';
import { cliBench } from './cli-bench';
import { unitCosts } from './cost-model';
import { deployBill, renderCostTable, stackCounts, withCostTable } from './deploy-cost';
import { cycleBench } from './cycle-bench';
import { diffBench } from './diff-bench';
import { machine } from './measure';
import { pdfBench } from './pdf-bench';
import { queryBench } from './query-bench';
import { bundleSection } from './bundle-report';
import { renderReport } from './report';

const ROOT = join(__dirname, '..');

function option(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? Number(arg.split('=')[1]) : fallback;
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const quick = process.argv.includes('--quick');
  const started = performance.now();
  const log = (line: string) =>
    process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
  const settings = {
    sources: option('sources', quick ? 4 : 20),
    documentsPerSource: option('docs', quick ? 40 : 200),
    attachmentEvery: 10,
    changedCycles: quick ? 3 : 6,
    unchangedCycles: 2,
    fraction: 0.005,
    naiveCycles: 2,
    records: option('records', quick ? 5000 : 100_000),
    diffTimeoutMs: quick ? 5000 : 10_000,
  };

  log('bundling the Lambda handlers…');
  const bundles = await bundleBench(ROOT, quick ? 5 : 11);
  if (process.argv.includes('--bundles')) {
    process.stdout.write(`${bundleSection(bundles).join('\n')}\n`);
    return;
  }
  log('diffing an Act-sized text…');
  const diffs = diffBench(settings.diffTimeoutMs, 3, log);

  log('reading a large PDF letter…');
  const pdf = await pdfBench(ROOT, quick ? 3 : 5);

  log('starting DynamoDB Local for the cycle benchmark…');
  const local = await startDynamoDbLocal({});
  let cycles;
  try {
    cycles = await cycleBench({ ...settings, endpoint: local.endpoint, log });
  } finally {
    await local.stop();
  }
  await (await import('./source-kinds-bench')).sourceKindsBench(ROOT, log, process.argv);

  log('change-log queries…');
  const queries = await queryBench({ records: settings.records, runs: quick ? 10 : 30, scanPages: 8, log });

  const config = loadConfigFile(join(ROOT, 'procwatch.config.json'));
  const command = `npm run bench${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  log('synthesizing the stack for its schedules, memory and alarms…');
  const { template, settings: deployed } = synthStack();
  const sourcesIn = (g: string) => config.sources.filter((s) => (s.group ?? 'default') === g).length;
  const none = queries.figures.find((f) => f.filter.startsWith('none')) ?? queries.figures[0];
  const bill = deployBill({
    counts: stackCounts(template.toJSON() as Parameters<typeof stackCounts>[0]),
    groups: Object.fromEntries(
      Object.entries(deployed.checkSchedules).map(([g, expression]) => [g, { expression, sources: sourcesIn(g) }]),
    ),
    // A checker's cold start is billed at the slowest group's load (each group's function starts cold alone).
    units: unitCosts(cycles, Math.max(0, ...bundles.filter((b) => b.deployed && b.kinds).map((b) => b.loadMsP50))),
    cycles,
    bundles,
    documentsPerSource: settings.documentsPerSource * 1.1,
    query: { ms: none.p50, rcu: none.rcuPerQuery },
  });
  const costTable = renderCostTable(bill, command);
  const report = renderReport({
    costTable,
    machine: machine(),
    command,
    seconds: (performance.now() - started) / 1000,
    settings,
    cycles,
    diffs,
    queries,
    bundles,
    pdf,
    config,
  });
  process.stdout.write(`${report}\n`);
  if (!process.argv.includes('--no-write')) {
    writeFileSync(join(ROOT, 'docs', 'benchmarks.md'), `${report}\n`);
    const deployDoc = join(ROOT, 'docs', 'deploy.md');
    writeFileSync(deployDoc, withCostTable(readFileSync(deployDoc, 'utf8'), costTable));
    log('wrote docs/benchmarks.md and the cost table in docs/deploy.md');
  }
  await cliBench({ root: ROOT, runs: quick ? 5 : 11, log, write: !process.argv.includes('--no-write') });
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
