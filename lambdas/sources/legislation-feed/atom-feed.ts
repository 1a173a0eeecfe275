/**
 * legislation.gov.uk Atom feeds (`…/data.feed`) read with fast-xml-parser: the entries with their
 * legislation metadata (`ukm:` type, year, number, subjects), and the paging (`leg:page`, the
 * `next` link). Only what the source compares is kept.
 */
import { XMLParser } from 'fast-xml-parser';
import { ParseError } from '../../core/errors';
import type { Fetched } from '../../core/model';

export interface FeedEntry {
  /** `uksi/2015/2028`: the path of the item on legislation.gov.uk. */
  key: string;
  title: string;
  updated: string;
  published: string | null;
  type: string;
  year: string;
  number: string;
  subjects: string[];
  summary: string;
}

export interface FeedPage {
  entries: FeedEntry[];
  page: number;
  hasNext: boolean;
}

const ARRAYS = new Set(['feed.entry', 'feed.link', 'feed.entry.link', 'feed.entry.category', 'feed.entry.ukm:Subject']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  trimValues: true,
  isArray: (_name, jpath) => ARRAYS.has(String(jpath)),
});

type Node = Record<string, unknown>;

function text(value: unknown): string {
  if (value == null) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value).replace(/\s+/g, ' ').trim();
  if (typeof value === 'object' && '#text' in (value as Node)) return text((value as Node)['#text']);
  return '';
}

function attr(node: unknown, name: string): string {
  return node && typeof node === 'object' ? text((node as Node)[`@_${name}`]) : '';
}

/** `http://www.legislation.gov.uk/id/uksi/2015/2028` → `uksi/2015/2028`. */
export function legislationKey(id: string): string {
  const m = /\/id\/(.+?)\/?$/.exec(id);
  return m ? m[1] : id.replace(/^https?:\/\/[^/]+\//, '');
}

export function parseFeed(fetched: Fetched, source: string): FeedPage {
  let doc: Node;
  try {
    doc = parser.parse(fetched.body) as Node;
  } catch (err) {
    throw new ParseError(
      `legislation.gov.uk answered ${fetched.url} with something that is not XML.`,
      { url: fetched.url, source },
      err,
    );
  }
  const feed = doc.feed as Node | undefined;
  if (!feed || typeof feed !== 'object') {
    throw new ParseError(`legislation.gov.uk answered ${fetched.url} with XML that is not an Atom feed.`, {
      url: fetched.url,
      source,
      field: 'feed',
    });
  }
  const entries: FeedEntry[] = ((feed.entry as Node[] | undefined) ?? []).map((e) => {
    const id = text(e.id);
    if (!id)
      throw new ParseError(`An entry of the feed at ${fetched.url} has no id.`, {
        url: fetched.url,
        source,
        field: 'entry.id',
      });
    const subjects = [
      // A damaged feed can hold one of these where a list is expected: read it as a list of one.
      ...([] as unknown[]).concat(e['ukm:Subject'] ?? []).map((s) => attr(s, 'Value')),
      ...([] as unknown[]).concat(e.category ?? []).map((c) => attr(c, 'term')),
    ].filter(Boolean);
    return {
      key: legislationKey(id),
      title: text(e.title),
      updated: text(e.updated),
      published: text(e.published) || null,
      type: attr(e['ukm:DocumentMainType'], 'Value'),
      year: attr(e['ukm:Year'], 'Value'),
      number: attr(e['ukm:Number'], 'Value'),
      subjects: [...new Set(subjects)],
      summary: text(e.summary),
    };
  });
  const links = (feed.link as unknown[] | undefined) ?? [];
  // The page asked for is the page: a feed's own `leg:page` is only a fallback.
  const page = Number(new URL(fetched.url).searchParams.get('page')) || Number(text(feed['leg:page'])) || 1;
  return { entries, page, hasNext: links.some((l) => attr(l, 'rel') === 'next') };
}
