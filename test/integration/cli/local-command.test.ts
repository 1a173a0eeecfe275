/**
 * `procwatch local start|stop|status` as a user runs them: real CLI processes, the real DynamoDB
 * Local. A read command while the kept store runs uses that JVM (one JVM for the folder throughout,
 * the same pid) and `stop` leaves none behind. JVMs are counted with pgrep.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'procwatch-keep-'));
const dataDir = join(dir, 'data');
const config = join(dir, 'procwatch.config.json');
const ownerFile = join(dataDir, 'dynamodb', 'procwatch-local.json');

beforeAll(() => {
  const base = JSON.parse(readFileSync(join(ROOT, 'procwatch.config.json'), 'utf8'));
  writeFileSync(config, JSON.stringify({ ...base, store: { dataDir } }));
});

function procwatch(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'bin/procwatch.ts'), '--config', config, ...args],
      { cwd: ROOT, env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
      (err, out, errText) => resolve({ code: err ? Number(err.code ?? 1) : 0, out, err: errText }),
    );
  });
}

/** Pids of the JVMs serving this data folder. */
function jvms(): string[] {
  try {
    return execFileSync('pgrep', ['-f', `dbPath ${join(dataDir, 'dynamodb')}`], { encoding: 'utf8' })
      .trim()
      .split('\n');
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

afterAll(async () => {
  // Whatever a failed assertion left running is stopped the way a user would.
  if (existsSync(ownerFile)) await procwatch('local', 'stop');
});

it('keeps one DynamoDB Local that read commands reuse, and stops it', async () => {
  expect((await procwatch('local', 'status')).code).toBe(1);
  const started = await procwatch('local', 'start');
  expect(started.code).toBe(0);
  expect(started.out).toMatch(/DynamoDB Local is running on 127\.0\.0\.1:\d+ .*read commands reuse it/);
  const kept = jvms();
  expect(kept).toHaveLength(1);
  const owner = JSON.parse(readFileSync(ownerFile, 'utf8'));
  expect(owner).toEqual(expect.objectContaining({ shared: true, command: 'procwatch local start' }));

  const [changes, sources] = await Promise.all([procwatch('changes'), procwatch('sources', '--json')]);
  expect([changes.code, changes.out]).toEqual([0, 'No changes recorded for that filter.\n']);
  expect(sources.code).toBe(0);
  expect(JSON.parse(sources.out).length).toBeGreaterThan(0);
  expect(jvms()).toEqual(kept);
  expect(JSON.parse(readFileSync(ownerFile, 'utf8')).ownerPid).toBe(owner.ownerPid);

  // A second start finds it running and starts nothing.
  expect((await procwatch('local', 'start')).out).toMatch(new RegExp(`pid ${owner.ownerPid}`));
  expect(jvms()).toEqual(kept);

  const stopped = await procwatch('local', 'stop');
  expect([stopped.code, stopped.out]).toEqual([0, `procwatch: stopped the local store for ${dataDir}/dynamodb.\n`]);
  expect(jvms()).toEqual([]);
  expect(existsSync(ownerFile)).toBe(false);
  expect((await procwatch('local', 'status')).out).toMatch(/no local store is running/);
}, 240_000);
