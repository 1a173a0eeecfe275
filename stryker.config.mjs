import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Mutation testing (issue 14): how many deliberate bugs in lambdas/core and lambdas/sources the unit tests
// catch. Slow, so never part of `npm test` or CI; `npm run test:mutation` then `npm run test:strength`.
//
// Measured in named runs, one per slice of the code: MUTATION_RUN=sources npx stryker run --mutate '<glob>'.
// Stryker writes its report and incremental file with only the files that run mutated, so one shared file
// would forget every other slice; each run keeps its own (devtools/mutation/runs/<name>.json, committed) and
// `npm run test:strength` merges them. Re-running a name with the same glob re-tests only what changed.
const run = process.env.MUTATION_RUN ?? 'all';
if (!/^[a-z0-9-]+$/.test(run)) throw new Error(`MUTATION_RUN must be a plain name, got ${run}`);
// Which test file holds which test, for devtools/mutation/covering-sequencer.js in the test runners (they
// inherit this process's environment; the sandbox they run in has no reports/ folder).
const projectRoot = dirname(fileURLToPath(import.meta.url));
process.env.MUTATION_PROJECT_ROOT = projectRoot;
process.env.MUTATION_TEST_INDEX = join(projectRoot, 'reports/mutation/test-names.json');
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  // The unit project exactly as `npm run test:unit` runs it, so the score speaks of the same tests.
  jest: { projectType: 'custom', configFile: 'devtools/mutation/jest-unit.config.js', enableFindRelatedTests: true },
  coverageAnalysis: 'perTest',
  mutate: [
    'lambdas/core/**/*.ts',
    'lambdas/sources/**/*.ts',
    // Use-cases that drive the Store, Fetcher, Leases and Outbox ports: only test/integration reaches them
    // (DynamoDB Local, the replay server, the SMTP sink), which is far too slow to run once per mutant.
    // docs/test-strength.md lists them with the tests that cover them instead.
    '!lambdas/core/check-source.ts',
    '!lambdas/core/scan-documents.ts',
    '!lambdas/core/source-run.ts',
    '!lambdas/core/run-cycle.ts',
    '!lambdas/core/cycle-lock.ts',
    '!lambdas/core/watch-once.ts',
    '!lambdas/core/deliver-alerts.ts',
    '!lambdas/core/delivery-context.ts',
    '!lambdas/core/record-feedback.ts',
    '!lambdas/core/resend-failed.ts',
    '!lambdas/core/run-delivery.ts',
    '!lambdas/core/send-digests.ts',
    '!lambdas/core/doctor.ts',
  ],
  // Two cores shared with other engineers' test runs.
  concurrency: 2,
  // A loaded machine makes slow runs look like infinite loops; allow for it.
  timeoutMS: 20_000,
  // Static mutants (module-level constants such as the regexes in core/text) run in every test file that
  // loads the module: on this machine that is hours per folder. They are left out of the score and counted
  // apart in docs/test-strength.md.
  ignoreStatic: true,
  incremental: true,
  // Committed, so the next run of the same name re-tests only mutants whose code or covering tests changed.
  incrementalFile: `devtools/mutation/runs/${run}.json`,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/${run}.json` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  ignorePatterns: ['docs', 'web', 'cdk.out', 'reports', '.procwatch', 'coverage'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
