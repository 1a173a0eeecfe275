/**
 * Lambda weight: each function bundled as the stack would deploy it (esbuild, minified, node22,
 * the AWS SDK's ES modules bundled): the sender, the query API, the feedback handler, and one checker
 * per schedule group of the shipped config, built from the entry the stack generates
 * (lib/constructs/checker-entries.ts). Also the every-kind checker (lambdas/handlers/check-sources.ts),
 * which is not deployed, for comparison. Its size, its heaviest packages, and the time a fresh Node
 * process takes to load it: the part of a cold start the code controls. Each load is paired with
 * the load of an empty file in the same run, so the figure is what the bundle adds on this machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { loadConfigFile } from '../lambdas/adapters/fs/config-file';
import { writeCheckerEntries } from '../lib/constructs/checker-entries';
import { esbuildOptions } from '../lib/constructs/handler-function';
import { percentile } from './measure';

/** Issue 17's goal for each handler: bytes of minified bundle, ms of cold require beyond an empty file. */
export const BUNDLE_TARGET = { bytes: 800_000, loadMs: 120 } as const;

export interface BundleFigure {
  /** The handler's file name, or `check-<group>` for a group's checker. */
  handler: string;
  /** False for the every-kind checker: measured for comparison, deployed by no stack. */
  deployed: boolean;
  /** A group checker's source kinds. */
  kinds?: string[];
  runs: number;
  bytes: number;
  gzipBytes: number;
  heaviest: { name: string; bytes: number }[];
  loadMsP50: number;
  processMsP50: number;
  /** The same, for an empty file, measured alternately with the bundle. */
  emptyLoadMsP50: number;
  emptyProcessMsP50: number;
}

/** One fresh Node process that requires `file`: the require's own time, and the process's from spawn to exit. */
function coldLoad(file: string): { loadMs: number; processMs: number } {
  // No NODE_PATH, from a temporary folder: the bundle must load alone, as in Lambda.
  const script = [
    'const t = process.hrtime.bigint();',
    `require(${JSON.stringify(file)});`,
    'process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));',
  ].join('');
  const started = performance.now();
  const r = spawnSync(process.execPath, ['-e', script], {
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    encoding: 'utf8',
  });
  const processMs = performance.now() - started;
  if (r.status !== 0) throw new Error(`loading ${file} failed: ${r.stderr.split('\n').slice(0, 3).join(' ')}`);
  return { loadMs: Number(r.stdout), processMs };
}

/** What the stack deploys (and the every-kind checker): name, entry file, deployed or not, kinds. */
function entriesOf(root: string): { handler: string; file: string; deployed: boolean; kinds?: string[] }[] {
  const dir = join(root, 'lambdas', 'handlers');
  const handlers = readdirSync(dir)
    .filter(
      (f) => f.endsWith('.ts') && /export (async function|const) handler\b/.test(readFileSync(join(dir, f), 'utf8')),
    )
    .sort()
    .map((f) => ({ handler: f.replace(/\.ts$/, ''), file: join(dir, f), deployed: f !== 'check-sources.ts' }));
  const config = loadConfigFile(join(root, 'procwatch.config.json'));
  const groups = writeCheckerEntries(root, config.sources).map((e) => ({
    handler: `check-${e.group}`,
    file: e.file,
    deployed: true,
    kinds: e.kinds,
  }));
  return [...groups, ...handlers];
}

export async function bundleBench(root: string, runs = 11): Promise<BundleFigure[]> {
  const out = mkdtempSync(join(tmpdir(), 'procwatch-bundles-'));
  const figures: BundleFigure[] = [];
  const empty = join(out, 'empty.js');
  writeFileSync(empty, '');
  try {
    for (const entry of entriesOf(root)) {
      const outfile = join(out, `${entry.handler}.js`);
      const result = await build({
        entryPoints: [entry.file],
        outfile,
        // As the stack bundles them (the SDK included), without the source map the size leaves out.
        ...esbuildOptions(root),
        sourcemap: false,
        metafile: true,
        logLevel: 'silent',
      });
      const inputs = Object.values(result.metafile.outputs)[0].inputs;
      const byPackage = new Map<string, number>();
      for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
        const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
        const name = m ? m[1] : '(project code)';
        byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
      }
      const heaviest = [...byPackage.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([name, bytes]) => ({ name, bytes }));
      const bundle = { loads: [] as number[], processes: [] as number[] };
      const blank = { loads: [] as number[], processes: [] as number[] };
      for (let i = 0; i < runs; i++) {
        for (const [file, into] of [
          [empty, blank],
          [outfile, bundle],
        ] as const) {
          const t = coldLoad(file);
          into.loads.push(t.loadMs);
          into.processes.push(t.processMs);
        }
      }
      const bytes = statSync(outfile).size;
      figures.push({
        handler: entry.handler,
        deployed: entry.deployed,
        kinds: entry.kinds,
        runs,
        bytes,
        gzipBytes: gzipSync(readFileSync(outfile)).length,
        heaviest,
        loadMsP50: percentile(bundle.loads, 50),
        processMsP50: percentile(bundle.processes, 50),
        emptyLoadMsP50: percentile(blank.loads, 50),
        emptyProcessMsP50: percentile(blank.processes, 50),
      });
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return figures;
}
