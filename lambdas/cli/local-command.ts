/**
 * `procwatch local start|stop|status`: a DynamoDB Local kept running for the local store, so read
 * commands (`changes`, `sources`, `show`…) connect to it instead of starting a JVM each time.
 * `start` runs itself detached with `--foreground`: that process owns the JVM in shared mode (the
 * owner file `serve` uses, devtools/local/local-owner.ts), so every other command reuses it and a
 * `kill -9` leaves an orphan the next command cleans up, as before.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { canConnect, startDynamoDbLocal } from '../../devtools/local/dynamodb-local';
import { alive, readOwner, type OwnerRecord } from '../../devtools/local/local-owner';
import { StoreError } from '../core/errors';
import { action, EXIT, readConfig, type GlobalOptions } from './cli-context';
import { print } from './terminal';

const COMMAND = 'procwatch local start';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function running(dbPath: string): Promise<OwnerRecord | null> {
  const rec = readOwner(dbPath);
  return rec && alive(rec.ownerPid) && rec.port && (await canConnect(rec.port)) ? rec : null;
}

function describe(rec: OwnerRecord, dbPath: string): string {
  const who = `${rec.command}, pid ${rec.ownerPid}, since ${rec.startedAt}`;
  return `DynamoDB Local is running on 127.0.0.1:${rec.port} for ${dbPath} (${who})`;
}

/** The keeper: owns a shared JVM until SIGINT/SIGTERM (which stop the JVM and release the store). */
async function keep(dbPath: string): Promise<never> {
  const local = await startDynamoDbLocal({ dbPath, shared: true, stopOnSignals: true, command: COMMAND });
  print(`procwatch: DynamoDB Local on ${local.endpoint} for ${dbPath}; Ctrl-C stops it.\n`);
  // The JVM is a child of this process: the timer only keeps this one alive until a signal ends it.
  setInterval(() => undefined, 1 << 30);
  return new Promise<never>(() => undefined);
}

async function start(dbPath: string, dataDir: string): Promise<number> {
  const already = await running(dbPath);
  if (already) {
    print(`procwatch: ${describe(already, dbPath)}.\n`);
    return EXIT.ok;
  }
  mkdirSync(dataDir, { recursive: true });
  const logFile = join(dataDir, 'local-store.log');
  const log = openSync(logFile, 'a');
  // The same runtime and entry as this process (tsx from source, node when built), detached from it.
  const args = [...process.execArgv, process.argv[1], ...globalArgs(), 'local', 'start', '--foreground'];
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', log, log], cwd: process.cwd() });
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 90_000;
  for (;;) {
    const rec = await running(dbPath);
    if (rec?.ownerPid === child.pid) break;
    if (exited || Date.now() > deadline) {
      const last = readFileSync(logFile, 'utf8').trim().split('\n').pop() ?? '';
      throw new StoreError(`The local store did not start (see ${logFile}): ${last}`);
    }
    await pause(200);
  }
  child.unref();
  print(
    `procwatch: ${describe((await running(dbPath))!, dbPath)}; read commands reuse it until procwatch local stop.\n`,
  );
  return EXIT.ok;
}

async function stop(dbPath: string): Promise<number> {
  const rec = readOwner(dbPath);
  if (!rec || !alive(rec.ownerPid)) {
    print(`procwatch: no local store is running for ${dbPath}.\n`);
    return EXIT.ok;
  }
  if (rec.command !== COMMAND)
    throw new StoreError(`The local store is held by ${rec.command} (pid ${rec.ownerPid}): stop that instead.`);
  process.kill(rec.ownerPid, 'SIGTERM');
  const deadline = Date.now() + 20_000;
  while (alive(rec.ownerPid) && Date.now() < deadline) await pause(100);
  if (alive(rec.ownerPid)) throw new StoreError(`The local store (pid ${rec.ownerPid}) did not stop within 20 s.`);
  print(`procwatch: stopped the local store for ${dbPath}.\n`);
  return EXIT.ok;
}

/** `--config` as this process was given it, so the detached keeper reads the same configuration. */
function globalArgs(): string[] {
  const i = process.argv.findIndex((a) => a === '-c' || a === '--config');
  if (i > 0 && process.argv[i + 1]) return ['--config', resolve(process.argv[i + 1])];
  const inline = process.argv.find((a) => a.startsWith('--config='));
  return inline ? ['--config', resolve(inline.slice('--config='.length))] : [];
}

export function registerLocal(program: Command): void {
  const local = program
    .command('local')
    .description('keep a DynamoDB Local running for the local store, so read commands answer without starting one');
  const paths = () => {
    const config = readConfig(program.opts<GlobalOptions>());
    const dataDir = resolve(config.store.dataDir);
    return { dataDir, dbPath: join(dataDir, 'dynamodb') };
  };
  local
    .command('start')
    .description('start it in the background (or with --foreground, here until Ctrl-C)')
    .option('--foreground', 'run it in this process until Ctrl-C')
    .action(
      action(async (opts: { foreground?: boolean }) => {
        const { dataDir, dbPath } = paths();
        return opts.foreground ? keep(dbPath) : start(dbPath, dataDir);
      }),
    );
  local
    .command('stop')
    .description('stop the one procwatch local start started')
    .action(action(async () => stop(paths().dbPath)));
  local
    .command('status')
    .description('say whether one is running, on which port, and who holds the store')
    .action(
      action(async () => {
        const { dbPath } = paths();
        const rec = await running(dbPath);
        print(rec ? `procwatch: ${describe(rec, dbPath)}.\n` : `procwatch: no local store is running for ${dbPath}.\n`);
        return rec ? EXIT.ok : EXIT.failure;
      }),
    );
}
