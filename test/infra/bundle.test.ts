/**
 * Each function built as the stack builds it (the same esbuild options, local, no Docker): one
 * checker per schedule group of the shipped config, from the entry the stack generates, and the three
 * other handlers; and what the bundling hook copies beside it: the bundle stays under budget, and the
 * files the handler reads from its own folder are there and load.
 *
 * Budget: 800 KB of minified JavaScript per function (issue 17). Each has its own composition, and a
 * checker only its group's source kinds, so each bundle holds only its own packages; zod keeps its
 * English messages alone, undici its Agent and request. Size only: cold-start time is the benchmark's
 * business, not a test's.
 */
import 'aws-cdk-lib/testhelpers/jest-autoclean';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { loadResolvedConfigFile } from '../../lambdas/adapters/fs/resolved-config-file';
import { allowedHosts } from '../../lambdas/config';
import { loadKnownCorpus } from '../../lambdas/adapters/fs/known-correspondence';
import { writeCheckerEntries } from '../../lib/constructs/checker-entries';
import { bundleCopyCommands, esbuildOptions, PDF_READER_FILES } from '../../lib/constructs/handler-function';
import { deploySettings } from '../../lib/deploy-settings';
import { PROJECT_ROOT, repoConfig } from '../../devtools/synth/synth-stack';

const BUNDLE_BUDGET_BYTES = 800_000;
type Packages = { undici: boolean; parsers: string[]; nodemailer: boolean; sdk: string[]; zod: boolean };
const checker = (parsers: string[]): Packages => ({
  undici: true,
  parsers,
  nodemailer: false,
  sdk: ['dynamodb'],
  zod: true,
});
/**
 * The heavy packages each function carries: undici and its kinds' parsers in a group's checker (HTML
 * for pages and GOV.UK bodies, selectors for the configured lists, CSV for the debarment list's
 * attachment, XML for legislation.gov.uk's feeds), the composer in the sender. None reads the kinds'
 * declarations: every function reads the config synth resolved (lambdas/resolved-config.ts).
 */
const PACKAGES: Record<string, Packages> = {
  'check-campaigns': checker(['htmlparser2', 'cheerio/']),
  'check-govuk': checker(['htmlparser2', 'cheerio/', 'csv-parse']),
  'check-legislation': checker(['fast-xml-parser']),
  'check-parliament': checker(['htmlparser2']),
  'check-procurement': checker([]),
  'send-alerts': {
    undici: false,
    parsers: [],
    nodemailer: true,
    sdk: ['dynamodb', 'secrets-manager', 'sesv2', 'ssm'],
    // Nothing the sender reads is checked by a schema: the config was, at synth.
    zod: false,
  },
  'query-api': {
    undici: false,
    parsers: [],
    nodemailer: false,
    sdk: ['dynamodb', 'secrets-manager', 'ssm'],
    zod: true,
  },
  'ses-feedback': { undici: false, parsers: [], nodemailer: false, sdk: ['dynamodb'], zod: true },
};
const PARSERS = ['htmlparser2', 'cheerio/', 'csv-parse', 'fast-xml-parser'];
/** Where the config's schemas live: the CLI and synth read these, no function. */
const CONFIG_SCHEMA_FILES = new RegExp(
  [
    '^(config|config-endpoints|config-secrets|adapters/fs/config-file)\\.ts$',
    '^sources/(config-fields|declarations|css-selector)\\.ts$',
    '(declaration|table-spec-schema)\\.ts$',
  ].join('|'),
);
const groupEntries = writeCheckerEntries(PROJECT_ROOT, repoConfig().sources);
/** A handler's entry: the generated one for a group's checker, else its file in lambdas/handlers/. */
const entryOf = (name: string) =>
  groupEntries.find((e) => `check-${e.group}` === name)?.file ??
  join(PROJECT_ROOT, 'lambdas', 'handlers', `${name}.ts`);
const HANDLERS = Object.keys(PACKAGES);

it('checks a checker for every group of the shipped config, and for no group it lacks', () => {
  expect(HANDLERS.filter((h) => h.startsWith('check-')).sort()).toEqual(groupEntries.map((e) => `check-${e.group}`));
});

