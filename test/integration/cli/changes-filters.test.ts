/** `procwatch changes` with a typo: exit 2 and the valid values, before any store is started. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

function procwatch(...args: string[]) {
  const res = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'bin/procwatch.ts'), ...args],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
  );
  return { code: res.status, out: res.stdout, err: res.stderr };
}

it('an unknown source is exit 2 listing the configured ones', () => {
  const r = procwatch('changes', '--source', 'bscc');
  expect(r.code).toBe(2);
  expect(r.err.trim().split('\n')).toHaveLength(1);
  expect(r.err).toMatch(/"bscc" is not a known source; known: bscc-correspondence, never-again-publication,/);
});

it('an unknown type is exit 2 listing the types, configured ones included; repeated flags are all checked', () => {
  const r = procwatch('changes', '--type', 'new-correspondence', '--type', 'new-letter');
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/"new-letter" is not a known change type; known: new-correspondence,.*supplier-debarred/);
});

it('an unknown order is exit 2', () => {
  expect(procwatch('changes', '--order', 'sideways').code).toBe(2);
});

it('a replay step that does not exist is a usage error naming the steps', () => {
  const r = procwatch('run', '--replay', 'demo/replay', '--step', 't9');
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/no replay step "t9" in demo\/replay \(steps: t0, t1, t2, t3, t4\)/);
});
