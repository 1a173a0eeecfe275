/**
 * Scraped text is hostile until rendered inert: HTML, scripts, `javascript:` links, CR/LF header
 * injection, terminal escapes and very long strings, in the email, the Atom feed and the CLI.
 * A bad configuration is refused with one line per problem; secrets never reach a log line.
 */
import { XMLParser } from 'fast-xml-parser';
import { ConfigError } from '../../../lambdas/core/errors';
import type { Alert, Change } from '../../../lambdas/core/model';
import { renderAlert } from '../../../lambdas/core/render-alert';
import { renderAtomFeed } from '../../../lambdas/http/atom-feed';
import { formatChangeRow } from '../../../lambdas/cli/changes-command';
import { inertLine } from '../../../lambdas/core/text/inert-text';
import { parseConfig } from '../../../lambdas/config';
import { JsonLogger } from '../../../lambdas/adapters/log/json-logger';
import { ReliabilityLog } from '../../integration/reliability/reliability-report';

const log = new ReliabilityLog('60-injection-config-secrets');
afterAll(() => log.flush());

const LONG = 'A'.repeat(200_000);
const HOSTILE: Change = {
  changeId: 'c1',
  sourceId: 'bscc-correspondence',
  docId: 'govuk:/x',
  type: 'document-changed',
  detectedAt: '2026-01-01T00:00:00.000Z',
  runId: 'r1',
  title: '<script>alert(1)</script>Letter\r\nBcc: victim@example.org\u001b[31m',
  url: 'javascript:alert(document.cookie)',
  summary: '<img src=x onerror=alert(1)> "quoted" & \'single\' ' + LONG,
  version: 2,
  previousVersion: 1,
  diff: [
    { op: 'equal', text: 'see ' },
    { op: 'insert', text: '<a href="javascript:alert(1)">click</a>' },
    { op: 'delete', text: '<iframe src=//evil>' },
  ],
  changeNote: 'Updated\r\nContent-Type: text/html\r\n\r\n<script>x</script>',
  threadId: 'bscc--hikvision',
  letter: null,
  knownMatch: null,
  keywords: [{ term: 'Hikvision', excerpt: '<b onmouseover=alert(1)>Hikvision</b>' }],
};
const ALERT: Alert = {
  alertId: 'c1',
  changeId: 'c1',
  type: 'document-changed',
  sourceId: 'bscc-correspondence',
  createdAt: HOSTILE.detectedAt,
  status: 'pending',
  subject: `Changed: ${HOSTILE.title}`,
  priority: 'high',
  attempts: 0,
  lastError: null,
  messageId: null,
  claimedAt: null,
};

/** Every element and attribute an HTML string really contains, as a browser would tokenize it (well enough for this). */
function tags(html: string): string[] {
  return [...html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)].map((m) => `${m[1].toLowerCase()}${m[2]}`);
}

