/**
 * An alert as an email: a plain-text part and an HTML part with inline styles only (Gmail and
 * Outlook strip <style>, scripts and remote images are never used), every scraped string escaped.
 * A digest (render-digest.ts) reuses the blocks below for each of its items.
 */
import { shortDate, subjectFor, threadName } from './describe-change';
import type { Alert, Change, DiffOp } from './model';
import { inertLine, inertText } from './text/inert-text';
import { escapeMarkup } from './text/escape-markup';
import { trimUnchanged } from './text/trim-diff';
import { renderDiffPlain } from './text/word-diff';

export interface RenderedAlert {
  subject: string;
  text: string;
  html: string;
  /** Mail headers that go with this alert whatever the mailer (priority). */
  headers: Record<string, string>;
}

/** Starts the subject of a high-priority alert (a watched keyword matched, or a source is failing). */
export const HIGH_PRIORITY_MARKER = '[High priority]';

/**
 * How a high priority reaches a mail client: `Importance` (RFC 2156, read by Outlook and Gmail) and
 * `X-Priority` (1 is highest; read by Apple Mail and Thunderbird). A normal alert carries neither,
 * as most mail does.
 */
export function priorityHeaders(priority: Alert['priority']): Record<string, string> {
  return priority === 'high' ? { Importance: 'high', 'X-Priority': '1' } : {};
}

/**
 * The subject as sent: one line under 80 characters, built from the change (so a stored alert gets
 * today's wording), cut at a word boundary, the letter's date kept, the marker in front when high.
 */
export function alertSubject(alert: Pick<Alert, 'priority'>, change: Parameters<typeof subjectFor>[0]): string {
  return safeHeader(subjectFor(change, alert.priority === 'high' ? `${HIGH_PRIORITY_MARKER} ` : ''));
}

/** People-readable names for what the store keys by slug: a source's configured `name`, a thread's parties. */
export interface RenderNames {
  source(sourceId: string): string;
  thread(threadId: string): string;
}

export const SLUG_NAMES: RenderNames = { source: (id) => id, thread: threadName };

/** How one change is shown: names, and the link to it on the web page (only with a public URL). */
export interface BlockContext {
  names: RenderNames;
  pageUrl?: (changeId: string) => string;
}

/** What a baseline email lists: each watched source and how many documents it holds. */
export interface WatchedSource {
  name: string;
  documents: number;
}

export interface RenderOptions extends Partial<BlockContext> {
  /** Terms to highlight (the recipient's matched keywords); default: every term the change matched. */
  highlight?: string[];
  /** One-click unsubscribe page for this recipient (also sent as List-Unsubscribe). */
  unsubscribeUrl?: string;
  watched?: WatchedSource[];
}

