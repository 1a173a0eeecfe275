/**
 * One diff, timed in a process of its own so its peak memory is its own: prints one JSON line.
 * argv: <product|diff-package> <case index> <repeats> <timeout ms for the diff package>
 */
import { diffWords as packageDiffWords } from 'diff';
import { diffWords } from '../lambdas/core/text/word-diff';
import { diffCases } from './act-text';

const [algo, caseIndex, repeatsArg, timeoutArg] = process.argv.slice(2);
const c = diffCases()[Number(caseIndex)];
const repeats = Number(repeatsArg ?? 3);
const timeout = Number(timeoutArg ?? 30_000);
(globalThis as { gc?: () => void }).gc?.();
const rssBefore = process.memoryUsage().rss;
const times: number[] = [];
let ops = 0;
let finished = true;
for (let i = 0; i < repeats && finished; i++) {
  const started = performance.now();
  if (algo === 'product') ops = diffWords(c.before, c.after).length;
  else {
    const result = packageDiffWords(c.before, c.after, { timeout });
    finished = result !== undefined;
    ops = result?.length ?? 0;
  }
  times.push(performance.now() - started);
}
const maxRssKb = process.resourceUsage().maxRSS;
const figure = {
  algo,
  case: c.name,
  beforeChars: c.before.length,
  afterChars: c.after.length,
  times,
  ops,
  finished,
  peakExtraMb: (maxRssKb * 1024 - rssBefore) / 1024 / 1024,
};
process.stdout.write(`${JSON.stringify(figure)}\n`);
