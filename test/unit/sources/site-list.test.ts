/**
 * site-list, case by case on composed markup: which links count as the site's posts, what a title and
 * date are read from, and how a post page that lost its text fails. The recorded Free Tibet listing is
 * read in parliament-questions-and-sites.test.ts; these cases pin what it does not show.
 */
import { LIVE_ENDPOINTS } from '../../../lambdas/config';
import { ParseError } from '../../../lambdas/core/errors';
import type { ListingEntry } from '../../../lambdas/core/model';
import { siteList, type SiteListConfig } from '../../../lambdas/sources/site-list';
import { fetched } from '../../support/fixtures';
import { siteListDeclaration } from '../../../lambdas/sources/site-list/declaration';

const ft: SiteListConfig = {
  id: 'ft',
  kind: 'site-list',
  site: 'https://freetibet.org',
  path: '/latest/',
  item: 'article',
  link: 'a',
  include: '^/latest/[^/]+/$',
};
const URL_ = 'https://freetibet.org/latest/';
const item = (href: string, text = 'A post', extra = '') => `<article><a href="${href}">${text}</a>${extra}</article>`;
const list = (html: string, config: SiteListConfig = ft) =>
  siteList.parseListing(fetched(URL_, `<main>${html}</main>`), config, LIVE_ENDPOINTS).entries;
const ids = (entries: ListingEntry[]) => entries.map((e) => e.docId);
const caught = (f: () => unknown): ParseError => {
  try {
    f();
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error('expected a ParseError');
};

describe('site-list listing', () => {
  it('asks a stand-in for the site without doubling the slash its address ends with', () => {
    const endpoints = { ...LIVE_ENDPOINTS, 'freetibet.org': 'http://127.0.0.1:9100//' };
    expect(siteList.listing(ft, endpoints).url).toBe('http://127.0.0.1:9100/latest/');
    expect(siteListDeclaration.hosts(ft, endpoints)).toEqual(['127.0.0.1:9100']);
  });

  it('keeps http and https links on the site, and no link to another host or scheme', () => {
    const entries = list(
      [
        item('http://freetibet.org/latest/plain/'),
        item('https://freetibet.org/latest/secure/'),
        item('https://other.example/latest/elsewhere/'),
        item('xhttp://freetibet.org/latest/odd-scheme/'),
        item('ftp://freetibet.org/latest/ftp/'),
        '<article><a>no address</a></article>',
      ].join(''),
    );
    expect(ids(entries)).toEqual(['site:freetibet.org/latest/plain/', 'site:freetibet.org/latest/secure/']);
    expect(entries[0].url).toBe('https://freetibet.org/latest/plain/');
  });

  it('keeps only the paths the include pattern admits, and every link when there is none', () => {
    const html = item('/latest/a/') + item('/about/') + item('/latest/a/b/');
    expect(ids(list(html))).toEqual(['site:freetibet.org/latest/a/']);
    const { include: _dropped, ...all } = ft;
    expect(ids(list(html, all))).toEqual([
      'site:freetibet.org/latest/a/',
      'site:freetibet.org/about/',
      'site:freetibet.org/latest/a/b/',
    ]);
  });

  it('lists a post linked twice once, under its first title', () => {
    const entries = list(item('/latest/a/', 'First') + item('/latest/a/', 'Second'));
    expect(entries.map((e) => e.title)).toEqual(['First']);
  });

  it('reads a title with its white space collapsed, and the path when the link has no words', () => {
    const entries = list(item('/latest/a/', '\n  Our   letter\tto Hikvision  \n') + item('/latest/b/', ' '));
    expect(entries.map((e) => e.title)).toEqual(['Our letter to Hikvision', '/latest/b/']);
  });

  it("moves a post's signal when its date moves, read from datetime before the words", () => {
    const dated: SiteListConfig = { ...ft, date: 'time' };
    const at = (attr: string, words: string) =>
      list(item('/latest/a/', 'Post', `<time${attr}>${words}</time>`), dated)[0].signal;
    expect(at(' datetime="2026-03-10"', '10 March')).toBe(at(' datetime="2026-03-10"', 'Tuesday'));
    expect(at(' datetime="2026-03-10"', '10 March')).not.toBe(at(' datetime="2026-03-11"', '10 March'));
    expect(at('', '10  March ')).toBe(at('', '10 March'));
    expect(at('', '10 March')).not.toBe(at('', '11 March'));
  });

  it('names the source, the page and the selector when no post is found', () => {
    const e = caught(() => list('<p>Maintenance</p>'));
    expect(e.context).toEqual({ url: URL_, source: 'ft', field: 'item' });
  });

  it('refuses a listing nested too deep to read, naming the source and page', () => {
    const deep = `${'<div>'.repeat(1200)}${item('/latest/a/')}${'</div>'.repeat(1200)}`;
    expect(caught(() => list(deep)).context).toEqual(expect.objectContaining({ url: URL_, source: 'ft' }));
  });
});

describe('site-list post', () => {
  const entry = (config: SiteListConfig = ft) => list(item('/latest/a/', 'Listed title'), config)[0];
  const post = (html: string, config: SiteListConfig = ft) =>
    siteList.parseDetail(fetched('https://freetibet.org/latest/a/', html), entry(config), config, LIVE_ENDPOINTS)
      .documents[0];

  it('reads the article, its heading and its time', () => {
    const doc = post(
      '<nav>Menu</nav><h1> Our  letter </h1><article><p>We wrote.</p><time datetime="2026-03-10">10 March</time>' +
        '</article><main>Not this</main>',
    );
    expect(doc.title).toBe('Our letter');
    expect(doc.text).toBe('We wrote.\n\n10 March');
    expect(doc.publishedAt).toBe('2026-03-10');
    expect(doc.organisations).toEqual(['freetibet.org']);
  });

  it('falls back to main, and to the listed title when the page has no heading', () => {
    const doc = post('<h1> </h1><main><p>Body</p></main>');
    expect(doc.text).toBe('Body');
    expect(doc.title).toBe('Listed title');
    expect(doc.publishedAt).toBeNull();
  });

  it('reads only the configured content, and fails naming it when the page lost it', () => {
    const config: SiteListConfig = { ...ft, content: '.post-body', name: 'Free Tibet' };
    const doc = post('<article>Chrome</article><div class="post-body">Words</div>', config);
    expect(doc.text).toBe('Words');
    expect(doc.organisations).toEqual(['Free Tibet']);
    const e = caught(() => post('<article>Chrome</article>', config));
    expect(e.message).toContain('has no .post-body');
    expect(e.context).toEqual({ url: 'https://freetibet.org/latest/a/', source: 'ft', field: 'content' });
  });

  it('fails naming both defaults when a page has neither article nor main', () => {
    const e = caught(() => post('<div>Words</div>'));
    expect(e.message).toContain('has no article or main');
    expect(e.context.field).toBe('content');
  });

  it('refuses a post nested too deep to read, naming the source', () => {
    const deep = `${'<div>'.repeat(1200)}<article>x</article>${'</div>'.repeat(1200)}`;
    expect(caught(() => post(deep)).context).toEqual(expect.objectContaining({ source: 'ft' }));
  });
});

describe('site-list config', () => {
  const base = { id: 'ft', kind: 'site-list', site: 'https://freetibet.org', path: '/latest/', item: 'a', link: 'a' };

  it('takes a regular expression as include, and refuses one that does not compile', () => {
    expect(siteListDeclaration.schema.safeParse({ ...base, include: '^/latest/' }).success).toBe(true);
    const bad = siteListDeclaration.schema.safeParse({ ...base, include: '(' });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain('must be a regular expression');
  });
});