/** Only http(s) links are rendered as links: `javascript:` and friends become plain text. */
export function safeHref(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/** Header values must not carry CR/LF (header injection) and stay readable. */
export function safeHeader(value: string): string {
  return inertLine(value).replace(/\s+/g, ' ');
}

/** Escapes `text`, wrapping each occurrence of a term (case-insensitive) in an inline-styled <mark>. */
export function highlightHtml(text: string, terms: string[]): string {
  const wanted = [...new Set(terms.filter((t) => t.trim().length > 1))].sort((a, b) => b.length - a.length);
  if (!wanted.length) return escapeMarkup(text);
  const re = new RegExp(`(${wanted.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'gi');
  return text
    .split(re)
    .map((piece, i) =>
      i % 2 === 1
        ? `<mark style="background:#fff2a8;color:#0b0c0c;font-weight:bold">${escapeMarkup(piece)}</mark>`
        : escapeMarkup(piece),
    )
    .join('');
}

/**
 * Long unchanged runs are cut to their edges. The stored diff was already compacted with its
 * edge whitespace trimmed (text/trim-diff.ts), so a space is restored where an elided run meets
 * a change; otherwise "met on 19 January" would read "met on19January".
 */
export function readableOps(ops: DiffOp[], context = 200): DiffOp[] {
  return trimUnchanged(ops, context, 'chars').map((o, i) => {
    if (o.op !== 'equal' || !o.text.includes('…')) return o;
    let text = o.text;
    if (i > 0 && !/^\s/.test(text)) text = ` ${text}`;
    if (i < ops.length - 1 && !/\s$/.test(text)) text = `${text} `;
    return { op: 'equal', text };
  });
}

/** Insertions green and underlined, deletions red and struck through: readable even where colours are lost. */
export function diffHtml(ops: DiffOp[]): string {
  const ready = readableOps(ops);
  return ready
    .map((o, i) =>
      o.op === 'insert'
        ? `<ins style="background:#d4edda;color:#0b4d1c;text-decoration:underline">${escapeMarkup(o.text)}</ins>`
        : o.op === 'delete'
          ? // A space between a deletion and the insertion replacing it, so "19" → "26" does not read "1926".
            '<del style="background:#f8d7da;color:#721c24;text-decoration:line-through">' +
            `${escapeMarkup(o.text)}</del>${ready[i + 1]?.op === 'insert' ? ' ' : ''}`
          : escapeMarkup(o.text),
    )
    .join('');
}

/** When, in the reader's terms: "24 Oct 2023, 09:15 (London)". */
export function londonStamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
  return `${shortDate(iso)}, ${time} (London)`;
}

const P = (s: string) => `<p style="margin:0 0 12px 0">${s}</p>`;

const docs = (n: number) => `${n} document${n === 1 ? '' : 's'}`;

/** The plain-text lines of one change (no subject, no footer). */
export function changeTextLines(change: Change, ctx: BlockContext, watched: WatchedSource[] = []): string[] {
  const lines = [change.summary];
  if (watched.length) lines.push('', 'What is watched:', ...watched.map((w) => `  - ${w.name}: ${docs(w.documents)}`));
  if (change.url) lines.push('', `Where: ${change.url}`);
  if (ctx.pageUrl) lines.push(`On the change log: ${ctx.pageUrl(change.changeId)}`);
  lines.push(`When: ${londonStamp(change.detectedAt)}`, `Source: ${ctx.names.source(change.sourceId)}`);
  if (change.threadId) lines.push(`Thread: ${ctx.names.thread(change.threadId)}`);
  if (change.changeNote) lines.push(`GOV.UK change note: ${change.changeNote}`);
  if (change.keywords.length) {
    lines.push('', 'Watched keywords:');
    for (const k of change.keywords) lines.push(`  - ${k.term}: ${k.excerpt}`);
  }
  if (change.diff?.length)
    lines.push('', 'What changed ([-removed-] {+added+}):', renderDiffPlain(readableOps(change.diff)));
  lines.push('', `Change id: ${change.changeId}`);
  return lines;
}

function link(url: string | null, text: string): string {
  const href = safeHref(url);
  return href ? `<a href="${escapeMarkup(href)}" style="color:#1d70b8">${escapeMarkup(text)}</a>` : escapeMarkup(text);
}

/** The HTML block of one change: what, what is watched (baseline), where, when, thread, keywords, diff. */
export function changeHtmlBlock(
  change: Change,
  highlight: string[],
  ctx: BlockContext,
  heading: { level: 'h1' | 'h3'; text: string },
  watched: WatchedSource[] = [],
): string {
  const size = heading.level === 'h1' ? 20 : 16;
  const meta = [
    `When: ${escapeMarkup(londonStamp(change.detectedAt))}`,
    `Source: ${escapeMarkup(ctx.names.source(change.sourceId))}`,
  ];
  if (change.threadId) meta.push(`Thread: ${escapeMarkup(ctx.names.thread(change.threadId))}`);
  const li = (inner: string) => `<li style="margin:0 0 4px 0">${inner}</li>`;
  const list = (items: string[]) => `<ul style="margin:0 0 12px 0;padding-left:20px">${items.join('')}</ul>`;
  return [
    `<${heading.level} style="font-size:${size}px;margin:0 0 12px 0">${escapeMarkup(heading.text)}</${heading.level}>`,
    P(highlightHtml(change.summary, highlight)),
    watched.length
      ? P('What is watched:') +
        list(watched.map((w) => li(`<strong>${escapeMarkup(w.name)}</strong>: ${docs(w.documents)}`)))
      : '',
    change.url ? P(`Where: ${link(change.url, change.title)}`) : '',
    ctx.pageUrl
      ? P(`On the change log: ${link(ctx.pageUrl(change.changeId), 'this change, its history and its thread')}`)
      : '',
    P(`<span style="color:#505a5f">${meta.join(' · ')}</span>`),
    change.changeNote ? P(`GOV.UK change note: <em>${highlightHtml(change.changeNote, highlight)}</em>`) : '',
    change.keywords.length
      ? list(
          change.keywords.map((k) =>
            li(`<strong>${escapeMarkup(k.term)}</strong>: ${highlightHtml(k.excerpt, [k.term, ...highlight])}`),
          ),
        )
      : '',
    change.diff?.length
      ? '<p style="margin:0 0 4px 0;color:#505a5f;font-size:13px">What changed ' +
        '(<del style="color:#721c24;text-decoration:line-through">removed</del> / ' +
        '<ins style="color:#0b4d1c;text-decoration:underline">added</ins>):</p>' +
        '<div style="white-space:pre-wrap;border-left:4px solid #b1b4b6;padding:4px 0 4px 12px;margin:0 0 12px 0;' +
        `font-family:Georgia,serif">${diffHtml(change.diff)}</div>`
      : '',
  ].join('');
}

export function footerHtml(ids: string, unsubscribeUrl?: string): string {
  const href = unsubscribeUrl ? safeHref(unsubscribeUrl) : null;
  return (
    `<hr style="border:0;border-top:1px solid #b1b4b6;margin:16px 0">` +
    `<p style="color:#505a5f;font-size:13px;margin:0">Sent by procurement-watch. ${escapeMarkup(ids)}` +
    (href ? ` · <a href="${escapeMarkup(href)}" style="color:#505a5f">Unsubscribe</a>` : '') +
    `</p>`
  );
}

export const HTML_OPEN =
  '<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>' +
  '<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;' +
  'color:#0b0c0c;max-width:680px">';
export const HTML_CLOSE = '</body></html>';

export function renderAlert(alert: Alert, change: Change, options: RenderOptions = {}): RenderedAlert {
  const subject = alertSubject(alert, change);
  const ctx: BlockContext = { names: options.names ?? SLUG_NAMES, pageUrl: options.pageUrl };
  const highlight = options.highlight ?? change.keywords.map((k) => k.term);
  const text = [subject, '', ...changeTextLines(change, ctx, options.watched)];
  if (options.unsubscribeUrl) text.push('', `Unsubscribe: ${options.unsubscribeUrl}`);
  const html = [
    HTML_OPEN,
    changeHtmlBlock(change, highlight, ctx, { level: 'h1', text: subject }, options.watched),
    footerHtml(`Change id ${change.changeId}`, options.unsubscribeUrl),
    HTML_CLOSE,
  ].join('');
  return { subject, text: inertText(text.join('\n')), html, headers: priorityHeaders(alert.priority) };
}
