/**
 * Small measuring instruments shared by the benchmarks: the machine, percentiles, a memory
 * sampler that runs beside an async task, and a deterministic random source for generated data.
 */
import { cpus, platform, release, totalmem } from 'node:os';

export interface Machine {
  os: string;
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  date: string;
}

export function machine(): Machine {
  const cpu = cpus()[0]?.model?.trim() || 'unknown CPU';
  return {
    os: `${platform()} ${release()}`,
    cpu,
    cores: cpus().length,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    date: new Date().toISOString(),
  };
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
}

export const MB = 1024 * 1024;

export interface MemoryPeak {
  rssMb: number;
  heapMb: number;
}

/**
 * Samples RSS and heap every few milliseconds while `task` runs. Only meaningful for tasks that
 * yield to the event loop (I/O); synchronous work is measured in a child process instead.
 */
export async function withMemoryPeak<T>(
  task: () => Promise<T>,
  everyMs = 5,
): Promise<{ result: T; peak: MemoryPeak; ms: number }> {
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  const started = performance.now();
  try {
    const result = await task();
    const ms = performance.now() - started;
    sample();
    return { result, peak: { rssMb: rss / MB, heapMb: heap / MB }, ms };
  } finally {
    clearInterval(timer);
  }
}

/** The same "random" corpus on every run, so runs compare. */
export { seededRandom } from '../test/support/seeded-random';

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

export function fmt(n: number, digits = 1): string {
  if (!Number.isFinite(n)) return 'n/a';
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-GB');
  return n.toFixed(digits);
}

export function ratio(naive: number, product: number): string {
  if (product === 0) return naive === 0 ? '1×' : '∞ (product: 0)';
  return `${fmt(naive / product, 1)}×`;
}
