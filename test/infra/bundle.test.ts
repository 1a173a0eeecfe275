/**
 * Each handler built as the stack builds it (the same esbuild options, local, no Docker), and what
 * the bundling hook copies beside it: the bundle stays under budget, and the files the handler
 * reads from its own folder are there and load.
 *
 * Budget: 1.8 MB of minified JavaScript per handler (measured 1.6 MB, November 2026: undici
 * ~0.5 MB, zod ~0.45 MB, nodemailer ~0.25 MB; cheerio/slim keeps parse5 and iconv-lite out).
 * Size only: cold-start time is the benchmark's business, not a test's.
 */
import 'aws-cdk-lib/testhelpers/jest-autoclean';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { loadConfigFile } from '../../lambdas/adapters/fs/config-file';
import { loadKnownCorpus } from '../../lambdas/adapters/fs/known-correspondence';
import { BUNDLE_OPTIONS, bundleCopyCommands, PDF_READER_FILES } from '../../lib/constructs/handler-function';
import { deploySettings } from '../../lib/deploy-settings';
import { PROJECT_ROOT, repoConfig } from './synth-stack';

const BUNDLE_BUDGET_BYTES = 1_800_000;
const HANDLERS = ['check-sources', 'send-alerts', 'query-api', 'ses-feedback'];

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe.each(HANDLERS)('the %s bundle', (handler) => {
  const out = mkdtempSync(join(tmpdir(), `procwatch-bundle-${handler}-`));
  dirs.push(out);

  it(`is under ${BUNDLE_BUDGET_BYTES / 1e6} MB minified`, async () => {
    const result = await build({
      entryPoints: [join(PROJECT_ROOT, 'lambdas', 'handlers', `${handler}.ts`)],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: BUNDLE_OPTIONS.target,
      minify: BUNDLE_OPTIONS.minify,
      sourcemap: BUNDLE_OPTIONS.sourceMap,
      sourcesContent: BUNDLE_OPTIONS.sourcesContent,
      external: [...BUNDLE_OPTIONS.externalModules],
      outfile: join(out, 'index.js'),
      metafile: true,
      logLevel: 'silent',
    });
    const bytes =
      result.metafile.outputs[Object.keys(result.metafile.outputs).find((f) => f.endsWith('index.js'))!].bytes;
    process.stdout.write(`bundle ${handler}: ${bytes} bytes (budget ${BUNDLE_BUDGET_BYTES})\n`);
    expect(bytes).toBeLessThan(BUNDLE_BUDGET_BYTES);
    // The SDK stays out: the Node.js 22 runtime provides it.
    expect(Object.keys(result.metafile.inputs).some((f) => f.includes('node_modules/@aws-sdk/'))).toBe(false);
  });

  it('gets the config file, known correspondence and party table beside it, where handler-runtime.ts reads them', () => {
    const configPath = join(PROJECT_ROOT, 'procwatch.config.json');
    // With its placeholders filled in, as an operator deploys it (the shipped ones are refused at synth).
    const config = repoConfig();
    const { deployedConfig } = deploySettings(config, { configPath, projectRoot: PROJECT_ROOT });
    const commands = bundleCopyCommands(
      {
        projectRoot: PROJECT_ROOT,
        deployedConfig,
        knownCorrespondence: config.knownCorrespondence,
        extraFolders: ['web'],
      },
      out,
    );
    execFileSync('bash', ['-c', commands.join(' && ')], { cwd: PROJECT_ROOT });
    // The same validated config, sending through SES.
    const deployed = loadConfigFile(join(out, 'procwatch.config.json'));
    expect(deployed.sources).toEqual(config.sources);
    // Without its people: they live in the table (no-people-in-deploy.test.ts).
    expect(deployed.alerts).toEqual({ ...config.alerts, to: [] });
    expect(deployed.mailer.kind).toBe('ses');
    const known = loadKnownCorpus(join(out, config.knownCorrespondence), join(out, 'data', 'parties.json'));
    const original = loadKnownCorpus(
      join(PROJECT_ROOT, config.knownCorrespondence),
      join(PROJECT_ROOT, 'data', 'parties.json'),
    );
    expect(JSON.stringify(known)).toEqual(JSON.stringify(original));
    expect(readdirSync(join(out, 'web'))).toEqual(
      existsSync(join(PROJECT_ROOT, 'web')) ? readdirSync(join(PROJECT_ROOT, 'web')) : [],
    );
  });
});

it('reads a PDF as deployed: the reader bundled like a handler, unpdf copied beside it only', async () => {
  const out = mkdtempSync(join(tmpdir(), 'procwatch-bundle-pdf-'));
  dirs.push(out);
  await build({
    entryPoints: [join(PROJECT_ROOT, 'lambdas', 'adapters', 'pdf', 'pdf-text-extractor.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: BUNDLE_OPTIONS.target,
    minify: BUNDLE_OPTIONS.minify,
    external: [...BUNDLE_OPTIONS.externalModules],
    outfile: join(out, 'index.js'),
    logLevel: 'silent',
  });
  const commands = bundleCopyCommands(
    {
      projectRoot: PROJECT_ROOT,
      deployedConfig: '{}',
      knownCorrespondence: 'data/known-correspondence',
      extraFiles: PDF_READER_FILES,
    },
    out,
  );
  execFileSync('bash', ['-c', commands.join(' && ')], { cwd: PROJECT_ROOT });
  // A fresh Node process in the output folder, as the Lambda runtime loads it: no project node_modules.
  const script = `const { PdfTextExtractor } = require('./index.js');
    const bytes = require('node:fs').readFileSync(process.argv[1]);
    new PdfTextExtractor().extract(new Uint8Array(bytes), { url: 'x' }).then((t) => console.log(JSON.stringify(t)));`;
  const pdf = join(PROJECT_ROOT, 'test', 'fixtures', 'pdf', 'composed_hikvision-to-bscc-2024-01-12.pdf');
  const text = JSON.parse(execFileSync(process.execPath, ['-e', script, pdf], { cwd: out, encoding: 'utf8' }));
  expect(text.pages).toBe(1);
  expect(text.text).toMatch(/Dear Professor Sampson/);
});