/** Bytes each package contributes to the bundle, by the files esbuild kept. */
const inBundle = (inputs: Record<string, { bytesInOutput: number }>, path: string) =>
  Object.entries(inputs)
    .filter(([f, { bytesInOutput }]) => f.includes(path) && bytesInOutput > 0)
    .map(([f]) => f.slice(f.indexOf(path) + path.length));

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe.each(HANDLERS)('the %s bundle', (handler) => {
  const out = mkdtempSync(join(tmpdir(), `procwatch-bundle-${handler}-`));
  dirs.push(out);

  it(`is under ${BUNDLE_BUDGET_BYTES / 1e3} KB minified, with only the packages it uses`, async () => {
    const result = await build({
      entryPoints: [entryOf(handler)],
      ...esbuildOptions(PROJECT_ROOT),
      outfile: join(out, 'index.js'),
      metafile: true,
      logLevel: 'silent',
    });
    const output = result.metafile.outputs[Object.keys(result.metafile.outputs).find((f) => f.endsWith('index.js'))!];
    process.stdout.write(`bundle ${handler}: ${output.bytes} bytes (budget ${BUNDLE_BUDGET_BYTES})\n`);
    expect(output.bytes).toBeLessThan(BUNDLE_BUDGET_BYTES);
    // The SDK is bundled (BUNDLE_OPTIONS), each function with the clients it calls and no other.
    const clients = inBundle(output.inputs, 'node_modules/@aws-sdk/client-').map((f) => f.split('/')[0]);
    expect([...new Set(clients)].sort()).toEqual(PACKAGES[handler].sdk);
    // Paths no function takes stay out (see BUNDLE_OPTIONS.externalModules).
    expect(inBundle(output.inputs, 'node_modules/undici/lib/web/')).toEqual([]);
    expect(inBundle(output.inputs, 'node_modules/@smithy/core/dist-es/submodules/event-streams/')).toEqual([]);
    // Validation messages in English only: `import * as z from 'zod'` lets esbuild drop the other locales.
    expect(inBundle(output.inputs, 'node_modules/zod/v4/locales/')).toEqual(PACKAGES[handler].zod ? ['en.js'] : []);
    expect(inBundle(output.inputs, 'node_modules/zod/').length > 0).toBe(PACKAGES[handler].zod);
    // No function carries or builds the config's schemas: it reads the file synth resolved (resolved-config.ts).
    expect(inBundle(output.inputs, 'lambdas/').filter((f) => CONFIG_SCHEMA_FILES.test(f))).toEqual([]);
    expect(inBundle(output.inputs, 'node_modules/undici/').length > 0).toBe(PACKAGES[handler].undici);
    const parsers = PARSERS.filter((p) => inBundle(output.inputs, `node_modules/${p}`).length > 0);
    expect(parsers).toEqual(PACKAGES[handler].parsers);
    // One copy of the HTML entity tables, shared by the parser and the serializer (package.json overrides).
    expect(inBundle(output.inputs, 'decode-data-html.js').length).toBeLessThanOrEqual(1);
    // The sender composes MIME with nodemailer's composer; no transport is bundled anywhere.
    const mail = inBundle(output.inputs, 'node_modules/nodemailer/dist/');
    expect(mail.some((f) => f.includes('mail-composer'))).toBe(PACKAGES[handler].nodemailer);
    expect(mail.filter((f) => /transport|smtp/.test(f))).toEqual([]);
  });

  it(
    'gets the config file, known correspondence and party table beside it, ' + 'where handler-runtime.ts reads them',
    () => {
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
      // The same validated config, sending through SES, resolved with its sources' hosts.
      const { config: deployed, allowedHosts: hosts } = loadResolvedConfigFile(join(out, 'procwatch.resolved.json'));
      expect(deployed.sources).toEqual(config.sources);
      expect(deployed.endpoints).toEqual(config.endpoints);
      expect(hosts).toEqual(allowedHosts(config));
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
    },
  );
});

