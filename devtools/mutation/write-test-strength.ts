/**
 * Writes docs/test-strength.md from Stryker's JSON reports, so no figure in it is typed by hand: every
 * named run's (devtools/mutation/runs/<name>.json, the incremental file Stryker rewrites at the end of
 * each run, committed), merged, since each holds only the files its run mutated.
 *   MUTATION_RUN=<name> npm run test:mutation -- --mutate '<glob>' && npm run test:strength
 * `--save-baseline` also keeps today's scores in devtools/mutation/baseline.json, shown as "before" next time.
 */
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join, basename } from 'node:path';
import {
  mergeReports,
  scoresByFolder,
  survivorsThatMatter,
  type FolderScore,
  type MergedReport,
  type Survivor,
} from './strength-summary';

const root = join(__dirname, '..', '..');
const runsDir = join(root, 'devtools/mutation/runs');
const baselinePath = join(root, 'devtools/mutation/baseline.json');
const docPath = join(root, 'docs/test-strength.md');
const GOALS: Record<string, number> = {
  'lambdas/core/text': 80,
  'lambdas/sources (all)': 80,
  overall: 70,
};

async function main(): Promise<void> {
  const runs = readdirSync(runsDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: basename(f, '.json'), report: JSON.parse(readFileSync(join(runsDir, f), 'utf8')) }));
  const report = mergeReports(runs, (file) =>
    existsSync(join(root, file)) ? readFileSync(join(root, file), 'utf8') : null,
  );
  const scores = scoresByFolder(report);
  const baseline: FolderScore[] | null = existsSync(baselinePath)
    ? JSON.parse(readFileSync(baselinePath, 'utf8'))
    : null;
  if (process.argv.includes('--save-baseline')) writeFileSync(baselinePath, `${JSON.stringify(scores, null, 2)}\n`);
  const excluded = await excludedFiles();
  const unmeasured = ['lambdas/core', 'lambdas/sources']
    .flatMap(tsFilesUnder)
    .filter((f) => !excluded.includes(f) && !(f in report.files));
  writeFileSync(docPath, render(report, scores, baseline, survivorsThatMatter(report), excluded, unmeasured));
  process.stdout.write(`wrote ${docPath}\n`);
}

async function excludedFiles(): Promise<string[]> {
  const config = (await import(join(root, 'stryker.config.mjs'))).default as { mutate: string[] };
  return config.mutate.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
}

function tsFilesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .sort();
}

const pct = (n: number | null | undefined): string => (n == null ? '–' : `${n.toFixed(1)} %`);

