/**
 * One source kind for each OCDS portal (Find a Tender, Contracts Finder), built from what differs
 * between them: where the release packages are, which query parameter opens the time window, and
 * how a notice is linked. The listing is the window of releases updated in the last `windowDays`
 * (from midnight UTC, so the URL, and with it the conditional request, holds for a day), read page
 * by page with the portal's cursor; only notices whose title, description, items, buyer or
 * suppliers name a watched term are kept, each carried whole by the listing (no detail requests).
 */
import type { DocumentSnapshot, FetchRequest } from '../../core/model';
import type { Endpoints, SourceKind } from '../../core/source-kind';
import { findKeywords } from '../../core/text/keywords';
import { normalizeText } from '../../core/text/normalize';
import { companyThread } from '../company-thread';
import type { NoticeSourceConfig, PortalPlace } from './notice-declaration';
import { changedNoticeEvents, money, newNoticeEvents, type NoticeFields } from './notice-events';
import { readReleasePage, type Notice } from './release';

export type { NoticeSourceConfig } from './notice-declaration';

export interface PortalSpec extends PortalPlace {
  /** How alerts name the portal. */
  portal: string;
  path: string;
  /** The query parameter that opens the window: `updatedFrom` (Find a Tender), `publishedFrom` (Contracts Finder). */
  windowParam: string;
  bucket: string;
  /** The public page of a notice. */
  noticeUrl(n: Notice): string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function windowStart(at: string | undefined, days: number): string {
  // A listing is pure, so the run's time is given; without one (a unit test) the window is open-ended.
  const t = at ? Date.parse(at) : 0;
  const start = new Date(Math.floor((t - days * DAY_MS) / DAY_MS) * DAY_MS);
  return start.toISOString().slice(0, 19);
}

function request(spec: PortalSpec, config: NoticeSourceConfig, endpoints: Endpoints, from: string, cursor?: string) {
  const q = new URLSearchParams({ [spec.windowParam]: from, limit: '100' });
  if (config.stages?.length) q.set('stages', config.stages.join(','));
  if (cursor) q.set('cursor', cursor);
  return { url: `${endpoints[spec.endpoint]}${spec.path}?${q}`, bucket: spec.bucket, accept: 'application/json' };
}

/** Where a notice names a watched term: the fields an alert is about, never its boilerplate contacts. */
export function searchableText(n: Notice): string {
  return [n.title, n.description, ...n.items, n.buyer ?? '', ...n.suppliers].join('\n');
}

export function noticeDocument(n: Notice, spec: PortalSpec): DocumentSnapshot {
  const lines = [
    n.title,
    n.description,
    n.buyer ? `Buyer: ${n.buyer}` : '',
    n.suppliers.length ? `Suppliers: ${n.suppliers.join('; ')}` : '',
    n.items.length ? `Items: ${n.items.join('; ')}` : '',
    money(n.value) ? `Value: ${money(n.value)}` : '',
    `Stage: ${n.stage}${n.status ? ` (${n.status})` : ''}`,
  ];
  const { releaseId: _r, date: _d, tags: _t, noticeLink: _l, ...fields } = n;
  // The release's id and date are left out of what is compared: a re-issued, identical release is no change.
  const extra: NoticeFields & { thread: string | null } = {
    ...fields,
    thread: companyThread(searchableText(n), 'procurement'),
  };
  return {
    docId: `${spec.kind}:${n.ocid}`,
    url: n.noticeLink ?? spec.noticeUrl(n),
    title: n.title,
    documentType: `ocds-${n.stage}`,
    text: normalizeText(lines.filter(Boolean).join('\n\n')),
    signal: n.date,
    publishedAt: null,
    updatedAt: n.date,
    changeNote: null,
    withdrawn: null,
    organisations: n.buyer ? [n.buyer] : [],
    attachments: [],
    parentId: null,
    extra: extra,
  };
}

const withThread = (events: ReturnType<typeof newNoticeEvents>, doc: DocumentSnapshot) =>
  events.map((e) => ({ ...e, threadId: (doc.extra?.thread as string | null) ?? null }));

/** The portal's kind: its parsers (its declaration, for the config alone, is built from the same place). */
export function noticeKind(spec: PortalSpec): SourceKind<NoticeSourceConfig> {
  return {
    kind: spec.kind,
    listing: (config, endpoints, at) => request(spec, config, endpoints, windowStart(at, config.windowDays ?? 7)),
    parseListing(fetched, config, endpoints) {
      const page = readReleasePage(fetched, config.id, spec.portal);
      const watched = page.notices.filter((n) => findKeywords(searchableText(n), config.terms).length > 0);
      // Several releases of one process on a page: the newest speaks for it.
      const newest = new Map<string, Notice>();
      for (const n of watched) if (!newest.has(n.ocid) || newest.get(n.ocid)!.date < n.date) newest.set(n.ocid, n);
      const entries = [...newest.values()].map((n) => {
        const doc = noticeDocument(n, spec);
        return { docId: doc.docId, url: doc.url, title: doc.title, signal: doc.signal, inline: doc };
      });
      const from = new URL(fetched.url).searchParams.get(spec.windowParam) ?? windowStart(undefined, 0);
      const next: FetchRequest | null = page.cursor ? request(spec, config, endpoints, from, page.cursor) : null;
      return { entries, next, scanned: page.notices.length };
    },
    windowed: () => true,
    parseDetail(fetched, _entry, config) {
      const notices = readReleasePage(fetched, config.id, spec.portal).notices;
      return { documents: notices.map((n) => noticeDocument(n, spec)), follow: [] };
    },
    compareNew: (after, config) => withThread(newNoticeEvents(after, spec.portal, config.terms), after),
    compare: (before, after, config) =>
      withThread(changedNoticeEvents(before, after, spec.portal, config.terms), after),
  };
}
