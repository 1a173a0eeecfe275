/** The `procwatch` command as a user runs it: a real child process, real files, real exit codes. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { exampleFrom, exampleHtml, exampleText, stableParts } from '../../../demo/example-alert';

const ROOT = join(__dirname, '..', '..', '..');

function procwatch(...args: string[]) {
  const res = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'bin/procwatch.ts'), ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    },
  );
  return { code: res.status, out: res.stdout, err: res.stderr };
}

describe('procwatch match', () => {
  it.each([
    [
      'the re-worded third-party copy itself',
      'data/known-correspondence/2021-08-10-hikvision-to-bscc.txt',
      '2021-08-10-hikvision-to-bscc',
    ],
    [
      "GOV.UK's official wording of the same letter",
      'test/fixtures/letters/2021-08-10-hikvision-to-bscc.official.txt',
      '2021-08-10-hikvision-to-bscc',
    ],
    [
      'the BSCC letter of 21 March 2022',
      'data/known-correspondence/2022-03-21-bscc-to-hikvision.txt',
      '2022-03-21-bscc-to-hikvision',
    ],
    ["Free Tibet's letter", 'data/known-correspondence/free-tibet-to-hikvision-uk.txt', 'free-tibet-to-hikvision-uk'],
    [
      'a different letter between the same correspondents',
      'test/fixtures/letters/2023-bscc-to-hikvision-different-letter.txt',
      null,
    ],
  ])('classifies %s', (_name, file, expected) => {
    const { code, out } = procwatch('match', file);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.match).toBe(expected);
    expect(result.similarity).toBeGreaterThanOrEqual(0);
    expect(result.similarity).toBeLessThanOrEqual(1);
    expect(result.thread).toMatch(/--hikvision$/);
  });

  it('takes another known-correspondence folder with --known', () => {
    const dir = mkdtempSync(join(tmpdir(), 'known-'));
    writeFileSync(join(dir, 'index.json'), JSON.stringify({ letters: [] }));
    const { code, out } = procwatch(
      'match',
      'test/fixtures/letters/2021-08-10-hikvision-to-bscc.official.txt',
      '--known',
      dir,
    );
    expect(code).toBe(0);
    expect(JSON.parse(out).match).toBeNull();
  });

  it('says in one line when the file is missing, exit 2', () => {
    const { code, err } = procwatch('match', 'no-such-letter.txt');
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/Cannot read no-such-letter\.txt/);
  });
});

describe('procwatch usage and configuration errors', () => {
  it('an unknown command is a usage error (exit 2)', () => {
    expect(procwatch('frobnicate').code).toBe(2);
  });

  it('--help works on every command', () => {
    for (const cmd of ['run', 'changes', 'show', 'match', 'demo', 'send', 'resend', 'subscribers']) {
      const { code, out } = procwatch(cmd, '--help');
      expect(code).toBe(0);
      expect(out).toMatch(/Usage: procwatch/);
    }
  });

  it('resend takes one change id or --failed, not both nor neither (exit 2)', () => {
    for (const args of [['resend'], ['resend', 'some-change', '--failed']]) {
      const { code, err } = procwatch(...args);
      expect(code).toBe(2);
      expect(err).toMatch(/Name one change id, or pass --failed/);
    }
  });

  it('a bad config is rejected with one line per problem and exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify(
        {
          contact: 'me@example.org',
          sources: [
            { id: 'ok-source', kind: 'govuk-search', organisations: ['x'], documentTypes: ['correspondence'] },
            { id: 'Bad Id', kind: 'govuk-search', organisations: 'x', documentTypes: ['correspondence'] },
            { id: 'nope', kind: 'rss' },
          ],
          alerts: { from: 'not-an-email', to: ['a@example.org'] },
        },
        null,
        2,
      ),
    );
    const { code, err } = procwatch('--config', file, 'run', '--source', 'ok-source');
    expect(code).toBe(2);
    expect(err).toMatch(/alerts\.from: must be an e-mail address/);
    expect(err).toMatch(/sources\[1\] "Bad Id" \(line \d+\): id:/);
    expect(err).toMatch(/sources\[1\] "Bad Id" \(line \d+\): organisations:/);
    expect(err).toMatch(/sources\[2\] "nope" \(line \d+\): kind "rss" is not one of/);
  });
});

describe('procwatch run --replay, changes and show', () => {
  it('runs a cycle offline against a replay folder and lists the change log', () => {
    const data = mkdtempSync(join(tmpdir(), 'procwatch-data-'));
    const config = join(data, 'procwatch.config.json');
    const base = JSON.parse(readFileSync(join(ROOT, 'procwatch.config.json'), 'utf8'));
    writeFileSync(
      config,
      JSON.stringify({
        ...base,
        sources: base.sources.filter(
          (s: { group?: string }) =>
            (s.group ?? 'govuk') === 'govuk' &&
            ['bscc-correspondence', 'never-again-publication'].includes((s as { id: string }).id),
        ),
        store: { dataDir: data },
        mailer: { kind: 'outbox', dir: join(data, 'outbox') },
        knownCorrespondence: join(ROOT, 'data/known-correspondence'),
      }),
    );
    const t0 = procwatch('--config', config, 'run', '--replay', 'demo/replay/t0');
    expect(t0.err).toBe('');
    expect(t0.code).toBe(0);
    expect(t0.out).toMatch(/bscc-correspondence: baseline recorded/);
    const t1 = procwatch('--config', config, 'run', '--replay', 'demo/replay', '--step', 't1');
    expect(t1.code).toBe(0);
    expect(t1.out).toMatch(/\[new-correspondence\] New letter: BSCC to Hikvision/);
    const list = procwatch('--config', config, 'changes', '--type', 'document-changed', '--json');
    expect(list.code).toBe(0);
    const changes = JSON.parse(list.out);
    expect(changes).toHaveLength(1);
    const show = procwatch('--config', config, 'show', changes[0].changeId);
    expect(show.code).toBe(0);
    expect(show.out).toMatch(/\[-19-\]|\{\+26/);
  });
});

describe('procwatch demo', () => {
  it('runs every step offline and shows every alert type, delivered over SMTP and to the outbox', () => {
    const outbox = mkdtempSync(join(tmpdir(), 'demo-outbox-'));
    const { code, out, err } = procwatch('demo', '--outbox', outbox);
    expect(err).toBe('');
    expect(code).toBe(0);
    for (const type of [
      'baseline',
      'new-correspondence',
      'document-changed',
      'document-withdrawn',
      'bill-stage-changed',
      'new-bill-publication',
      'amendment-tabled',
      'new-legislation',
      'legislation-changed',
      'supplier-debarred',
      'supplier-removed',
      'debarment-changed',
    ]) {
      expect(out).toContain(`[${type}]`);
    }
    expect(out).toMatch(/== step 3 \(t1\): nothing changed[\s\S]*?\n {2}\d+ HTTP requests, 0 alert\(s\) delivered/);
    const sent = Number(/(\d+) email\(s\) sent: (\d+) received by the local SMTP server/.exec(out)?.[1]);
    expect(sent).toBeGreaterThan(0);
    expect(out).toContain(`${sent} email(s) sent: ${sent} received by the local SMTP server`);
    // The webhook beside email: every POST signed, verified by the local receiver, none twice.
    const posts =
      /(\d+) webhook POST\(s\) received by the local HTTP server at \S+, each signature verified \((\d+) refused, (\d+) repeated\)/.exec(
        out,
      );
    expect(Number(posts?.[1])).toBeGreaterThan(0);
    expect([posts?.[2], posts?.[3]]).toEqual(['0', '0']);
    expect(readdirSync(outbox).filter((f: string) => f.endsWith('.eml'))).toHaveLength(sent);
  });

  it(
    'is where docs/example-alert.html and .txt come from: `npm run ' + 'docs:example-alert` wrote them, not a person',
    async () => {
      const outbox = mkdtempSync(join(tmpdir(), 'demo-outbox-'));
      expect(procwatch('demo', '--outbox', outbox).code).toBe(0);
      const example = await exampleFrom(outbox);
      const doc = (f: string) => stableParts(readFileSync(join(ROOT, 'docs', f), 'utf8'));
      expect(doc('example-alert.html')).toBe(stableParts(exampleHtml(example)));
      expect(doc('example-alert.txt')).toBe(stableParts(exampleText(example)));
    },
  );

  it('describes every step in --help', () => {
    const { out } = procwatch('demo', '--help');
    for (const step of ['1. t0:', '2. t1:', '3. t1:', '4. t2:', '5. t3:', '6. t4:']) expect(out).toContain(step);
    expect(out).toContain('procwatch serve --demo');
  });

  // The demo runs above left their changes in the demo store: `serve --demo` must show them.
  it('leaves its changes where procwatch serve --demo shows them', async () => {
    const serve = spawn(
      process.execPath,
      [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'bin/procwatch.ts'), 'serve', '--demo', '--port', '0'],
      { cwd: ROOT, env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
    );
    const exited = new Promise((resolve) => serve.once('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        serve.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /serving the change log at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
          if (m) resolve(m[1]);
        });
        serve.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
      });
      const page = (await (await fetch(`${url}/changes?type=tender-published`)).json()) as { items: unknown[] };
      expect(page.items.length).toBeGreaterThan(0);
      const all = (await (await fetch(`${url}/changes?limit=100`)).json()) as { items: { type: string }[] };
      // t4's Parliament answers among them: a written question answered, a written statement made.
      expect(all.items.map((c) => c.type)).toEqual(
        expect.arrayContaining(['baseline', 'new-correspondence', 'question-answered', 'statement-made']),
      );
    } finally {
      serve.kill('SIGTERM');
      await exited;
    }
  }, 120_000);
});