it('reads a PDF as deployed: the reader bundled like a handler, unpdf copied beside it only', async () => {
  const out = mkdtempSync(join(tmpdir(), 'procwatch-bundle-pdf-'));
  dirs.push(out);
  await build({
    entryPoints: [join(PROJECT_ROOT, 'lambdas', 'adapters', 'pdf', 'pdf-text-extractor.ts')],
    ...esbuildOptions(PROJECT_ROOT),
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

it("makes HTTP requests as deployed: undici's SIMD parser in, its fallback and FormData writer out", async () => {
  const out = mkdtempSync(join(tmpdir(), 'procwatch-bundle-http-'));
  dirs.push(out);
  await build({
    entryPoints: [join(PROJECT_ROOT, 'lambdas', 'adapters', 'http', 'undici-request.ts')],
    ...esbuildOptions(PROJECT_ROOT),
    outfile: join(out, 'index.js'),
    logLevel: 'silent',
  });
  // A fresh Node process (no JEST_WORKER_ID, which makes undici load the fallback) asks a loopback server:
  // a GET as the fetcher sends it, and a POST with a string body as the webhook sender does.
  const script = `const { Agent, request } = require('./index.js');
    const server = require('node:http').createServer((q, s) => {
      let body = '';
      q.on('data', (c) => (body += c)).on('end', () => s.end(q.method + ' ' + (body || 'parsed')));
    }).listen(0, '127.0.0.1', async () => {
      const agent = new Agent();
      const url = 'http://127.0.0.1:' + server.address().port + '/';
      const get = await request(url, { dispatcher: agent, method: 'GET' });
      console.log(get.statusCode, await get.body.text());
      const post = await request(url, { dispatcher: agent, method: 'POST', body: '{"signed":true}' });
      console.log(post.statusCode, await post.body.text());
      await agent.close();
      server.close();
    });`;
  const env = { ...process.env };
  delete env.JEST_WORKER_ID;
  expect(
    execFileSync(process.execPath, ['-e', script], { cwd: out, encoding: 'utf8', env }).trim().split('\n'),
  ).toEqual(['200 GET parsed', '200 POST {"signed":true}']);
});

it('calls DynamoDB as deployed: the SDK without its event-stream codec, credentials from the environment', async () => {
  const out = mkdtempSync(join(tmpdir(), 'procwatch-bundle-sdk-'));
  dirs.push(out);
  await build({
    stdin: {
      contents: "export { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';",
      resolveDir: PROJECT_ROOT,
    },
    ...esbuildOptions(PROJECT_ROOT),
    outfile: join(out, 'index.js'),
    logLevel: 'silent',
  });
  // A loopback stand-in for DynamoDB's JSON protocol answers one GetItem; the signed request must reach it.
  const script = `const { DynamoDBClient, GetItemCommand } = require('./index.js');
    const server = require('node:http').createServer((q, s) => {
      let body = '';
      q.on('data', (c) => (body += c)).on('end', () => {
        const signed = /^AWS4-HMAC-SHA256 Credential=AKIDSTANDIN\\//.test(q.headers.authorization || '');
        s.setHeader('content-type', 'application/x-amz-json-1.0');
        const said = [q.headers['x-amz-target'], signed, JSON.parse(body).TableName].join(' ');
        s.end(JSON.stringify({ Item: { pk: { S: said } } }));
      });
    }).listen(0, '127.0.0.1', async () => {
      const client = new DynamoDBClient({ region: 'eu-west-2', endpoint: 'http://127.0.0.1:' + server.address().port });
      const r = await client.send(new GetItemCommand({ TableName: 'procwatch', Key: { pk: { S: 'a' } } }));
      console.log(r.Item.pk.S);
      client.destroy();
      server.close();
    });`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'AKIDSTANDIN',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_SESSION_TOKEN: 't',
  };
  delete env.AWS_PROFILE;
  expect(execFileSync(process.execPath, ['-e', script], { cwd: out, encoding: 'utf8', env }).trim()).toBe(
    'DynamoDB_20120810.GetItem true procwatch',
  );
});

it('names the TypeScript source in a stack trace as deployed, with no --enable-source-maps', async () => {
  const out = mkdtempSync(join(tmpdir(), 'procwatch-bundle-map-'));
  dirs.push(out);
  await build({
    stdin: {
      // A config file that is not there: the ConfigError is thrown inside json-file.ts, called from
      // handler-runtime.ts, both in the bundle.
      contents: [
        "import { lambdaConfig } from './lambdas/handlers/handler-runtime';",
        'export const stack = () => {',
        "  try { lambdaConfig({ PROCWATCH_CONFIG_PATH: '/nonexistent/procwatch.resolved.json' }); }",
        '  catch (e) { return (e as Error).stack; }',
        '};',
      ].join('\n'),
      resolveDir: PROJECT_ROOT,
      loader: 'ts',
    },
    ...esbuildOptions(PROJECT_ROOT),
    outfile: join(out, 'index.js'),
    logLevel: 'silent',
  });
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const stack = execFileSync(process.execPath, ['-e', "console.log(require('./index.js').stack())"], {
    cwd: out,
    encoding: 'utf8',
    env,
  });
  expect(stack.split('\n')[0]).toMatch(/nonexistent\/procwatch\.resolved\.json/);
  expect(stack).toMatch(/^ {4}at \S+ \(lambdas\/adapters\/fs\/json-file\.ts:\d+:\d+\)$/m);
  expect(stack).toMatch(/^ {4}at \S+ \(lambdas\/handlers\/handler-runtime\.ts:\d+:\d+\)$/m);
  // Without the map beside it, the same bundle prints V8's own frames.
  rmSync(join(out, 'index.js.map'));
  const raw = execFileSync(process.execPath, ['-e', "console.log(require('./index.js').stack())"], {
    cwd: out,
    encoding: 'utf8',
    env,
  });
  expect(raw).not.toMatch(/config-file\.ts/);
  expect(raw).toMatch(/index\.js:\d+:\d+/);
});
