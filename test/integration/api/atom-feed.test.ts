/**
 * The Atom feed over a real loopback HTTP server (the one `procwatch serve` runs) and DynamoDB Local:
 * every feed served is first checked strictly for well-formedness (saxes, test/support/strict-xml.ts),
 * then read with fast-xml-parser: ids, links and dates, filters, paging, and escaped titles.
 */
import { XMLParser } from 'fast-xml-parser';
import type { DynamoDbStore } from '../../../lambdas/adapters/dynamodb/dynamodb-store';
import { silentLogger } from '../../../lambdas/adapters/log/json-logger';
import { LoopbackHttpServer } from '../../../lambdas/adapters/http-server/node-http-server';
import type { Change } from '../../../lambdas/core/model';
import { createRouter } from '../../../lambdas/http/router';
import { freshStore } from '../../support/dynamo';
import { childNamed, childrenNamed, parseStrictXml } from '../../support/strict-xml';
import { HOSTILE_TITLE, seedChangeLog } from './seed-change-log';

interface AtomLink {
  '@_rel': string;
  '@_href': string;
  '@_type'?: string;
}
interface AtomEntry {
  id: string;
  title: { '#text': string };
  updated: string;
  published: string;
  link: AtomLink[];
  category: { '@_term': string }[];
  summary: { '#text': string };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  isArray: (name) => ['entry', 'link', 'category'].includes(name),
  textNodeName: '#text',
  alwaysCreateTextNode: true,
});
/** Every feed read here is first judged by the strict parser, which throws on anything XML rejects. */
function read(xml: string) {
  parseStrictXml(xml);
  return parser.parse(xml);
}
let server: LoopbackHttpServer;
let base: string;
let seeded: Change[];
let store: DynamoDbStore;

async function feed(qs = '') {
  const res = await fetch(`${base}/feed.atom${qs}`);
  const xml = await res.text();
  return { res, xml, strict: res.ok ? parseStrictXml(xml) : null, doc: res.ok ? read(xml) : null };
}

beforeAll(async () => {
  store = await freshStore('atom');
  seeded = await seedChangeLog(store);
  server = new LoopbackHttpServer(
    createRouter({
      store,
      settings: { cursorSecret: 'atom-test-secret-0123456789', baseUrl: null, unsubscribeSecret: null },
      assets: null,
      logger: silentLogger,
    }),
  );
  base = await server.start();
}, 60_000);

afterAll(async () => {
  await server.stop();
});

describe('GET /feed.atom', () => {
  it('is an Atom feed whose entries carry stable ids, the change time and links', async () => {
    const { res, doc } = await feed();
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const f = doc.feed;
    expect(f['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(f.id['#text']).toBe('tag:procurement-watch.invalid,2026:feed:changes');
    expect(f.updated['#text']).toBe(seeded[0].detectedAt);
    expect(f.author.name['#text']).toBe('procurement-watch');
    // No public URL configured: links are relative to the feed's server, never built from the Host header.
    expect(f.link.find((l: AtomLink) => l['@_rel'] === 'self')['@_href']).toBe('/feed.atom');
    const entries: AtomEntry[] = f.entry;
    expect(entries).toHaveLength(25);
    entries.forEach((e, i) => {
      const c = seeded[i];
      expect(e.id['#text' as never]).toBe(`tag:procurement-watch.invalid,2026:change:${c.changeId}`);
      expect((e.updated as never as { '#text': string })['#text']).toBe(c.detectedAt);
      expect(Date.parse((e.updated as never as { '#text': string })['#text'])).not.toBeNaN();
      const html = e.link.find((l) => l['@_rel'] === 'alternate' && l['@_type'] === 'text/html')!;
      expect(html['@_href']).toBe(`/?change=${c.changeId}`);
      expect(e.link.find((l) => l['@_type'] === 'application/json')!['@_href']).toBe(`/changes/${c.changeId}`);
      if (c.url) expect(e.link.find((l) => l['@_rel'] === 'related')!['@_href']).toBe(c.url);
      expect(e.category.map((k) => k['@_term'])).toContain(c.type);
    });
    expect(new Set(entries.map((e) => e.id['#text' as never])).size).toBe(25);
  });

  it('keeps entry ids when the feed is read again or from another host', async () => {
    const first = (await feed()).doc.feed.entry.map((e: { id: { '#text': string } }) => e.id['#text']);
    const elsewhere = createRouter({
      store,
      settings: {
        cursorSecret: 'another-secret-0123456789',
        baseUrl: 'https://feeds.example.org',
        unsubscribeSecret: null,
      },
      assets: null,
      logger: silentLogger,
    });
    const other = (
      await elsewhere({ method: 'GET', path: '/feed.atom', query: new URLSearchParams(), headers: {}, body: '' })
    ).body;
    expect(read(other).feed.entry.map((e: { id: { '#text': string } }) => e.id['#text'])).toEqual(first);
    expect(other).toContain('href="https://feeds.example.org/?change=');
  });

  it('takes the same filters as /changes and pages with a next link', async () => {
    const { doc } = await feed('?thread=bscc--hikvision&limit=3');
    const want = seeded.filter((c) => c.threadId === 'bscc--hikvision');
    expect(doc.feed.entry.map((e: { category: { '@_term': string }[] }) => e.category.map((k) => k['@_term']))).toEqual(
      want.slice(0, 3).map(() => expect.arrayContaining(['thread:bscc--hikvision'])),
    );
    const next = doc.feed.link.find((l: AtomLink) => l['@_rel'] === 'next')['@_href'] as string;
    expect(next.startsWith('/feed.atom?thread=bscc--hikvision&cursor=')).toBe(true);
    const page2 = read(await fetch(`${base}${next}`).then((r) => r.text()));
    expect(page2.feed.entry.map((e: { id: { '#text': string } }) => e.id['#text'].split(':').pop())).toEqual(
      want.slice(3, 6).map((c) => c.changeId),
    );
    expect(doc.feed.id['#text']).toBe('tag:procurement-watch.invalid,2026:feed:changes?thread=bscc--hikvision');
  });

  it('escapes scraped titles: markup stays text and the XML stays well-formed', async () => {
    const { xml, strict } = await feed('?source=procurement-act-2023&limit=100');
    expect(xml).not.toContain('<img');
    expect(xml).toContain('&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;');
    // The strict parser decodes the entities as XML defines them: the title round-trips exactly.
    const titles = childrenNamed(strict!, 'entry').map((e) => childNamed(e, 'title')!.text);
    expect(titles).toContain(`[new-document] ${HOSTILE_TITLE}`);
  });

  it('answers a bad filter with a JSON 400 naming it', async () => {
    const { res, xml } = await feed('?since=soon');
    expect(res.status).toBe(400);
    expect(JSON.parse(xml)).toEqual({
      error: expect.objectContaining({ code: 'invalid-parameter', parameter: 'since' }),
    });
  });
});

describe('links with a configured public URL', () => {
  it('are absolute from PROCWATCH_PUBLIC_URL and never from a forged Host header', async () => {
    const store = await freshStore('atom-public');
    await seedChangeLog(store);
    const router = createRouter({
      store,
      settings: {
        cursorSecret: 'atom-test-secret-0123456789',
        baseUrl: 'https://watch.example.org',
        unsubscribeSecret: null,
      },
      assets: null,
      logger: silentLogger,
    });
    const res = await router({
      method: 'GET',
      path: '/feed.atom',
      query: new URLSearchParams(),
      headers: { host: 'evil.example' },
      body: '',
    });
    expect(res.body).toContain('href="https://watch.example.org/feed.atom"');
    expect(res.body).not.toContain('evil.example');
  });
});
