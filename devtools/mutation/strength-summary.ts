/**
 * Reads Stryker's JSON report (mutation-testing-report-schema) into scores per folder and the survivors
 * worth a test. Pure, so the figures in docs/test-strength.md come only from the report.
 */

export type MutantStatus =
  'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';

export interface ReportMutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: MutantStatus;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}

export interface MutationReport {
  files: Record<string, { source: string; mutants: ReportMutant[] }>;
  performance?: { setup: number; initialRun: number; mutation: number };
}

export interface Tally {
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  invalid: number;
  /** Static mutants (module-level code), skipped by `ignoreStatic`: outside the score. */
  ignored: number;
}

export interface FolderScore extends Tally {
  folder: string;
  /** Detected / valid, in percent; null when the folder has no valid mutant. */
  score: number | null;
}

export interface Survivor {
  file: string;
  line: number;
  mutator: string;
  original: string;
  replacement: string;
  status: 'Survived' | 'NoCoverage';
}

const empty = (): Tally => ({ killed: 0, timeout: 0, survived: 0, noCoverage: 0, invalid: 0, ignored: 0 });

function add(t: Tally, status: MutantStatus): void {
  if (status === 'Killed') t.killed++;
  else if (status === 'Timeout') t.timeout++;
  else if (status === 'Survived') t.survived++;
  else if (status === 'NoCoverage') t.noCoverage++;
  // Mutants that do not compile or crash the runner say nothing about the tests: Stryker leaves them out.
  else if (status === 'CompileError' || status === 'RuntimeError') t.invalid++;
  else if (status === 'Ignored') t.ignored++;
}

/** Stryker's own definition: (killed + timeout) / (killed + timeout + survived + no coverage). */
export function scoreOf(t: Tally): number | null {
  const detected = t.killed + t.timeout;
  const valid = detected + t.survived + t.noCoverage;
  return valid === 0 ? null : (100 * detected) / valid;
}

/** The folder a file is scored under: each folder of lambdas/sources, core/text, and the rest of core. */
export function folderOf(file: string): string {
  const parts = file.split('/');
  if (parts[1] === 'sources') return parts.length > 3 ? parts.slice(0, 3).join('/') : 'lambdas/sources (shared)';
  if (parts[1] === 'core' && parts[2] === 'text') return 'lambdas/core/text';
  return 'lambdas/core (rest)';
}

/** Rows per folder, then the two goal groups and the whole, in a stable order. */
export function scoresByFolder(report: MutationReport): FolderScore[] {
  const folders = new Map<string, Tally>();
  const groups: Record<string, Tally> = { 'lambdas/sources (all)': empty(), overall: empty() };
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const folder = folderOf(file);
    const tally = folders.get(folder) ?? empty();
    folders.set(folder, tally);
    for (const m of mutants) {
      add(tally, m.status);
      if (file.startsWith('lambdas/sources/')) add(groups['lambdas/sources (all)'], m.status);
      add(groups.overall, m.status);
    }
  }
  const rows = [...folders.entries()].sort(([a], [b]) => a.localeCompare(b));
  return [...rows, ...Object.entries(groups)].map(([folder, t]) => ({ folder, ...t, score: scoreOf(t) }));
}

/** The source text a mutant replaces, on one line, shortened for a table. */
export function originalText(source: string, m: ReportMutant): string {
  const lines = source.split('\n');
  const { start, end } = m.location;
  const text =
    start.line === end.line
      ? lines[start.line - 1].slice(start.column - 1, end.column - 1)
      : [lines[start.line - 1].slice(start.column - 1), ...lines.slice(start.line, end.line - 1)].join(' ');
  return shorten(text);
}

function shorten(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * Survivors that a test should kill. Left out, because no assertion should pin them: wording of
 * error and log messages (a person reads them; tests check the error's type and code), and mutants
 * on a line marked `// Stryker disable` (Stryker already drops those).
 */
export function survivorsThatMatter(report: MutationReport): Survivor[] {
  const out: Survivor[] = [];
  for (const [file, { source, mutants }] of Object.entries(report.files)) {
    const lines = source.split('\n');
    for (const m of mutants) {
      if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
      if (isMessageWording(m, lines[m.location.start.line - 1] ?? '')) continue;
      out.push({
        file,
        line: m.location.start.line,
        mutator: m.mutatorName,
        original: originalText(source, m),
        replacement: shorten(m.replacement ?? ''),
        status: m.status,
      });
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

const MESSAGE_LINE = /(Error|Exception)\(|\.(warn|info|debug|error|log)\(|reason:|message:|detail:/;

function isMessageWording(m: ReportMutant, line: string): boolean {
  return m.mutatorName === 'StringLiteral' && MESSAGE_LINE.test(line);
}

export interface NamedReport {
  /** The run's name: devtools/mutation/runs/<name>.json. */
  name: string;
  report: MutationReport;
}

export interface MergedReport extends MutationReport {
  /** Which run each file's result comes from. */
  runOf: Record<string, string>;
  /** Files whose result was measured on other code than today's (changed since its run): re-run that run. */
  stale: string[];
}

/**
 * One report of every file any run measured. Stryker keeps in a run's report only the files that run
 * mutated, so the runs are disjoint slices; a file in two runs (their globs overlapped) takes the result
 * measured on today's code, else the first run's by name. `currentSource` reads today's file.
 */
export function mergeReports(runs: NamedReport[], currentSource: (file: string) => string | null): MergedReport {
  const merged: MergedReport = { files: {}, runOf: {}, stale: [] };
  for (const { name, report } of [...runs].sort((a, b) => a.name.localeCompare(b.name))) {
    for (const [file, result] of Object.entries(report.files)) {
      const held = merged.files[file];
      const fresh = result.source === currentSource(file);
      if (held && (held.source === currentSource(file) || !fresh)) continue;
      merged.files[file] = result;
      merged.runOf[file] = name;
    }
  }
  merged.stale = Object.keys(merged.files)
    .filter((f) => merged.files[f].source !== currentSource(f))
    .sort();
  return merged;
}
