/**
 * An alert as an email: a plain-text part and an HTML part with inline styles only (Gmail and
 * Outlook strip <style> and scripts), every scraped string escaped.
 */
import type { Alert, Change, DiffOp } from './model';
import { renderDiffPlain } from './text/word-diff';

export interface RenderedAlert {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
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
  return value.replace(/[\r\n\t]+/g, ' ').replace(/\s+/g, ' ').trim();
}

function diffHtml(ops: DiffOp[]): string {
  return ops
    .map((o) =>
      o.op === 'insert'
        ? `<ins style="background:#d4edda;color:#0b4d1c;text-decoration:none">${escapeHtml(o.text)}</ins>`
        : o.op === 'delete'
          ? `<del style="background:#f8d7da;color:#721c24">${escapeHtml(o.text)}</del>`
          : escapeHtml(o.text),
    )
    .join('');
}

export function renderAlert(alert: Alert, change: Change): RenderedAlert {
  const subject = safeHeader(alert.subject);
  const lines = [subject, '', change.summary];
  if (change.url) lines.push('', `Link: ${change.url}`);
  lines.push(`Detected: ${change.detectedAt}`, `Source: ${change.sourceId}`);
  if (change.threadId) lines.push(`Thread: ${change.threadId}`);
  if (change.changeNote) lines.push(`GOV.UK change note: ${change.changeNote}`);
  if (change.keywords.length) {
    lines.push('', 'Watched keywords:');
    for (const k of change.keywords) lines.push(`  - ${k.term}: ${k.excerpt}`);
  }
  if (change.diff?.length) lines.push('', 'What changed ([-removed-] {+added+}):', renderDiffPlain(change.diff));
  lines.push('', `Change id: ${change.changeId}`);

  const href = safeHref(change.url);
  const p = (s: string) => `<p style="margin:0 0 12px 0">${s}</p>`;
  const html = [
    '<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#0b0c0c;max-width:680px">',
    `<h1 style="font-size:20px;margin:0 0 12px 0">${escapeHtml(subject)}</h1>`,
    p(escapeHtml(change.summary)),
    href ? p(`<a href="${escapeHtml(href)}" style="color:#1d70b8">${escapeHtml(change.title)}</a>`) : p(escapeHtml(change.title)),
    p(`Detected ${escapeHtml(change.detectedAt)} · source ${escapeHtml(change.sourceId)}${change.threadId ? ` · thread ${escapeHtml(change.threadId)}` : ''}`),
    change.changeNote ? p(`GOV.UK change note: <em>${escapeHtml(change.changeNote)}</em>`) : '',
    change.keywords.length
      ? `<ul style="margin:0 0 12px 0">${change.keywords.map((k) => `<li><mark style="background:#fff2a8">${escapeHtml(k.term)}</mark>: ${escapeHtml(k.excerpt)}</li>`).join('')}</ul>`
      : '',
    change.diff?.length ? `<div style="white-space:pre-wrap;border-left:4px solid #b1b4b6;padding-left:12px">${diffHtml(change.diff)}</div>` : '',
    `<p style="color:#505a5f;font-size:13px">Change id ${escapeHtml(change.changeId)}</p>`,
    '</body></html>',
  ].join('');
  return { subject, text: lines.join('\n'), html };
}
