/**
 * The change log as an Atom feed (RFC 4287). Entry ids are tag URIs built from the change id, so
 * they stay the same wherever the feed is served from; `updated` is when the change was detected.
 */
import type { Change } from '../core/model';
import { escapeMarkup } from '../core/text/escape-markup';
import { changeLinks } from './routes/changes';
import { safeHref } from '../core/render-alert';

export const FEED_TAG = 'tag:procurement-watch.invalid,2026';

export interface FeedInput {
  base: string;
  /** The feed's own URL, with its filter: its self link. */
  selfUrl: string;
  /** A stable id for this filter's feed (a changed filter is a different feed). */
  feedKey: string;
  title: string;
  changes: Change[];
  /** When the log is empty the feed still needs an `updated`. */
  emptyUpdated: string;
  nextUrl: string | null;
}

export function changeEntryId(changeId: string): string {
  return `${FEED_TAG}:change:${changeId}`;
}

function link(rel: string, href: string, type?: string, title?: string): string {
  const typed = type ? ` type="${type}"` : '';
  const titled = title ? ` title="${escapeMarkup(title)}"` : '';
  return `<link rel="${rel}" href="${escapeMarkup(href)}"${typed}${titled}/>`;
}

function entry(base: string, c: Change): string {
  const links = changeLinks(base, c);
  const lines = [
    '  <entry>',
    `    <id>${escapeMarkup(changeEntryId(c.changeId))}</id>`,
    `    <title type="text">${escapeMarkup(`[${c.type}] ${c.title}`)}</title>`,
    `    <updated>${escapeMarkup(c.detectedAt)}</updated>`,
    `    <published>${escapeMarkup(c.detectedAt)}</published>`,
    `    ${link('alternate', links.page!, 'text/html')}`,
    `    ${link('alternate', links.self!, 'application/json')}`,
    // Scraped URLs are links only when http(s): a `javascript:` URL would run in a feed reader.
    safeHref(c.url) ? `    ${link('related', safeHref(c.url)!, undefined, 'the source document')}` : '',
    `    <category term="${escapeMarkup(c.type)}" label="${escapeMarkup(c.type)}"/>`,
    `    <category term="${escapeMarkup(`source:${c.sourceId}`)}" label="${escapeMarkup(c.sourceId)}"/>`,
    c.threadId
      ? `    <category term="${escapeMarkup(`thread:${c.threadId}`)}" label="${escapeMarkup(c.threadId)}"/>`
      : '',
    `    <summary type="text">${escapeMarkup(summaryOf(c))}</summary>`,
    '  </entry>',
  ];
  return lines.filter(Boolean).join('\n');
}

export function renderAtomFeed(input: FeedInput): string {
  const updated = input.changes[0]?.detectedAt ?? input.emptyUpdated;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeMarkup(`${FEED_TAG}:feed:${input.feedKey}`)}</id>`,
    `  <title type="text">${escapeMarkup(input.title)}</title>`,
    `  <updated>${escapeMarkup(updated)}</updated>`,
    '  <author><name>procurement-watch</name></author>',
    '  <generator>procurement-watch</generator>',
    `  ${link('self', input.selfUrl, 'application/atom+xml')}`,
    `  ${link('alternate', `${input.base}/`, 'text/html')}`,
    input.nextUrl ? `  ${link('next', input.nextUrl, 'application/atom+xml')}` : '',
    ...input.changes.map((c) => entry(input.base, c)),
    '</feed>',
    '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** An entry's summary: the change's sentence, then GOV.UK's change note on a line of its own. */
function summaryOf(c: Change): string {
  return [c.summary, c.changeNote ? `Change note: ${c.changeNote}` : ''].filter(Boolean).join('\n');
}
