/**
 * Every source parser, fed generated and mutated inputs (from the real fixtures), either returns
 * documents or throws a typed ParseError: never another exception. Inputs are bounded in number
 * and size (numRuns, maxLength), so no run can hang.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ParseError } from '../../../lambdas/core/errors';
import type { Fetched, ListingEntry } from '../../../lambdas/core/model';
import type { Endpoints, SourceConfigBase } from '../../../lambdas/core/source-kind';
import { LIVE_ENDPOINTS } from '../../../lambdas/config';
import { sourceKinds } from '../../../lambdas/sources';
import { sourceDeclarations } from '../../../lambdas/sources/declarations';
import { FIXTURES, fixtureText } from '../../support/fixtures';
import { ReliabilityLog } from '../../integration/reliability/reliability-report';

const log = new ReliabilityLog('50-parser-fuzz');
const RUNS = 40;
const endpoints: Endpoints = LIVE_ENDPOINTS;

interface Target {
  config: SourceConfigBase;
  dir: string;
  ext: string;
  url: string;
}

/** One realistic config per kind (as the unit tests of each kind use), with its fixtures. */
const TARGETS: Record<string, Target> = {
  'govuk-search': {
    config: {
      id: 'fuzz',
      kind: 'govuk-search',
      organisations: ['x'],
      documentTypes: ['correspondence'],
    } as SourceConfigBase,
    dir: 'govuk-search',
    ext: '.json',
    url: `${endpoints.govuk}/api/search.json?start=0`,
  },
  'govuk-content': {
    config: { id: 'fuzz', kind: 'govuk-content', path: '/government/publications/x' } as SourceConfigBase,
    dir: 'govuk-content',
    ext: '.json',
    url: `${endpoints.govuk}/api/content/government/publications/x`,
  },
  'html-list': {
    config: {
      id: 'fuzz',
      kind: 'html-list',
      path: '/government/publications/debarment-list',
      row: 'table tbody tr',
      fields: { supplier: 'td:nth-child(1)', date: 'td:nth-child(2)' },
      key: ['supplier'],
    } as SourceConfigBase,
    dir: 'html-list',
    ext: '.html',
    url: `${endpoints.govuk}/government/publications/debarment-list`,
  },
  'legislation-feed': {
    config: { id: 'fuzz', kind: 'legislation-feed', path: '/new/data.feed', maxPages: 2 } as SourceConfigBase,
    dir: 'legislation',
    ext: '.xml',
    url: `${endpoints.legislation}/new/data.feed`,
  },
  'parliament-bill': {
    config: {
      id: 'fuzz',
      kind: 'parliament-bill',
      searchTerm: 'Procurement',
      billIds: [3159],
      pageSize: 2,
    } as SourceConfigBase,
    dir: 'parliament-bills',
    ext: '.json',
    url: `${endpoints.parliament}/api/v1/Bills?SearchTerm=Procurement&Skip=0&Take=2`,
  },
  'find-a-tender': {
    config: { id: 'fuzz', kind: 'find-a-tender', terms: ['Hikvision', 'CCTV'] } as SourceConfigBase,
    dir: 'ocds',
    ext: '.json',
    url: `${endpoints.findATender}/api/1.0/ocdsReleasePackages?updatedFrom=2026-02-23T00:00:00&limit=100`,
  },
  'contracts-finder': {
    config: { id: 'fuzz', kind: 'contracts-finder', terms: ['Hikvision', 'CCTV'] } as SourceConfigBase,
    dir: 'ocds',
    ext: '.json',
    url: `${endpoints.contractsFinder}/Published/Notices/OCDS/Search?publishedFrom=2026-02-23T00:00:00&limit=100`,
  },
  'parliament-questions': {
    config: { id: 'fuzz', kind: 'parliament-questions', searchTerm: 'Hikvision' } as SourceConfigBase,
    dir: 'parliament-questions',
    ext: '.json',
    url: `${endpoints.parliamentQuestions}/api/writtenquestions/questions?searchTerm=Hikvision&skip=0&take=100`,
  },
  'parliament-statements': {
    config: { id: 'fuzz', kind: 'parliament-statements', searchTerm: 'Hikvision' } as SourceConfigBase,
    dir: 'parliament-statements',
    ext: '.json',
    url: `${endpoints.parliamentQuestions}/api/writtenstatements/statements?searchTerm=Hikvision&skip=0&take=100`,
  },
  'site-list': {
    config: {
      id: 'fuzz',
      kind: 'site-list',
      site: 'https://freetibet.org',
      path: '/latest/',
      item: 'article.news-teaser',
      link: 'a',
    } as SourceConfigBase,
    // No page of the site was ever recorded: the composed pages the demo serves are the seeds.
    dir: '../../demo/replay/t0/free-tibet',
    ext: '.html',
    url: 'https://freetibet.org/latest/',
  },
};

