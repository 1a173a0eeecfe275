/**
 * A scraped title that tries to act on the reader's terminal (set its title, clear the screen, ring
 * the bell, reverse the text after it) reaches `procwatch run`'s output and the alert e-mail inert.
 * Real CLI processes, the replay server serving a copy of the demo steps with that one title changed.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';

const ROOT = join(__dirname, '..', '..', '..');
/** The Northmoor letter, changed at t1: its subject is "Changed: <title>". */
const LETTER =
  'content/letter-to-the-police-and-crime-commissioner-for-northmoor-on-live-facial-recognition/' +
  'letter-from-bscc-to-the-police-and-crime-commissioner-for-northmoor-6-february-2023-accessible.json';
const HOSTILE = 'Letter\u001b]0;pwned\u0007 from BSCC\u001b[2J\u001b[H to Hikvision \u202e3202 rebmetpeS\u202c\u200b';
const ACTIVE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

describe('hostile text', () => {
  jest.setTimeout(120_000);

  it('reaches the terminal and the e-mail subject and text inert', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'procwatch-hostile-'));
    const replay = join(dir, 'replay');
    cpSync(join(ROOT, 'demo/replay'), replay, { recursive: true });
    for (const step of ['t0', 't1']) {
      const letter = JSON.parse(readFileSync(join(replay, step, LETTER), 'utf8'));
      writeFileSync(join(replay, step, LETTER), JSON.stringify({ ...letter, title: HOSTILE }));
    }
    const base = JSON.parse(readFileSync(join(ROOT, 'procwatch.config.json'), 'utf8'));
    const config = join(dir, 'procwatch.config.json');
    const outbox = join(dir, 'outbox');
    // The BSCC source only: the procurement steps serve files from test/fixtures by relative path.
    const sources = base.sources.filter((x: { id: string }) => x.id === 'bscc-correspondence');
    writeFileSync(
      config,
      JSON.stringify({
        ...base,
        sources,
        store: { dataDir: join(dir, 'data') },
        mailer: { kind: 'outbox', dir: outbox },
      }),
    );
    const run = (step: string) =>
      spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          join(ROOT, 'bin/procwatch.ts'),
          '--config',
          config,
          'run',
          '--replay',
          replay,
          '--step',
          step,
        ],
        {
          cwd: ROOT,
          encoding: 'utf8',
          env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        },
      );
    const t0 = run('t0');
    expect(t0.stderr).toBe('');
    expect(t0.status).toBe(0);
    const t1 = run('t1');
    expect(t1.stdout).toMatch(/alert {3}\[document-changed\] Changed: Letter\]0;pwned from BSCC/);
    expect(t1.stdout).not.toMatch(ACTIVE);
    expect(t1.stderr).not.toMatch(ACTIVE);
    const mails = await Promise.all(
      readdirSync(outbox)
        .filter((f) => f.endsWith('.eml'))
        .map((f) => simpleParser(readFileSync(join(outbox, f)))),
    );
    const hostile = mails.filter((m) => /pwned/.test(`${m.subject} ${m.text}`));
    expect(hostile.length).toBeGreaterThan(0);
    for (const m of hostile) {
      expect(m.subject).not.toMatch(ACTIVE);
      expect(m.text ?? '').not.toMatch(ACTIVE);
    }
  });
});
