/**
 * A daily digest: the recipient's alerts of the day grouped by source, then by thread, newest
 * first, each item rendered with the same blocks as a single alert.
 */
import { escapeMarkup } from './text/escape-markup';
import { shortDate, subjectFor } from './describe-change';
import type { Alert, Change } from './model';
import { inertText } from './text/inert-text';
import {
  changeHtmlBlock,
  changeTextLines,
  footerHtml,
  HTML_CLOSE,
  HTML_OPEN,
  SLUG_NAMES,
  type BlockContext,
  type RenderedAlert,
} from './render-alert';

export interface DigestItem {
  alert: Alert;
  change: Change;
  highlight: string[];
}

export interface DigestGroup {
  sourceId: string;
  threads: { threadId: string | null; items: DigestItem[] }[];
}

/** Sources ordered by their newest item, threads likewise, items newest first. */
export function groupDigest(items: DigestItem[]): DigestGroup[] {
  const newest = (list: DigestItem[]) => list.reduce((m, i) => (i.change.detectedAt > m ? i.change.detectedAt : m), '');
  const bySource = new Map<string, DigestItem[]>();
  for (const i of items) bySource.set(i.alert.sourceId, [...(bySource.get(i.alert.sourceId) ?? []), i]);
  return [...bySource.entries()]
    .map(([sourceId, list]) => {
      const byThread = new Map<string | null, DigestItem[]>();
      for (const i of list) byThread.set(i.change.threadId, [...(byThread.get(i.change.threadId) ?? []), i]);
      const threads = [...byThread.entries()]
        .map(([threadId, t]) => ({
          threadId,
          items: [...t].sort(
            (a, b) =>
              b.change.detectedAt.localeCompare(a.change.detectedAt) || a.alert.alertId.localeCompare(b.alert.alertId),
          ),
        }))
        .sort((a, b) => newest(b.items).localeCompare(newest(a.items)));
      return { sourceId, threads, at: newest(list) };
    })
    .sort((a, b) => b.at.localeCompare(a.at))
    .map(({ sourceId, threads }) => ({ sourceId, threads }));
}

export function renderDigest(
  items: DigestItem[],
  day: string,
  options: { unsubscribeUrl?: string } & Partial<BlockContext> = {},
): RenderedAlert {
  const ctx: BlockContext = { names: options.names ?? SLUG_NAMES, pageUrl: options.pageUrl };
  const unsubscribeUrl = options.unsubscribeUrl;
  const groups = groupDigest(items);
  const alerts = `${items.length} alert${items.length === 1 ? '' : 's'}`;
  const subject = `procurement-watch daily digest: ${alerts}, ${shortDate(day) ?? day}`;
  const text: string[] = [subject, ''];
  const html: string[] = [HTML_OPEN, `<h1 style="font-size:20px;margin:0 0 12px 0">${escapeMarkup(subject)}</h1>`];
  for (const g of groups) {
    const source = ctx.names.source(g.sourceId);
    text.push(`== Source: ${source}`, '');
    const h2 = 'font-size:18px;margin:20px 0 8px 0;border-bottom:2px solid #1d70b8';
    html.push(`<h2 style="${h2}">Source: ${escapeMarkup(source)}</h2>`);
    for (const t of g.threads) {
      if (t.threadId) {
        const thread = ctx.names.thread(t.threadId);
        text.push(`-- Thread: ${thread}`, '');
        html.push(`<p style="margin:12px 0 8px 0;color:#505a5f;font-weight:bold">Thread: ${escapeMarkup(thread)}</p>`);
      }
      for (const i of t.items) {
        const heading = subjectFor(i.change);
        text.push(`* ${heading}`, ...changeTextLines(i.change, ctx).map((l) => (l ? `  ${l}` : l)), '');
        const block = changeHtmlBlock(i.change, i.highlight, ctx, { level: 'h3', text: heading });
        html.push(`<div style="margin:0 0 16px 0;padding:0 0 0 8px">${block}</div>`);
      }
    }
  }
  if (unsubscribeUrl) text.push(`Unsubscribe: ${unsubscribeUrl}`);
  html.push(footerHtml(`Digest for ${day}`, unsubscribeUrl), HTML_CLOSE);
  // A digest is the reader's chosen quiet summary: normal priority, whatever its items.
  return { subject, text: inertText(text.join('\n')), html: html.join(''), headers: {} };
}
