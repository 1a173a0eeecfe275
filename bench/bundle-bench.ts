/**
 * Lambda weight: each handler bundled as the stack would deploy it (esbuild, minified, node22,
 * the AWS SDK's ES modules bundled), its size, its heaviest packages, and the time a fresh Node
 * process takes to load it: the part of a cold start the code controls. Each load is paired with
 * the load of an empty file in the same run, so the figure is what the bundle adds on this machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { esbuildOptions, SDK_FROM_RUNTIME } from '../lib/constructs/handler-function';
import { percentile } from './measure';

/** Issue 17's goal for each handler: bytes of minified bundle, ms of cold require beyond an empty file. */
export const BUNDLE_TARGET = { bytes: 800_000, loadMs: 120 } as const;

export interface BundleFigure {
  handler: string;
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
function coldLoad(root: string, file: string, sdkFromRuntime: boolean): { loadMs: number; processMs: number } {
  // A bundle that carries its SDK gets no NODE_PATH: it must load alone, as in Lambda. One that takes the
  // runtime's SDK (SDK_FROM_RUNTIME) finds it in node_modules, as close as this machine gets to /var/runtime.
  const script = [
    'const t = process.hrtime.bigint();',
    `require(${JSON.stringify(file)});`,
    'process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));',
  ].join('');
  const started = performance.now();
  const r = spawnSync(process.execPath, ['-e', script], {
    env: {
      ...process.env,
      ...(sdkFromRuntime ? { NODE_PATH: join(root, 'node_modules') } : {}),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    encoding: 'utf8',
  });
  const processMs = performance.now() - started;
  if (r.status !== 0) throw new Error(`loading ${file} failed: ${r.stderr.split('\n').slice(0, 3).join(' ')}`);
  return { loadMs: Number(r.stdout), processMs };
}

export async function bundleBench(root: string, runs = 11): Promise<BundleFigure[]> {
  const dir = join(root, 'lambdas', 'handlers');
  const handlers = readdirSync(dir).filter(
    (f) => f.endsWith('.ts') && /export (async function|const) handler\b/.test(readFileSync(join(dir, f), 'utf8')),
  );
  const out = mkdtempSync(join(tmpdir(), 'procwatch-bundles-'));
  const figures: BundleFigure[] = [];
  const empty = join(out, 'empty.js');
  writeFileSync(empty, '');
  try {
    for (const file of handlers.sort()) {
      const outfile = join(out, file.replace(/\.ts$/, '.js'));
      const result = await build({
        entryPoints: [join(dir, file)],
        outfile,
        // As the stack bundles them (the SDK included), without the source map the size leaves out.
        ...esbuildOptions(root, file.replace(/\.ts$/, '')),
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
      const sdkFromRuntime = SDK_FROM_RUNTIME.includes(file.replace(/\.ts$/, ''));
      const bundle = { loads: [] as number[], processes: [] as number[] };
      const blank = { loads: [] as number[], processes: [] as number[] };
      for (let i = 0; i < runs; i++) {
        for (const [file, into] of [
          [empty, blank],
          [outfile, bundle],
        ] as const) {
          const t = coldLoad(root, file, sdkFromRuntime);
          into.loads.push(t.loadMs);
          into.processes.push(t.processMs);
        }
      }
      const bytes = statSync(outfile).size;
      figures.push({
        handler: file.replace(/\.ts$/, ''),
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
