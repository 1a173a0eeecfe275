import {
  folderOf,
  mergeReports,
  scoresByFolder,
  survivorsThatMatter,
  type MutationReport,
  type ReportMutant,
} from '../../../devtools/mutation/strength-summary';

const at = (line: number, from: number, to: number) => ({ start: { line, column: from }, end: { line, column: to } });
const mutant = (status: ReportMutant['status'], mutatorName = 'EqualityOperator', line = 1): ReportMutant => ({
  id: `${status}${line}`,
  mutatorName,
  replacement: 'a <= b',
  status,
  location: at(line, 8, 13),
});

describe('test-strength summary of a Stryker report', () => {
  const report: MutationReport = {
    files: {
      'lambdas/core/text/keywords.ts': {
        source: 'return a < b;\nthrow new ParseError("bad row");',
        mutants: [
          mutant('Killed'),
          mutant('Timeout'),
          mutant('Survived'),
          { ...mutant('Survived', 'StringLiteral', 2), location: at(2, 22, 31) },
          mutant('CompileError'),
          mutant('Ignored'),
        ],
      },
      'lambdas/sources/govuk-search/index.ts': { source: 'x', mutants: [mutant('NoCoverage'), mutant('Killed')] },
    },
  };

  it('scores each folder as Stryker does: killed and timed out over valid mutants', () => {
    const byFolder = Object.fromEntries(scoresByFolder(report).map((s) => [s.folder, s]));
    // 2 detected of 4 valid; the compile error and the static mutant are outside the score.
    expect(byFolder['lambdas/core/text']).toMatchObject({ score: 50, survived: 2, invalid: 1, ignored: 1 });
    expect(byFolder['lambdas/sources/govuk-search'].score).toBe(50);
    expect(byFolder['lambdas/sources (all)']).toMatchObject({ killed: 1, noCoverage: 1, score: 50 });
    expect(byFolder.overall).toMatchObject({ killed: 2, timeout: 1, survived: 2, noCoverage: 1, score: 50 });
  });

  it('names folders per source kind, core/text apart from the rest of core', () => {
    expect(folderOf('lambdas/sources/html-list/parse-rows.ts')).toBe('lambdas/sources/html-list');
    expect(folderOf('lambdas/sources/css-selector.ts')).toBe('lambdas/sources (shared)');
    expect(folderOf('lambdas/core/text/letter.ts')).toBe('lambdas/core/text');
    expect(folderOf('lambdas/core/render-alert.ts')).toBe('lambdas/core (rest)');
  });

  it('lists survivors with their source text, leaving out the wording of error messages', () => {
    expect(survivorsThatMatter(report)).toEqual([
      {
        file: 'lambdas/core/text/keywords.ts',
        line: 1,
        mutator: 'EqualityOperator',
        original: 'a < b',
        replacement: 'a <= b',
        status: 'Survived',
      },
      {
        file: 'lambdas/sources/govuk-search/index.ts',
        line: 1,
        mutator: 'EqualityOperator',
        original: '',
        replacement: 'a <= b',
        status: 'NoCoverage',
      },
    ]);
  });
});

describe('merging the runs', () => {
  const result = (source: string, status: ReportMutant['status']) => ({ source, mutants: [mutant(status)] });
  const today: Record<string, string> = { 'a.ts': 'a v2', 'b.ts': 'b v1', 'c.ts': 'c v1' };
  const current = (f: string) => today[f] ?? null;

  it('keeps every file of every run, with the run it came from', () => {
    const merged = mergeReports(
      [
        { name: 'text', report: { files: { 'a.ts': result('a v2', 'Killed') } } },
        { name: 'sources', report: { files: { 'b.ts': result('b v1', 'Survived') } } },
      ],
      current,
    );
    expect(Object.keys(merged.files).sort()).toEqual(['a.ts', 'b.ts']);
    expect(merged.runOf).toEqual({ 'a.ts': 'text', 'b.ts': 'sources' });
    expect(scoresByFolder(merged).find((s) => s.folder === 'overall')?.score).toBe(50);
    expect(merged.stale).toEqual([]);
  });

  it("takes a file measured by two runs from the one that saw today's code, and flags code changed since", () => {
    const merged = mergeReports(
      [
        { name: 'a-old', report: { files: { 'a.ts': result('a v1', 'Survived'), 'c.ts': result('c v0', 'Killed') } } },
        { name: 'b-new', report: { files: { 'a.ts': result('a v2', 'Killed') } } },
      ],
      current,
    );
    expect(merged.runOf['a.ts']).toBe('b-new');
    expect(merged.files['a.ts'].mutants[0].status).toBe('Killed');
    expect(merged.stale).toEqual(['c.ts']);
  });
});
