/** Runs each diff case in its own Node process (so peak memory is the diff's own) and collects the lines. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface DiffFigure {
  algo: 'product' | 'diff-package';
  case: string;
  beforeChars: number;
  afterChars: number;
  times: number[];
  ops: number;
  finished: boolean;
  peakExtraMb: number;
}

export function diffBench(timeoutMs: number, repeats = 3, log: (line: string) => void = () => {}): DiffFigure[] {
  const figures: DiffFigure[] = [];
  for (const caseIndex of [0, 1]) {
    for (const algo of ['product', 'diff-package'] as const) {
      // The diff package's exact O(ND) search on a 30 % rewrite runs into its timeout: time it once.
      const runs = algo === 'diff-package' && caseIndex === 1 ? 1 : repeats;
      const r = spawnSync(
        process.execPath,
        [
          '--expose-gc',
          '--import',
          'tsx',
          join(__dirname, 'diff-worker.ts'),
          algo,
          String(caseIndex),
          String(runs),
          String(timeoutMs),
        ],
        {
          encoding: 'utf8',
          cwd: join(__dirname, '..'),
        },
      );
      if (r.status !== 0) throw new Error(`diff worker failed: ${r.stderr.split('\n').slice(0, 5).join(' ')}`);
      const figure = JSON.parse(r.stdout.trim().split('\n').pop()!) as DiffFigure;
      log(
        `diff ${figure.case} / ${algo}: ${Math.min(...figure.times).toFixed(0)} ` +
          `ms${figure.finished ? '' : ' (gave up)'}, +${figure.peakExtraMb.toFixed(0)} MB`,
      );
      figures.push(figure);
    }
  }
  return figures;
}
