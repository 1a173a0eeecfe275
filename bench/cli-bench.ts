/**
 * `procwatch changes` wall time, as a user waits for it: a real CLI process each time, over a local
 * store holding the demo's baseline. Kept: `procwatch local start` runs one DynamoDB Local that every
 * command reuses (from source through tsx, and built to dist/ when it is there); cold: no kept store,
 * so the command starts and stops its own JVM. Median of N runs each. Runs in `npm run bench`, or alone:
 * `npx tsx bench/cli-bench.ts [--runs=N] [--no-write]` (appends its section to docs/benchmarks.md).
 */
import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, percentile } from './measure';

export interface CliBenchOptions {
  root: string;
  runs: number;
  log?: (line: string) => void;
  /** Append the section to docs/benchmarks.md (after `npm run bench` has written the rest). */
  write?: boolean;
}

interface Mode {
  label: string;
  runs: number;
  ms: number[];
}

function timed(cmd: string[], cwd: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      cmd[0],
      cmd.slice(1),
      { cwd, env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
      (err, _out, errText) =>
        err ? reject(new Error(`${cmd.slice(1).join(' ')} failed: ${errText}`)) : resolve(performance.now() - started),
    );
  });
}

async function sample(label: string, runs: number, cmd: string[], cwd: string): Promise<Mode> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push(await timed(cmd, cwd));
  return { label, runs, ms };
}

export async function cliBench(o: CliBenchOptions): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'procwatch-cli-bench-'));
  const config = join(dir, 'procwatch.config.json');
  const base = JSON.parse(readFileSync(join(o.root, 'procwatch.config.json'), 'utf8'));
  writeFileSync(config, JSON.stringify({ ...base, store: { dataDir: join(dir, 'data') } }));
  const fromSource = [process.execPath, '--import', 'tsx', join(o.root, 'bin/procwatch.ts'), '--config', config];
  const built = join(o.root, 'dist/bin/procwatch.js');
  const fromDist = [process.execPath, built, '--config', config];
  const modes: Mode[] = [];
  o.log?.('procwatch changes: recording the demo baseline into a kept local store…');
  await timed([...fromSource, 'local', 'start'], o.root);
  try {
    await timed([...fromSource, 'run', '--replay', 'demo/replay'], o.root);
    await timed([...fromSource, 'changes'], o.root); // a first read warms the JVM's table metadata
    modes.push(await sample('kept store, from source (tsx)', o.runs, [...fromSource, 'changes'], o.root));
    if (existsSync(built))
      modes.push(await sample('kept store, built (dist/)', o.runs, [...fromDist, 'changes'], o.root));
  } finally {
    await timed([...fromSource, 'local', 'stop'], o.root);
  }
  const coldRuns = Math.max(1, Math.round(o.runs / 5));
  modes.push(
    await sample('no kept store (starts its own JVM), from source', coldRuns, [...fromSource, 'changes'], o.root),
  );
  rmSync(dir, { recursive: true, force: true });
  const s = (ms: number) => `${fmt(ms / 1000, 2)} s`;
  const section = [
    '',
    '## `procwatch changes` wall time',
    '',
    'A real CLI process per run over a local store holding the demo baseline (the table of the latest changes,',
    'as a person asks for it). "Kept" is a DynamoDB Local that `procwatch local start` keeps running and every',
    'command reuses; without one, each command starts and stops its own JVM.',
    '',
    '| mode | runs | median | min | max |',
    '|---|---:|---:|---:|---:|',
    ...modes.map(
      (m) =>
        `| ${m.label} | ${m.runs} | ${s(percentile(m.ms, 50))} | ${s(Math.min(...m.ms))} | ${s(Math.max(...m.ms))} |`,
    ),
    '',
  ].join('\n');
  process.stdout.write(`${section}\n`);
  if (o.write) appendFileSync(join(o.root, 'docs', 'benchmarks.md'), section);
  return section;
}

if (require.main === module) {
  const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 11);
  const root = join(__dirname, '..');
  cliBench({
    root,
    runs,
    write: !process.argv.includes('--no-write'),
    log: (l) => process.stderr.write(`${l}\n`),
  }).catch((err: unknown) => {
    process.stderr.write(`cli bench failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
