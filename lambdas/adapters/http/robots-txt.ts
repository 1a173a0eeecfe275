/**
 * robots.txt (RFC 9309) read for one user agent: the group naming our product token, else `*`;
 * the longest matching `Allow`/`Disallow` path wins, `Allow` on a tie; `*` and a closing `$` are
 * understood. Pure: the fetcher reads the file once per site and asks this about each path.
 */

export interface RobotsRules {
  allow: string[];
  disallow: string[];
}

export function parseRobots(text: string, productToken: string): RobotsRules {
  const token = productToken.toLowerCase();
  const groups: { agents: string[]; rules: RobotsRules }[] = [];
  let current: { agents: string[]; rules: RobotsRules } | null = null;
  let lastWasAgent = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const field = m[1].toLowerCase();
    const value = m[2].trim();
    if (field === 'user-agent') {
      // Consecutive user-agent lines share one group.
      if (!current || !lastWasAgent) groups.push((current = { agents: [], rules: { allow: [], disallow: [] } }));
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if (field === 'allow' && value) current.rules.allow.push(value);
    if (field === 'disallow' && value) current.rules.disallow.push(value);
  }
  const ours = groups.filter((g) => g.agents.some((a) => a !== '*' && token.startsWith(a)));
  const chosen = ours.length ? ours : groups.filter((g) => g.agents.includes('*'));
  return {
    allow: chosen.flatMap((g) => g.rules.allow),
    disallow: chosen.flatMap((g) => g.rules.disallow),
  };
}

function matchLength(pattern: string, path: string): number {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`).test(path) ? pattern.length : -1;
}

/** `path` includes the query (`/news?page=2`), as robots.txt rules are written against it. */
export function robotsAllow(rules: RobotsRules, path: string): boolean {
  if (path === '/robots.txt') return true;
  const allow = Math.max(-1, ...rules.allow.map((p) => matchLength(p, path)));
  const disallow = Math.max(-1, ...rules.disallow.map((p) => matchLength(p, path)));
  return allow >= disallow;
}