it('the email: no script, no handler, no javascript: link, one-line subject', () => {
  const r = renderAlert(ALERT, HOSTILE);
  const found = tags(r.html);
  expect(found.filter((t) => /^(script|img|iframe|b)\b/.test(t))).toEqual([]);
  expect(found.filter((t) => /\bon\w+=/i.test(t))).toEqual([]);
  expect(r.html).not.toMatch(/href="javascript:/i);
  expect(r.subject).not.toMatch(/[\r\n]/);
  log.record({
    area: 'injection',
    fault: 'email: HTML, <script>, on* handlers, javascript: link, CR/LF in subject and change note, 200 kB summary',
    tried: 1,
    expected: 'escaped text, no link, one-line subject',
    observed: `0 live tags, subject ${r.subject.length} chars on one line`,
    dataLost: 0,
    falseAlerts: 0,
  });
});

it('the Atom feed: well-formed XML whose text carries the hostile strings as text', () => {
  const xml = renderAtomFeed({
    base: 'https://procwatch.invalid',
    selfUrl: 'https://procwatch.invalid/feed.atom',
    feedKey: 'all',
    title: 'All changes',
    changes: [HOSTILE],
    emptyUpdated: HOSTILE.detectedAt,
    nextUrl: null,
  });
  const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml);
  expect(parsed.feed).toBeDefined();
  expect(xml).not.toMatch(/<script/i);
  expect(xml).not.toMatch(/href="javascript:/i);
  expect(xml).not.toContain('\u001b');
  log.record({
    area: 'injection',
    fault: 'Atom feed: the same hostile change',
    tried: 1,
    expected: 'well-formed XML, markup escaped, no javascript: link',
    observed: 'parses; no raw markup',
    dataLost: 0,
    falseAlerts: 0,
  });
});

it('the CLI: no escape sequences or line breaks from scraped text', () => {
  const row = formatChangeRow(HOSTILE);
  expect(row).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  expect(inertLine(HOSTILE.changeNote!)).not.toMatch(/[\r\n]/);
  log.record({
    area: 'injection',
    fault: 'CLI: ANSI escapes, CR/LF in titles, notes and URLs',
    tried: 1,
    expected: 'control characters replaced',
    observed: 'none printed',
    dataLost: 0,
    falseAlerts: 0,
  });
});

const GOOD = {
  contact: 'team@example.org',
  sources: [{ id: 'bscc', kind: 'govuk-search', organisations: ['bscc'], documentTypes: ['correspondence'] }],
  alerts: { from: 'a@example.org', to: ['b@example.org'] },
};

it('a configuration with several problems is refused with one line for each', () => {
  const bad = {
    ...GOOD,
    alert: { to: ['x@example.org'] },
    alerts: { from: 'not an address', to: ['b@example.org', 'also bad'], failureThreshold: 'three' },
    endpoints: { govuk: 'javascript:alert(1)' },
    sources: [
      {
        id: 'bscc',
        kind: 'govuk-search',
        organisations: ['bscc'],
        documentTypes: ['correspondence'],
        url: 'https://evil.example/',
      },
    ],
  };
  let err: unknown;
  try {
    parseConfig(bad);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ConfigError);
  const problems = (err as ConfigError).problems;
  expect(problems.some((p) => /unknown key\(s\) "alert"/.test(p))).toBe(true);
  expect(problems.some((p) => /alerts\.from: must be an e-mail address/.test(p))).toBe(true);
  expect(problems.some((p) => /alerts\.to\.1: must be an e-mail address/.test(p))).toBe(true);
  expect(problems.some((p) => /alerts\.failureThreshold/.test(p))).toBe(true);
  expect(problems.some((p) => /sources\[0\].*unknown key\(s\) "url"/.test(p))).toBe(true);
  expect(problems.every((p) => !p.includes('\n'))).toBe(true);
  expect(() => parseConfig(GOOD)).not.toThrow();
  log.record({
    area: 'config',
    fault: 'unknown top-level key, bad e-mails, wrong type, a source with its own URL',
    tried: 1,
    expected: 'refused, one line per problem',
    observed: `${problems.length} lines`,
    dataLost: 0,
    falseAlerts: 0,
  });
});

it('secrets never reach a log line, by key or by value', () => {
  const lines: string[] = [];
  const password = 'S3cret-smtp-pass';
  const token = 'ghp_abcdefghijklmnop1234';
  const logger = new JsonLogger((l) => lines.push(l), {}, [password, token]);
  logger.info('connecting', {
    smtp: { host: 'smtp.example.org', user: 'u', password },
    authorization: `Bearer ${token}`,
    apiKey: 'k-123456',
    note: `failed with ${password}`,
  });
  logger.warn(`token ${token} rejected`);
  logger.child({ run: 'r1' }).error('boom', { secret: 'x', nested: { clientSecret: 'hidden-value' } });
  const all = lines.join('\n');
  for (const s of [password, token, 'k-123456', 'hidden-value']) expect(all).not.toContain(s);
  expect(all).toContain('smtp.example.org');
  log.record({
    area: 'secrets',
    fault: 'SMTP password, bearer token, API key in log fields and messages',
    tried: 3,
    expected: 'masked as ***',
    observed: 'none of the 4 secrets in the log',
    dataLost: 0,
    falseAlerts: 0,
  });
});
