/**
 * `npm test`'s first step on a machine that lacks a requirement: it stops at once with the sentence that
 * says what to install. Run as `npm test` runs it, with a PATH holding only the tools a test lays out.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium, findJava } from '../../support/requirements';

const ROOT = join(__dirname, '..', '..', '..');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** A PATH folder holding only the named tools (as empty executables). */
function pathWith(...tools: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'procwatch-path-'));
  for (const tool of tools) {
    writeFileSync(join(dir, tool), '#!/bin/sh\n');
    chmodSync(join(dir, tool), 0o755);
  }
  return dir;
}

function check(env: Record<string, string>) {
  const started = Date.now();
  const run = spawnSync(process.execPath, [TSX, 'test/support/check-requirements.ts'], {
    cwd: ROOT,
    env: { HOME: process.env.HOME ?? '/tmp', ...env },
    encoding: 'utf8',
  });
  return { status: run.status, stderr: run.stderr, ms: Date.now() - started };
}

it('names a missing browser in one sentence with its install command, and stops', () => {
  const out = check({ PATH: pathWith('java') });
  expect(out.status).toBe(1);
  const lines = out.stderr.trim().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(/Chromium or Chrome .*apt-get install chromium.*PROCWATCH_CHROMIUM/);
  // Measured, not asserted beyond a generous bound: the point is that nothing slow ran first.
  expect(out.ms).toBeLessThan(10_000);
});

it('names a missing Java runtime, and both when both are missing', () => {
  expect(check({ PATH: pathWith('chromium') }).stderr).toMatch(/Java runtime .*openjdk-17-jre-headless/);
  const both = check({ PATH: pathWith() }).stderr.trim().split('\n');
  expect(both).toHaveLength(3);
});

it('passes with both present, and takes the browser PROCWATCH_CHROMIUM names', () => {
  expect(check({ PATH: pathWith('java', 'google-chrome') }).status).toBe(0);
  const dir = pathWith('java');
  const chrome = join(pathWith('my-chrome'), 'my-chrome');
  expect(check({ PATH: dir, PROCWATCH_CHROMIUM: chrome }).status).toBe(0);
  expect(findChromium({ PATH: dir, PROCWATCH_CHROMIUM: chrome })).toBe(chrome);
  const wrong = check({ PATH: pathWith('java', 'chromium'), PROCWATCH_CHROMIUM: '/nowhere/chrome' });
  expect(wrong.status).toBe(1);
  expect(wrong.stderr).toMatch(/PROCWATCH_CHROMIUM=\/nowhere\/chrome is not an executable file/);
});

it('finds Java through JAVA_HOME as DynamoDB Local starts it', () => {
  const home = mkdtempSync(join(tmpdir(), 'procwatch-java-'));
  symlinkSync(pathWith('java'), join(home, 'bin'));
  expect(findJava({ PATH: '', JAVA_HOME: home })).toBe(join(home, 'bin', 'java'));
});
