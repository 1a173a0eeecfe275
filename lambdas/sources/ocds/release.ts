/**
 * OCDS 1.1 release packages (Find a Tender, Contracts Finder) read into notices: the few fields an
 * alert names (buyer, value, dates, suppliers, items), the stage the process has reached, and the
 * cursor of the next page. Only what is compared is kept; a release is never stored whole.
 */
import { ParseError } from '../../core/errors';
import type { Fetched } from '../../core/model';
import { normalizeText } from '../../core/text/normalize';

export type Stage = 'planning' | 'tender' | 'award' | 'contract';

export interface Notice {
  ocid: string;
  releaseId: string;
  /** The release's date, as ISO UTC: the listing's change signal. */
  date: string;
  stage: Stage;
  tags: string[];
  title: string;
  description: string;
  status: string | null;
  buyer: string | null;
  suppliers: string[];
  items: string[];
  value: { amount: number; currency: string } | null;
  tenderEnd: string | null;
  contractStart: string | null;
  contractEnd: string | null;
  awardDate: string | null;
  /** A link to the notice the portal gave in the release (`awardNotice`, `tenderNotice`), if any. */
  noticeLink: string | null;
}

export interface ReleasePage {
  notices: Notice[];
  /** The opaque token of the next page (`links.next`'s `cursor`), or null on the last page. */
  cursor: string | null;
}

type Node = Record<string, unknown>;

const STAGE_ORDER: Stage[] = ['planning', 'tender', 'award', 'contract'];

const obj = (v: unknown): Node => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : {});
const list = (v: unknown): Node[] => (Array.isArray(v) ? v.map(obj) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : '');
const orNull = (v: unknown): string | null => str(v) || null;

/** `2025-01-23T17:32:10Z` or `…+01:00` → ISO UTC, so signals of one portal compare as strings. */
function iso(v: unknown): string | null {
  const t = Date.parse(str(v));
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** The furthest stage a release speaks of: its tags first (`awardUpdate` → award), then its sections. */
export function stageOf(release: Node): Stage {
  const tags = (Array.isArray(release.tag) ? release.tag : []).map(String);
  let at = 0;
  for (const tag of tags) {
    const i = STAGE_ORDER.findIndex((s) => tag.startsWith(s));
    if (i > at) at = i;
  }
  if (list(release.contracts).length) at = Math.max(at, 3);
  else if (list(release.awards).length) at = Math.max(at, 2);
  else if (Object.keys(obj(release.tender)).length)
    at = Math.max(at, tags.some((t) => t.startsWith('planning')) ? 0 : 1);
  return STAGE_ORDER[at];
}

function valueOf(...candidates: unknown[]): Notice['value'] {
  for (const c of candidates) {
    const v = obj(c);
    if (typeof v.amount === 'number' && Number.isFinite(v.amount))
      return { amount: v.amount, currency: str(v.currency) || 'GBP' };
  }
  return null;
}

function partyNames(release: Node, role: string): string[] {
  return list(release.parties)
    .filter((p) => Array.isArray(p.roles) && p.roles.includes(role))
    .map((p) => str(p.name))
    .filter(Boolean);
}

export function noticeOf(release: Node, where: { url: string; source: string }): Notice {
  const ocid = str(release.ocid);
  const releaseId = str(release.id);
  const date = iso(release.date);
  if (!ocid || !releaseId || !date) {
    throw new ParseError(`A release at ${where.url} has no ocid, id or date: it is not an OCDS release.`, {
      ...where,
      field: !ocid ? 'ocid' : !releaseId ? 'id' : 'date',
    });
  }
  const tender = obj(release.tender);
  const awards = list(release.awards);
  const contracts = list(release.contracts);
  const award = awards[awards.length - 1] ?? {};
  const contract = contracts[contracts.length - 1] ?? {};
  const suppliers = [
    ...new Set([
      ...awards.flatMap((a) => list(a.suppliers).map((s) => str(s.name))),
      ...partyNames(release, 'supplier'),
    ]),
  ].filter(Boolean);
  const items = [...list(tender.items), ...awards.flatMap((a) => list(a.items))]
    .map((i) => str(i.description) || str(obj(i.classification).description))
    .filter(Boolean);
  const classification = str(obj(tender.classification).description);
  const contractPeriod = obj(contract.period ?? award.contractPeriod ?? tender.contractPeriod);
  const links = [...list(award.documents), ...list(tender.documents)].filter((d) =>
    /Notice$/.test(str(d.documentType)),
  );
  return {
    ocid,
    releaseId,
    date,
    stage: stageOf(release),
    tags: (Array.isArray(release.tag) ? release.tag : []).map(String),
    title: str(tender.title) || str(award.title) || str(contract.title) || ocid,
    description: normalizeText(str(tender.description) || str(award.description) || ''),
    status: orNull(contract.status) ?? orNull(award.status) ?? orNull(tender.status),
    buyer: orNull(obj(release.buyer).name) ?? partyNames(release, 'buyer')[0] ?? null,
    suppliers,
    items: [...new Set(classification ? [...items, classification] : items)],
    value: valueOf(contract.value, award.value, tender.value),
    // As published, with their offset: a contract starting at midnight in London starts that day.
    tenderEnd: orNull(obj(tender.tenderPeriod).endDate),
    contractStart: orNull(contractPeriod.startDate),
    contractEnd: orNull(contractPeriod.endDate),
    awardDate: orNull(award.date),
    noticeLink: links.length ? orNull(links[0].url) : null,
  };
}

/** One page of a release package: its releases as notices, and the next page's cursor. */
export function readReleasePage(fetched: Fetched, source: string, portal: string): ReleasePage {
  let body: unknown;
  try {
    body = JSON.parse(fetched.body);
  } catch (err) {
    throw new ParseError(
      `${portal} answered ${fetched.url} with something that is not JSON.`,
      { url: fetched.url, source },
      err,
    );
  }
  const pkg = obj(body);
  if (!Array.isArray(pkg.releases)) {
    throw new ParseError(`${portal} answered ${fetched.url} without a "releases" list: not an OCDS release package.`, {
      url: fetched.url,
      source,
      field: 'releases',
    });
  }
  const where = { url: fetched.url, source };
  const next = str(obj(pkg.links).next);
  let cursor: string | null = null;
  if (next) {
    try {
      cursor = new URL(next, fetched.url).searchParams.get('cursor');
    } catch {
      cursor = null;
    }
    if (!cursor) {
      throw new ParseError(`${portal}'s next page link at ${fetched.url} carries no cursor.`, {
        ...where,
        field: 'links.next',
      });
    }
  }
  return { notices: pkg.releases.map((r) => noticeOf(obj(r), where)), cursor };
}
