/**
 * When a source is next checked, from its group's EventBridge Scheduler expression: `rate(N unit)`
 * from the last run, and `cron(min hour * * ? *)` with fixed values, `*`, `a/step` or `*\/step` in the
 * minute and hour fields, and comma lists of those (every schedule the project ships). Anything else is
 * null: said unknown, not guessed.
 */
const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

function field(spec: string, max: number): number[] | null {
  if (spec.includes(',')) {
    // A list (`7,13,19`, the campaigns group's hours): each part read alone, any unreadable one spoils it.
    const parts = spec.split(',').map((p) => field(p, max));
    if (parts.some((p) => p === null)) return null;
    return [...new Set(parts.flatMap((p) => p ?? []))].sort((a, b) => a - b);
  }
  const step = /^(\*|\d+)\/(\d+)$/.exec(spec);
  if (spec === '*') return Array.from({ length: max }, (_, i) => i);
  if (step) {
    const out: number[] = [];
    for (let v = step[1] === '*' ? 0 : Number(step[1]); v < max; v += Number(step[2])) out.push(v);
    return out;
  }
  return /^\d+$/.test(spec) && Number(spec) < max ? [Number(spec)] : null;
}

export function nextRun(expression: string, lastRunAt: string | null, now: Date): string | null {
  const rate = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
  if (rate) {
    const from = lastRunAt ? Date.parse(lastRunAt) : now.getTime();
    return new Date(Math.max(from + Number(rate[1]) * UNIT_MS[rate[2]], now.getTime())).toISOString();
  }
  const cron = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/.exec(expression);
  if (!cron || ![cron[3], cron[4], cron[5]].every((f) => f === '*' || f === '?')) return null;
  const minutes = field(cron[1], 60);
  const hours = field(cron[2], 24);
  if (!minutes || !hours) return null;
  const t = new Date(now.getTime());
  t.setUTCSeconds(0, 0);
  for (let i = 0; i < 2 * 24 * 60; i++) {
    t.setUTCMinutes(t.getUTCMinutes() + 1);
    if (minutes.includes(t.getUTCMinutes()) && hours.includes(t.getUTCHours())) return t.toISOString();
  }
  return null;
}
