/**
 * What a file that says little reads as: the defaults now live in the schema (Config is its output),
 * and the object every part reads is the one parseConfig built by hand before.
 */
import { LIVE_ENDPOINTS, parseConfig } from '../../../lambdas/config';
import { defaultKeywords } from '../../../lambdas/core/text/keywords';

const SOURCE = { id: 'bscc', kind: 'govuk-search', organisations: ['bscc'], documentTypes: ['correspondence'] };
const MINIMAL = { contact: 'team@example.org', sources: [SOURCE], alerts: { from: 'a@example.org' } };

describe('configuration defaults', () => {
  it('fill every section a minimal file leaves out, and nothing more', () => {
    const json = { $comment: 'a note', ...MINIMAL };
    const config = parseConfig(json);
    const { sources, ...rest } = config;
    expect(rest).toEqual({
      contact: 'team@example.org',
      userAgent: 'procurement-watch/0.1.0 (+https://github.com/procurement-watch/procurement-watch; team@example.org)',
      endpoints: LIVE_ENDPOINTS,
      keywords: [...defaultKeywords],
      knownCorrespondence: 'data/known-correspondence',
      alerts: { from: 'a@example.org', to: [], failureThreshold: 3, shrinkRatio: 0.5 },
      store: { table: 'procwatch', dataDir: '.procwatch' },
      mailer: { kind: 'outbox', dir: '.procwatch/outbox' },
      raw: json,
    });
    expect(config.raw).toBe(json);
    expect(sources.map((s) => s.id)).toEqual(['bscc']);
    expect(Object.keys(config)).not.toContain('$comment');
  });

  it('keep what the file says, and fill only the rest of a section', () => {
    const config = parseConfig({
      ...MINIMAL,
      keywords: ['cctv'],
      store: { region: 'eu-west-2' },
      mailer: { kind: 'smtp', smtp: { host: 'localhost', port: 2525 } },
      alerts: { from: 'a@example.org', shrinkRatio: 0.25 },
    });
    expect(config.keywords).toEqual(['cctv']);
    expect(config.store).toEqual({ table: 'procwatch', region: 'eu-west-2', dataDir: '.procwatch' });
    expect(config.mailer).toEqual({ kind: 'smtp', dir: '.procwatch/outbox', smtp: { host: 'localhost', port: 2525 } });
    expect(config.alerts).toEqual({ from: 'a@example.org', to: [], failureThreshold: 3, shrinkRatio: 0.25 });
  });

  it('give each run its own default keyword list', () => {
    const first = parseConfig(MINIMAL);
    first.keywords.push('changed');
    expect(parseConfig(MINIMAL).keywords).toEqual([...defaultKeywords]);
  });
});