function render(
  report: MergedReport,
  scores: FolderScore[],
  baseline: FolderScore[] | null,
  survivors: Survivor[],
  excluded: string[],
  unmeasured: string[],
): string {
  const before = new Map((baseline ?? []).map((s) => [s.folder, s.score]));
  const head = baseline ? '| folder | before | score | goal |' : '| folder | score | goal |';
  const rule = baseline ? '|---|--:|--:|--:|' : '|---|--:|--:|';
  const rows = scores.map((s) => {
    const goal = GOALS[s.folder];
    const mark = goal == null ? '' : `${goal} % ${s.score != null && s.score >= goal ? 'met' : 'not met'}`;
    const name = s.folder in GOALS || s.folder === 'overall' ? `**${s.folder}**` : s.folder;
    const was = baseline ? ` ${pct(before.get(s.folder))} |` : '';
    return `| ${name} |${was} ${pct(s.score)} | ${mark} |`;
  });
  const counts = scores.map(
    (s) =>
      `| ${s.folder} | ${s.killed} | ${s.timeout} | ${s.survived} | ${s.noCoverage} | ${s.invalid} | ${s.ignored} |`,
  );
  return [
    '# Test strength',
    '',
    '<!-- Written by `npm run test:strength` from devtools/mutation/runs/*.json. Do not edit by hand. -->',
    '',
    'How many deliberate bugs the **unit** tests catch: StrykerJS (`npm run test:mutation`, config in',
    '`stryker.config.mjs`) changes one thing at a time in `lambdas/core` and `lambdas/sources` (a `<` for a',
    '`<=`, a condition for `true`, a string for `""`…) and runs the unit tests that cover it. A mutant is',
    'killed when a test fails (or it times out), survives when all pass, and has no coverage when no unit test',
    'runs that line. Score = killed and timed out / all valid mutants. It is not part of `npm test` or CI: it',
    'is slow, so it is measured in named runs, each a slice of the code with its own incremental file',
    '(`devtools/mutation/runs/<name>.json`, committed): re-running a name re-tests only the mutants whose',
    'code or covering tests changed since. Per mutant, jest runs only the test files that hold a test',
    "covering it (`devtools/mutation/covering-sequencer.js`). Stryker's reports carry no timing; its",
    'console ends each run with its duration.',
    '',
    ...runTable(report),
    '## Score per folder',
    '',
    ...(unmeasured.length
      ? [
          `Over the measured files only: ${unmeasured.length} files the config mutates have no result yet (listed`,
          'below), so a goal marked met here is met by the files measured so far.',
          '',
        ]
      : []),
    head,
    rule,
    ...rows,
    '',
    '| folder | killed | timed out | survived | no coverage | did not compile / crashed | static, not run |',
    '|---|--:|--:|--:|--:|--:|--:|',
    ...counts,
    '',
    ...notYetMeasured(unmeasured),
    '## Per file',
    '',
    '| file | score | mutants run | run |',
    '|---|--:|--:|---|',
    ...perFile(report),
    '',
    '## Not mutated, and why',
    '',
    'These use-cases drive the Store, HttpFetcher, Leases and Outbox ports; only `test/integration` reaches',
    'them (DynamoDB Local, the replay server, the SMTP sink), and running those once per mutant would take',
    'days on this machine. Their pure steps (plan-document, classify-document, change-ids, render-alert…)',
    'are mutated here. Type-only files (`model.ts`, `ports.ts`) yield no mutants.',
    '',
    ...excluded.map((f) => `- \`${f}\``),
    '',
    '**Static mutants are not run** (`ignoreStatic`): a mutant in module-level code (a regex or table',
    'built when the file loads) cannot be tied to the tests that use it, so Stryker would run every test file',
    'that loads the module for each one — measured at 85 % of the run time for `core/text` alone, hours on',
    'this machine. They are counted in the last column and stay outside the score.',
    '',
    'No TypeScript checker: tests run through swc, so a mutant that would not type-check still runs and is',
    'killed or survives on behaviour; the checker would re-type-check the project once per mutant.',
    '',
    '## Surviving mutants that matter',
    '',
    'Every mutant no unit test caught, except the wording of error and log messages (tests check an',
    "error's type and code; a person reads its words). A survivor is a change to the code that every unit",
    'test accepts: either a missing assertion or an equivalent mutant (same behaviour, nothing to catch).',
    '',
    ...survivorTable(survivors),
    '',
  ].join('\n');
}

function survivorTable(survivors: Survivor[]): string[] {
  if (survivors.length === 0) return ['None.'];
  const cell = (s: string) => `\`${s.replace(/`/g, "'").replace(/\|/g, '\\|') || ' '}\``;
  return [
    `${survivors.length} mutants.`,
    '',
    '| file:line | mutator | original | mutated to | |',
    '|---|---|---|---|---|',
    ...survivors.map(
      (s) =>
        `| ${s.file.replace('lambdas/', '')}:${s.line} | ${s.mutator} | ${cell(s.original)} | ` +
        `${cell(s.replacement)} | ${s.status === 'NoCoverage' ? 'no coverage' : ''} |`,
    ),
  ];
}

/** Files the config mutates that this report has no result for: a run limited with --mutate. */
function notYetMeasured(files: string[]): string[] {
  if (files.length === 0) return [];
  return [
    `**Not yet measured** (${files.length} files the config mutates that no run has measured; a run of`,
    "their folder measures them: `MUTATION_RUN=<name> npm run test:mutation -- --mutate '<glob>'`):",
    '',
    ...files.map((f) => `- \`${f}\``),
    '',
  ];
}

function perFile(report: MergedReport): string[] {
  return Object.keys(report.files)
    .sort()
    .map((file) => {
      const [s] = scoresByFolder({ files: { [file]: report.files[file] } }).slice(-1);
      const run = s.killed + s.timeout + s.survived + s.noCoverage;
      const stale = report.stale.includes(file) ? ' (code changed since)' : '';
      return `| ${file.replace('lambdas/', '')} | ${pct(s.score)} | ${run} | ${report.runOf[file]}${stale} |`;
    });
}

/** Each run: how many files and mutants it holds, and which of its files changed since it ran. */
function runTable(report: MergedReport): string[] {
  const names = [...new Set(Object.values(report.runOf))].sort();
  const rows = names.map((name) => {
    const files = Object.keys(report.files).filter((f) => report.runOf[f] === name);
    const mutants = files.reduce((n, f) => n + report.files[f].mutants.length, 0);
    const stale = files.filter((f) => report.stale.includes(f)).length;
    return `| ${name} | ${files.length} | ${mutants} | ${stale} |`;
  });
  return ['| run | files | mutants (static included) | files changed since |', '|---|--:|--:|--:|', ...rows, ''];
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
