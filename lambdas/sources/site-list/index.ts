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
import * as z from 'zod';
import { ParseError } from '../../core/errors';
import type { DocumentSnapshot, FetchRequest, ListingEntry } from '../../core/model';
import type { Endpoints, SourceConfigBase, SourceKind } from '../../core/source-kind';
import { assertShallowHtml } from '../../core/text/html-depth';
import { htmlToText } from '../../core/text/html-to-text';
import { fingerprint, normalizeText } from '../../core/text/normalize';
import { baseFields } from '../config-fields';
import { cssSelector } from '../css-selector';

export interface SiteListConfig extends SourceConfigBase {
  kind: 'site-list';
  /** The site's origin, https only: `https://freetibet.org`. */
  site: string;
  /** The listing's path on the site (`/latest/`). */
  path: string;
  /** One element per post in the listing, and inside it the link, title and date. */
  item: string;
  link: string;
  title?: string;
  date?: string;
  /** Posts kept only when their path matches (`^/latest/[^/]+/$`); the listing's other links are ignored. */
  include?: string;
  /** Where a post's own page holds its text (default `article`, then `main`). */
  content?: string;
}

const schema = z
  .object({
    ...baseFields,
    kind: z.literal('site-list'),
    site: z
      .string()
      .regex(
        /^https:\/\/[a-z0-9.-]+\.[a-z]{2,63}$/,
        'must be an https origin without a path, e.g. https://freetibet.org',
      ),
    path: z.string().regex(/^\/[\w\-/.]*$/, 'must be a path starting with "/" (no host, no query)'),
    item: cssSelector,
    link: cssSelector,
    title: cssSelector.optional(),
    date: cssSelector.optional(),
    include: z
      .string()
      .refine((p) => {
        try {
          new RegExp(p);
          return true;
        } catch {
          return false;
        }
      }, 'must be a regular expression')
      .optional(),
    content: cssSelector.optional(),
  })
  .strict();

const BUCKET = 'html-page';
const host = (config: SiteListConfig) => new URL(config.site).host;
/** Where requests go: the site itself, or whatever stands in for it (a replay server). */
const base = (config: SiteListConfig, endpoints: Endpoints) =>
  (endpoints[host(config)] ?? config.site).replace(/\/+$/, '');
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
  schema: schema,
  site: (config) => config.site,
  hosts: (config, endpoints) => [new URL(base(config, endpoints)).host],
  listing: (config, endpoints) => page(config, endpoints, config.path),
  parseListing(fetched, config, endpoints) {
    return { entries: readListing(fetched.body, config, endpoints, fetched.url), next: null };
  },
  parseDetail(fetched, entry, config) {
    return { documents: [readPost(fetched.body, entry, config, fetched.url)], follow: [] };
  },
};
