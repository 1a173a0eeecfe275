/**
 * `npm run docs:example-alert`: regenerates docs/example-alert.{html,txt,png} from the demo, so
 * the example in the docs is always an email the code sends today. It runs `procwatch demo` as a
 * user would, picks the t1 alert about the changed BSCC letter from its outbox, writes its HTML
 * and text parts unchanged (with a header saying where they came from), and screenshots the HTML
 * in headless Chromium when /usr/bin/chromium is there.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';

const ROOT = join(__dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
/** The example: the changed BSCC letter (a diff, a change note, a thread), the richest single alert. */
const PICK = (m: ParsedMail) => /^Changed: Letter from BSCC/.test(m.subject ?? '');

export interface ExampleAlert {
  subject: string;
  messageId: string;
  html: string;
  text: string;
}

/** The example alert among a demo outbox's .eml files. */
export async function exampleFrom(outbox: string): Promise<ExampleAlert> {
  for (const f of readdirSync(outbox)
    .filter((n) => n.endsWith('.eml'))
    .sort()) {
    const mail = await simpleParser(readFileSync(join(outbox, f)));
    if (PICK(mail) && mail.html)
      return { subject: mail.subject!, messageId: mail.messageId!, html: mail.html, text: mail.text ?? '' };
  }
  throw new Error(`No "Changed: Letter from BSCC" alert in ${outbox}: did the demo's t1 step change?`);
}

export function exampleHtml(e: ExampleAlert): string {
  return (
    `<!-- Example alert email (HTML part), produced by \`npm run demo\` (step t1, the changed BSCC letter) and ` +
    `extracted unchanged by \`npm run docs:example-alert\`.\n     Subject: ${e.subject}\n` +
    `     Message-ID: ${e.messageId} -->\n${e.html}\n`
  );
}

export function exampleText(e: ExampleAlert): string {
  return `Subject: ${e.subject}\n\n${e.text.trimEnd()}\n`;
}

/** What changes from one demo run to the next (the time, the signed unsubscribe token), blanked for comparison. */
export function stableParts(doc: string): string {
  return doc
    .replace(/token=[A-Za-z0-9_.~%-]+/g, 'token=…')
    .replace(/\d{1,2} \w{3} \d{4}, \d{2}:\d{2} \(London\)/g, 'DATE (London)');
}

async function screenshot(htmlFile: string, pngFile: string): Promise<boolean> {
  if (!existsSync(CHROMIUM)) return false;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 720, height: 900 } });
    await page.goto(`file://${htmlFile}`);
    await page.screenshot({ path: pngFile, fullPage: true });
    return true;
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const outbox = mkdtempSync(join(tmpdir(), 'procwatch-example-'));
  const demo = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'bin/procwatch.ts'), 'demo', '--outbox', outbox],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (demo.status !== 0) throw new Error(`npm run demo failed (exit ${demo.status})`);
  const example = await exampleFrom(outbox);
  const html = join(ROOT, 'docs/example-alert.html');
  writeFileSync(html, exampleHtml(example));
  writeFileSync(join(ROOT, 'docs/example-alert.txt'), exampleText(example));
  const shot = await screenshot(html, join(ROOT, 'docs/example-alert.png'));
  process.stdout.write(
    `docs/example-alert.html and .txt written from "${example.subject}"` +
      `${shot ? ', docs/example-alert.png taken' : ` (no ${CHROMIUM}: the screenshot was left as it was)`}.\n`,
  );
}

if (require.main === module)
  main().catch((err: unknown) => {
    process.stderr.write(`docs:example-alert: ${(err as Error).message}\n`);
    process.exitCode = 1;
  });
