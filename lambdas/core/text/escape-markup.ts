/**
 * The one escaper for markup we write: e-mail HTML, the web page's server-rendered pages and the Atom
 * feed. XML's rules are the stricter, so they serve both: characters XML 1.0 cannot carry (most
 * control characters) are dropped, and `'` becomes `&#39;`, which HTML 4 mail clients read too
 * (`&apos;` is XML and HTML 5 only). Slack's mrkdwn has its own three escapes (core/render-webhook.ts).
 */
const NOT_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeMarkup(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
