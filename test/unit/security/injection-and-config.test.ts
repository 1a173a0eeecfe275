/**
 * Scraped text is hostile until rendered inert: HTML, scripts, `javascript:` links, CR/LF header
 * injection, terminal escapes and very long strings, in the email, the Atom feed and the CLI.
 * A bad configuration is refused with one line per problem; secrets never reach a log line.
 */
import { ConfigError } from '../../../lambdas/core/errors';
import type { Alert, Change } from '../../../lambdas/core/model';
import { renderAlert } from '../../../lambdas/core/render-alert';
import { renderAtomFeed } from '../../../lambdas/http/atom-feed';
import { formatChangeRow } from '../../../lambdas/cli/changes-command';
import { inertLine } from '../../../lambdas/core/text/inert-text';
import { parseConfig } from '../../../lambdas/config';
import { JsonLogger } from '../../../lambdas/adapters/log/json-logger';
import { ReliabilityLog } from '../../integration/reliability/reliability-report';
import { childNamed, parseStrictXml } from '../../support/strict-xml';

const log = new ReliabilityLog('60-injection-config-secrets');
afterAll(() => log.flush());
const UNIT_ALONE = 'stored items, alerts, emails: one renderer or parser alone, nothing is stored or mailed';

/** One row: `problems` are the checks that failed, counted as off contract. */
function row(area: string, fault: string, expected: string, observed: string, problems: string[], tried = 1) {
  log.record({
    area,
    fault,
    tried,
    expected,
    observed: problems.length ? `${observed}; failed: ${problems.join(', ')}` : observed,
    measured: { offContract: problems.length },
    unmeasured: UNIT_ALONE,
  });
}

/** The names of the checks that do not hold. */
const failing = (checks: Record<string, boolean>) => Object.keys(checks).filter((k) => !checks[k]);

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
  subject: `Changed: ${HOSTILE.title}`,
  priority: 'high',
};

/** Every element and attribute an HTML string really contains, as a browser would tokenize it (well enough for this). */
function tags(html: string): string[] {
  return [...html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)].map((m) => `${m[1].toLowerCase()}${m[2]}`);
}

it('the email: no script, no handler, no javascript: link, one-line subject', () => {
  const r = renderAlert(ALERT, HOSTILE);
  const found = tags(r.html);
  const live = found.filter((t) => /^(script|img|iframe|b)\b/.test(t) || /\bon\w+=/i.test(t));
  const problems = failing({
    'no live tag': live.length === 0,
    'no javascript: link': !/href="javascript:/i.test(r.html),
    'one-line subject': !/[\r\n]/.test(r.subject),
  });
  row(
    'injection',
    'email: HTML, <script>, on* handlers, javascript: link, CR/LF in subject and change note, 200 kB summary',
    'escaped text, no link, one-line subject',
    `${live.length} live tags, subject ${r.subject.length} chars on one line`,
    problems,
  );
  expect(problems).toEqual([]);
});

it('the Atom feed: well-formed XML (checked strictly) whose text carries the hostile strings as text', () => {
  const xml = renderAtomFeed({
    base: 'https://procwatch.invalid',
    selfUrl: 'https://procwatch.invalid/feed.atom',
    feedKey: 'all',
    title: 'All changes',
    changes: [HOSTILE],
    emptyUpdated: HOSTILE.detectedAt,
    nextUrl: null,
  });
  let title = '';
  let wellFormed = true;
  try {
    title = childNamed(childNamed(parseStrictXml(xml), 'entry')!, 'title')!.text;
  } catch {
    wellFormed = false;
  }
  const problems = failing({
    'well-formed': wellFormed,
    'title kept as text': title.includes('<script>alert(1)</script>Letter'),
    'no raw markup': !/<script/i.test(xml),
    'no javascript: link': !/href="javascript:/i.test(xml),
    'no terminal escape': !xml.includes('\u001b'),
  });
  row(
    'injection',
    'Atom feed: the same hostile change',
    'well-formed XML (saxes), markup escaped and read back as text, no javascript: link',
    wellFormed ? 'well-formed; the title reads back as the hostile text' : 'not well-formed',
    problems,
  );
  expect(problems).toEqual([]);
});

it('the CLI: no escape sequences or line breaks from scraped text', () => {
  const printed = formatChangeRow(HOSTILE);
  const controls = printed.match(/[\u0000-\u001f\u007f-\u009f]/g) ?? [];
  const problems = failing({
    'no control character in a row': controls.length === 0,
    'no line break in a note': !/[\r\n]/.test(inertLine(HOSTILE.changeNote!)),
  });
  row(
    'injection',
    'CLI: ANSI escapes, CR/LF in titles, notes and URLs',
    'control characters replaced',
    `${controls.length} control characters printed`,
    problems,
  );
  expect(problems).toEqual([]);
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
  const problems = err instanceof ConfigError ? err.problems : [];
  const missed = failing({
    'refused with a ConfigError': err instanceof ConfigError,
    'unknown key "alert"': problems.some((p) => /unknown key\(s\) "alert"/.test(p)),
    'alerts.from': problems.some((p) => /alerts\.from: must be an e-mail address/.test(p)),
    'alerts.to.1': problems.some((p) => /alerts\.to\.1: must be an e-mail address/.test(p)),
    'alerts.failureThreshold': problems.some((p) => /alerts\.failureThreshold/.test(p)),
    'a source with its own url': problems.some((p) => /sources\[0\].*unknown key\(s\) "url"/.test(p)),
    'one line each': problems.every((p) => !p.includes('\n')),
    'a good config accepted': (() => {
      try {
        parseConfig(GOOD);
        return true;
      } catch {
        return false;
      }
    })(),
  });
  row(
    'config',
    'unknown top-level key, bad e-mails, wrong type, a source with its own URL',
    'refused, one line per problem',
    `${problems.length} lines`,
    missed,
  );
  expect(missed).toEqual([]);
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
  const leaked = [password, token, 'k-123456', 'hidden-value'].filter((v) => all.includes(v));
  row(
    'secrets',
    'SMTP password, bearer token, API key in log fields and messages',
    'masked as ***',
    `${leaked.length} of the 4 secrets in the log`,
    [
      ...leaked.map(() => 'a secret in the log'),
      ...failing({ 'the host still logged': all.includes('smtp.example.org') }),
    ],
    3,
  );
  expect(leaked).toEqual([]);
  expect(all).toContain('smtp.example.org');
});
