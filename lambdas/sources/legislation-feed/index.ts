/**
 * `legislation-feed`: a legislation.gov.uk Atom feed (new legislation, a search, a year's Acts).
 * Only entries whose title or subject matches the configured terms, and watched items (e.g.
 * `ukpga/2023/54`, the Procurement Act 2023), are kept: they raise `new-legislation` when they first
 * appear and `legislation-changed` when their entry changes. The listing is a window (entries
 * leave the feed as newer ones arrive), each entry is carried whole by the feed (no detail
 * requests), and requests go through the `legislation` rate bucket, which keeps within the
 * published fair-use limit.
 */
import type { DocumentSnapshot, FetchRequest } from '../../core/model';
import type { Endpoints, SourceKind, StructuredEvent } from '../../core/source-kind';
import { clip } from '../../core/describe-change';
import { findKeywords } from '../../core/text/keywords';
import { normalizeText } from '../../core/text/normalize';
import type { LegislationFeedConfig } from './declaration';
import { parseFeed, type FeedEntry } from './atom-feed';

export type { LegislationFeedConfig } from './declaration';

const BUCKET = 'legislation';

function feedRequest(config: LegislationFeedConfig, endpoints: Endpoints, page: number): FetchRequest {
  const p = new URLSearchParams(config.query ?? {});
  if (page > 1) p.set('page', String(page));
  const qs = p.toString();
  return {
    url: `${endpoints.legislation}${config.path}${qs ? `?${qs}` : ''}`,
    bucket: BUCKET,
    accept: 'application/atom+xml',
  };
}

function isWatched(key: string, config: LegislationFeedConfig): boolean {
  return (config.watch ?? []).includes(key);
}

function matchedTerms(doc: DocumentSnapshot, config: LegislationFeedConfig): string[] {
  if (!config.terms?.length) return [];
  const subjects = (doc.extra?.subjects as string[] | undefined) ?? [];
  return findKeywords(`${doc.title}\n${subjects.join('\n')}`, config.terms).map((h) => h.term);
}

function relevant(doc: DocumentSnapshot, config: LegislationFeedConfig): boolean {
  const key = extraText(doc, 'key');
  return isWatched(key, config) || !config.terms?.length || matchedTerms(doc, config).length > 0;
}

export function entryDocument(e: FeedEntry, config: LegislationFeedConfig): DocumentSnapshot {
  const watched = isWatched(e.key, config);
  const text = normalizeText(
    [e.title, e.summary, e.subjects.length ? `Subjects: ${e.subjects.join('; ')}` : ''].filter(Boolean).join('\n\n'),
  );
  return {
    docId: `legislation:${e.key}`,
    url: `https://www.legislation.gov.uk/${e.key}`,
    title: e.title,
    documentType: e.type || 'legislation',
    text,
    signal: e.updated,
    publishedAt: e.published,
    updatedAt: e.updated || null,
    changeNote: null,
    withdrawn: null,
    organisations: [],
    attachments: [],
    parentId: null,
    // A watched item's every update is a change; other entries change only when what they say does.
    extra: {
      key: e.key,
      type: e.type,
      year: e.year,
      number: e.number,
      subjects: e.subjects,
      ...(watched ? { updated: e.updated } : {}),
    },
  };
}

function label(doc: DocumentSnapshot): string {
  const [type, year, number] = (['type', 'year', 'number'] as const).map((k) => extraText(doc, k));
  return [type, year && number ? `${year}/${number}` : ''].filter(Boolean).join(' ');
}

/** One field of the entry as this kind stored it in `extra` (text or a number); anything else is ''. */
function extraText(doc: { extra?: Record<string, unknown> | null }, field: string): string {
  const v = doc.extra?.[field];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}

export const legislationFeed: SourceKind<LegislationFeedConfig> = {
  kind: 'legislation-feed',
  listing: (config, endpoints) => feedRequest(config, endpoints, 1),
  parseListing(fetched, config, endpoints) {
    const page = parseFeed(fetched, config.id);
    // Only entries of interest are kept: a feed of all new legislation is mostly about other things.
    const entries = page.entries
      .map((e) => entryDocument(e, config))
      .filter((doc) => relevant(doc, config))
      .map((doc) => ({ docId: doc.docId, url: doc.url, title: doc.title, signal: doc.signal, inline: doc }));
    const next =
      page.hasNext && page.entries.length > 0 && page.page < (config.maxPages ?? 1)
        ? feedRequest(config, endpoints, page.page + 1)
        : null;
    return { entries, next };
  },
  windowed: () => true,
  parseDetail(fetched, _entry, config) {
    return { documents: parseFeed(fetched, config.id).entries.map((e) => entryDocument(e, config)), follow: [] };
  },
  compareNew(after, config): StructuredEvent[] {
    if (!relevant(after, config)) return [];
    const terms = matchedTerms(after, config);
    const summary = (after.text.split('\n\n')[1] ?? '').trim();
    return [
      {
        type: 'new-legislation',
        key: `new:${extraText(after, 'key')}`,
        title: after.title,
        summary: clip(
          `New on legislation.gov.uk: ${after.title} (${label(after)})` +
            `${terms.length ? `, matching ${terms.join(', ')}` : ''}.${summary ? ` ${summary}` : ''}`,
          600,
        ),
        text: after.text,
      },
    ];
  },
  compare(before, after, config): StructuredEvent[] {
    if (!relevant(after, config)) return [];
    const key = extraText(after, 'key');
    const what: string[] = [];
    if (before.title !== after.title) what.push(`title "${before.title}" → "${after.title}"`);
    if (before.extra?.updated !== after.extra?.updated && extraText(after, 'updated'))
      what.push(`revised on legislation.gov.uk (updated ${extraText(after, 'updated').slice(0, 10)})`);
    if (!what.length) what.push('its summary or subjects changed');
    return [
      {
        type: 'legislation-changed',
        key: `changed:${key}`,
        title: after.title,
        summary:
          `${after.title} (${label(after)}): ${what.join('; ')}. ` +
          `Changes to it: https://www.legislation.gov.uk/changes/affected/${key}`,
        text: after.text,
      },
    ];
  },
};