function fixturesOf(t: Target): string[] {
  return readdirSync(join(FIXTURES, t.dir))
    .filter((f) => f.endsWith(t.ext) && !f.endsWith('.expected.json'))
    .map((f) => fixtureText(join(t.dir, f)));
}

/** A real fixture, cut, spliced, or with a run of characters replaced. */
const mutated = (seeds: string[]) =>
  fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.nat(),
      fc.nat(),
      fc.string({ maxLength: 40, unit: 'binary' }),
      fc.integer({ min: 0, max: 3 }),
    )
    .map(([s, a, b, insert, how]) => {
      const i = a % (s.length + 1);
      const j = Math.min(s.length, i + (b % 200));
      if (how === 0) return s.slice(0, i);
      if (how === 1) return s.slice(0, i) + insert + s.slice(j);
      if (how === 2) return s.slice(0, i) + s.slice(j);
      return s.slice(i) + s.slice(0, i);
    });

/** A JSON fixture with one value somewhere replaced by anything (null, a number, an object…). */
const jsonMutated = (seeds: string[]) =>
  fc.tuple(fc.constantFrom(...seeds), fc.nat(), fc.jsonValue({ maxDepth: 2 })).map(([s, n, value]) => {
    const json = JSON.parse(s);
    const slots: [Record<string, unknown>, string][] = [];
    const walk = (v: unknown, depth: number) => {
      if (!v || typeof v !== 'object' || depth > 6) return;
      for (const k of Object.keys(v)) {
        slots.push([v as Record<string, unknown>, k]);
        walk((v as Record<string, unknown>)[k], depth + 1);
      }
    };
    walk(json, 0);
    if (slots.length) {
      const [obj, key] = slots[n % slots.length];
      obj[key] = value;
    }
    return JSON.stringify(json);
  });

type Outcome = 'ok' | 'parse-error' | 'other';
const UNIT_ALONE = 'stored items, alerts, emails: the parser alone, nothing is stored or mailed';

/** Documents or a ParseError is the contract; anything else is counted (and named) instead of thrown. */
function outcome(run: () => { length: number }, others: string[]): Outcome {
  try {
    const r = run();
    if (typeof r.length === 'number') return 'ok';
    others.push('returned something that is not a list');
    return 'other';
  } catch (err) {
    if (err instanceof ParseError) return 'parse-error';
    // Name the escaped exception without dumping the (large) input again.
    others.push(`${(err as Error)?.name}: ${(err as Error)?.message} ${(err as Error)?.stack?.split('\n')[1]?.trim()}`);
    return 'other';
  }
}

describe.each(Object.keys(sourceKinds))('source kind %s under fuzzing', (kindName) => {
  const kind = sourceKinds[kindName];
  const target = TARGETS[kindName];

  it('has a fuzz target and real fixtures', () => {
    expect(target).toBeDefined();
    expect(fixturesOf(target).length).toBeGreaterThan(0);
  });
  if (!target) return;
  const seeds = fixturesOf(target);
  const config = sourceDeclarations[kindName].schema.parse(target.config);
  const entry: ListingEntry = { docId: 'fuzz:1', url: target.url, title: 'fuzz', signal: 's' };
  const fetched = (body: string): Fetched => ({ url: target.url, status: 200, headers: {}, body });

  const inputs = [
    ['mutated fixtures', mutated(seeds)],
    ['arbitrary text', fc.string({ maxLength: 2000, unit: 'binary' })],
    ...(target.ext === '.json' ? [['fixtures with a value replaced', jsonMutated(seeds)] as const] : []),
  ] as const;

  it.each(inputs.map(([name, arb]) => [name, arb] as const))(
    '%s: documents or a ParseError, nothing else',
    (name, arb) => {
      const seen: Record<Outcome, number> = { ok: 0, 'parse-error': 0, other: 0 };
      const others: string[] = [];
      fc.assert(
        fc.property(arb, (body) => {
          seen[outcome(() => kind.parseListing(fetched(body), config, endpoints).entries, others)]++;
          seen[outcome(() => kind.parseDetail(fetched(body), entry, config, endpoints).documents, others)]++;
        }),
        { numRuns: target.ext === '.html' ? RUNS / 4 : RUNS, seed: 42 },
      );
      log.record({
        area: 'parser',
        fault: `${kindName}: ${name} (listing and detail parser)`,
        tried: seen.ok + seen['parse-error'] + seen.other,
        expected: 'documents or a typed ParseError',
        observed: `${seen.ok} parsed, ${seen['parse-error']} ParseError, ${seen.other} other outcomes`,
        measured: { offContract: seen.other },
        unmeasured: UNIT_ALONE,
      });
      expect(others).toEqual([]);
    },
  );
});

afterAll(() => log.flush());
