/**
 * One process per local store, as a user meets it: two `procwatch run` on one data folder at once,
 * and a run killed with SIGKILL mid-cycle. Real child processes, the real DynamoDB Local, the real
 * replay server; JVMs are counted with pgrep.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReliabilityLog } from '../reliability/reliability-report';

const ROOT = join(__dirname, '..', '..', '..');
const log = new ReliabilityLog('72-local-store');
afterAll(() => log.flush());
const UNMEASURED =
  'real CLI processes on a local store: their alerts go to an outbox folder (counted in "observed"), ' +
  'and the store is read by the processes themselves, not by the test';

function setup(): { dir: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), 'procwatch-local-'));
  const base = JSON.parse(readFileSync(join(ROOT, 'procwatch.config.json'), 'utf8'));
  const config = join(dir, 'procwatch.config.json');
  writeFileSync(
    config,
    JSON.stringify({
      ...base,
      store: { dataDir: join(dir, 'data') },
      mailer: { kind: 'outbox', dir: join(dir, 'outbox') },
    }),
  );
  return { dir, config };
}

/** In-process tsx (`node --import tsx`), so the pid is the procwatch process itself. */
function start(
  config: string,
  ...args: string[]
): ChildProcess & { output: Promise<{ code: number | null; out: string; err: string }> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'bin/procwatch.ts'), '--config', config, ...args],
    {
      cwd: ROOT,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    },
  );
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const output = new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, out, err })),
  );
  return Object.assign(child, { output });
}

/** JVMs of DynamoDB Local serving this data folder. */
function jvms(dataDir: string): number {
  try {
    return execFileSync('pgrep', ['-f', `dbPath ${join(dataDir, 'dynamodb')}`], { encoding: 'utf8' })
      .trim()
      .split('\n').length;
  } catch {
    return 0; // pgrep exits 1 when nothing matches
  }
}

const emails = (dir: string) =>
  existsSync(join(dir, 'outbox')) ? readdirSync(join(dir, 'outbox')).filter((f) => f.endsWith('.eml')) : [];

describe('one process per local store', () => {
  jest.setTimeout(180_000);

  it('two runs at once on one data folder: the second waits for the first, both exit 0, nothing twice', async () => {
    const { dir, config } = setup();
    const a = start(config, 'run', '--replay', 'demo/replay');
    const b = start(config, 'run', '--replay', 'demo/replay');
    const [ra, rb] = await Promise.all([a.output, b.output]);
    const left = jvms(join(dir, 'data'));
    const baselines = [ra.out, rb.out].filter((o) => /baseline recorded/.test(o)).length;
    log.record({
      area: 'process',
      fault: 'two `procwatch run` started at once on one data folder',
      tried: 2,
      expected: 'the second waits for the first; both exit 0; one baseline, one email; no JVM left',
      observed: `exit codes ${ra.code}, ${rb.code}; ${baselines} baseline(s); ${emails(dir).length} email(s) in the outbox; ${left} JVM(s) left`,
      measured: {
        offContract: Number(ra.code !== 0) + Number(rb.code !== 0) + left + Math.abs(emails(dir).length - 1),
      },
      unmeasured: UNMEASURED,
    });
    expect([ra.code, rb.code]).toEqual([0, 0]);
    // One baseline, one quiet run: one email in all, and no JVM left behind.
    expect(emails(dir)).toHaveLength(1);
    expect([ra.out, rb.out].filter((o) => /baseline recorded/.test(o))).toHaveLength(1);
    expect(jvms(join(dir, 'data'))).toBe(0);
  });

  it('a run killed with SIGKILL leaves an orphan JVM that the next run stops before it starts its own', async () => {
    const { dir, config } = setup();
    const killed = start(config, 'run', '--replay', 'demo/replay');
    const ownerFile = join(dir, 'data', 'dynamodb', 'procwatch-local.json');
    await new Promise<void>((resolve) => {
      const poll = () => {
        const rec = existsSync(ownerFile)
          ? (JSON.parse(readFileSync(ownerFile, 'utf8')) as { javaPid: number | null })
          : null;
        if (rec?.javaPid) resolve();
        else setTimeout(poll, 100);
      };
      poll();
    });
    killed.kill('SIGKILL');
    await killed.output;
    const orphans = jvms(join(dir, 'data'));
    const next = await start(config, 'run', '--replay', 'demo/replay').output;
    const left = jvms(join(dir, 'data'));
    log.record({
      area: 'process',
      fault: '`procwatch run` killed with SIGKILL while its DynamoDB Local runs, then a new run',
      tried: 1,
      expected: 'the new run stops the orphan JVM before starting its own, exits 0, leaves none',
      observed: `${orphans} orphan JVM after the kill; the next run exited ${next.code}; ${left} JVM(s) left`,
      measured: { offContract: Number(next.code !== 0) + left },
      unmeasured: UNMEASURED,
    });
    expect(orphans).toBe(1);
    expect(next.code).toBe(0);
    expect(left).toBe(0);
    expect(existsSync(ownerFile)).toBe(false);
  });
});
