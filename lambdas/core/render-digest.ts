/**
 * A daily digest: the recipient's alerts of the day grouped by source, then by thread, newest
 * first, each item rendered with the same blocks as a single alert.
 */
import { shortDate } from './describe-change';
import type { Alert, Change } from './model';
import { inertText } from './text/inert-text';
import {
  changeHtmlBlock,
  changeTextLines,
  escapeHtml,
  footerHtml,
  HTML_CLOSE,
  HTML_OPEN,
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

export function renderDigest(items: DigestItem[], day: string, unsubscribeUrl?: string): RenderedAlert {
  const groups = groupDigest(items);
  const subject = `procurement-watch daily digest: ${items.length} alert${items.length === 1 ? '' : 's'}, ${shortDate(day) ?? day}`;
  const text: string[] = [subject, ''];
  const html: string[] = [HTML_OPEN, `<h1 style="font-size:20px;margin:0 0 12px 0">${escapeHtml(subject)}</h1>`];
  for (const g of groups) {
    text.push(`== Source: ${g.sourceId}`, '');
    html.push(
      `<h2 style="font-size:18px;margin:20px 0 8px 0;border-bottom:2px solid #1d70b8">Source: ${escapeHtml(g.sourceId)}</h2>`,
    );
    for (const t of g.threads) {
      if (t.threadId) {
        text.push(`-- Thread: ${t.threadId}`, '');
        html.push(
          `<p style="margin:12px 0 8px 0;color:#505a5f;font-weight:bold">Thread: ${escapeHtml(t.threadId)}</p>`,
        );
      }
      for (const i of t.items) {
        text.push(`* ${i.alert.subject}`, ...changeTextLines(i.change).map((l) => (l ? `  ${l}` : l)), '');
        html.push(
          `<div style="margin:0 0 16px 0;padding:0 0 0 8px">${changeHtmlBlock(i.change, i.highlight, 'h3', i.alert.subject)}</div>`,
        );
      }
    }
  }
  if (unsubscribeUrl) text.push(`Unsubscribe: ${unsubscribeUrl}`);
  html.push(footerHtml(`Digest for ${day}`, unsubscribeUrl), HTML_CLOSE);
  // A digest is the reader's chosen quiet summary: normal priority, whatever its items.
  return { subject, text: inertText(text.join('\n')), html: html.join(''), headers: {} };
}
