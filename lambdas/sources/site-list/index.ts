/**
 * `site-list`: a news or letters listing on a site outside GOV.UK (a campaign group's own website,
 * such as Free Tibet's), each item a post whose page is read when it first appears or its listed
 * title or date moves. The source declares its site (`https://freetibet.org`): the allowlist
 * admits that host and no other, links leading elsewhere are ignored, and the site's robots.txt is
 * read and obeyed before any page. A post is a document like a GOV.UK letter: with `alertOnNew:
 * "new-correspondence"` it is matched against the known letters and joins its thread
 * (`free-tibet--hikvision`).
 */
import { load } from 'cheerio/slim';
import { ParseError } from '../../core/errors';
import type { DocumentSnapshot, FetchRequest, ListingEntry } from '../../core/model';
import type { Endpoints, SourceKind } from '../../core/source-kind';
import { assertShallowHtml } from '../../core/text/html-depth';
import { htmlToText } from '../../core/text/html-to-text';
import { fingerprint, normalizeText } from '../../core/text/normalize';
import type { SiteListConfig } from './declaration';
import { base, host } from './site';

export type { SiteListConfig } from './declaration';

const BUCKET = 'html-page';
const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

function page(config: SiteListConfig, endpoints: Endpoints, path: string): FetchRequest {
  return { url: `${base(config, endpoints)}${path}`, bucket: BUCKET, accept: 'text/html', robots: true };
}

/** A link's path on the site, or null when it leads to another site (or is not a link). */
function sitePath(href: string, config: SiteListConfig): string | null {
  try {
    const u = new URL(href, config.site);
    return u.host === host(config) && /^https?:$/.test(u.protocol) ? `${u.pathname}${u.search}` : null;
  } catch {
    return null;
  }
}

export function readListing(html: string, config: SiteListConfig, endpoints: Endpoints, url: string): ListingEntry[] {
  assertShallowHtml(html, { url, source: config.id });
  const $ = load(html);
  const include = config.include ? new RegExp(config.include) : null;
  const entries = new Map<string, ListingEntry>();
  $(config.item).each((_i, el) => {
    const a = $(el).find(config.link).first();
    const path = sitePath(a.attr('href') ?? '', config);
    if (!path || (include && !include.test(path))) return;
    const title = clean((config.title ? $(el).find(config.title).first() : a).text()) || path;
    const date = config.date
      ? clean($(el).find(config.date).first().attr('datetime') ?? $(el).find(config.date).first().text())
      : '';
    const docId = `site:${host(config)}${path}`;
    if (entries.has(docId)) return;
    entries.set(docId, {
      docId,
      url: `${config.site}${path}`,
      title,
      signal: fingerprint(`${title}\n${date}`),
      detail: page(config, endpoints, path),
    });
  });
  if (entries.size === 0) {
    throw new ParseError(
      `The item selector "${config.item}" with link "${config.link}" found no posts: ` +
        "the site's markup changed, so nothing was compared.",
      { url, source: config.id, field: 'item' },
    );
  }
  return [...entries.values()];
}

export function readPost(html: string, entry: ListingEntry, config: SiteListConfig, url: string): DocumentSnapshot {
  assertShallowHtml(html, { url, source: config.id });
  const $ = load(html);
  const selectors = config.content ? [config.content] : ['article', 'main'];
  const body = selectors.map((s) => $(s).first()).find((n) => n.length > 0);
  if (!body) {
    throw new ParseError(`The post at ${url} has no ${selectors.join(' or ')}: its text was not found.`, {
      url,
      source: config.id,
      field: 'content',
    });
  }
  const title = clean($('h1').first().text()) || entry.title;
  const time = $('time[datetime]').first().attr('datetime') ?? null;
  return {
    docId: entry.docId,
    url: entry.url,
    title,
    documentType: 'campaign-post',
    text: normalizeText(htmlToText(body.html() ?? '')),
    signal: entry.signal,
    publishedAt: time,
    updatedAt: null,
    changeNote: null,
    withdrawn: null,
    organisations: [config.name ?? host(config)],
    attachments: [],
    parentId: null,
  };
}

export const siteList: SourceKind<SiteListConfig> = {
  kind: 'site-list',
  listing: (config, endpoints) => page(config, endpoints, config.path),
  parseListing(fetched, config, endpoints) {
    return { entries: readListing(fetched.body, config, endpoints, fetched.url), next: null };
  },
  parseDetail(fetched, entry, config) {
    return { documents: [readPost(fetched.body, entry, config, fetched.url)], follow: [] };
  },
};
