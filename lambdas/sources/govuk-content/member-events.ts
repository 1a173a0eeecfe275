/**
 * A collection's members, compared: each member added is a `new-document`, each one gone a
 * `document-removed`, naming the collection and its group. Reordering raises nothing.
 */
import type { DocumentSnapshot, StoredVersion } from '../../core/model';
import type { StructuredEvent } from '../../core/source-kind';
import type { Member } from './content-document';

function members(extra: Record<string, unknown> | null | undefined): Member[] {
  const m = extra?.members;
  return Array.isArray(m) ? (m as Member[]) : [];
}

const link = (m: Member) => (m.path ? ` (https://www.gov.uk${m.path})` : '');

export function memberEvents(before: StoredVersion, after: DocumentSnapshot): StructuredEvent[] {
  const was = new Map(members(before.extra).map((m) => [m.contentId, m]));
  const now = new Map(members(after.extra).map((m) => [m.contentId, m]));
  const where = (m: Member) => `"${after.title}"${m.group ? `, under "${m.group}"` : ''}`;
  const events: StructuredEvent[] = [];
  for (const m of now.values()) {
    if (was.has(m.contentId)) continue;
    events.push({
      type: 'new-document',
      key: `member:${m.contentId}`,
      title: m.title,
      summary: `Added to ${where(m)}: ${m.title}${link(m)}.`,
      text: m.title,
    });
  }
  for (const m of was.values()) {
    if (now.has(m.contentId)) continue;
    events.push({
      type: 'document-removed',
      key: `member:${m.contentId}`,
      title: m.title,
      summary: `Removed from ${where(m)}: ${m.title}${link(m)}.`,
      text: m.title,
    });
  }
  return events;
}
