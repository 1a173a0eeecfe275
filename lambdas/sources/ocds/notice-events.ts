/**
 * What a watched notice says when it first appears and when it changes: `tender-published` (a
 * planning or tender notice), `contract-awarded` (an award or contract: buyer, value, dates,
 * suppliers), `notice-changed` (an amendment: which of those moved). Each names the matched terms
 * with their excerpt and links to the notice.
 */
import { clip } from '../../core/describe-change';
import type { DocumentSnapshot, StoredVersion } from '../../core/model';
import type { StructuredEvent } from '../../core/source-kind';
import { findKeywords } from '../../core/text/keywords';
import type { Notice } from './release';

/** What a notice's document keeps beside its text: the fields compared and named. */
export type NoticeFields = Omit<Notice, 'releaseId' | 'date' | 'tags' | 'noticeLink'>;

export function fieldsOf(extra: Record<string, unknown> | null | undefined): NoticeFields | null {
  return extra && typeof extra.ocid === 'string' ? (extra as unknown as NoticeFields) : null;
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

export function money(value: Notice['value']): string | null {
  if (!value) return null;
  const amount = value.amount.toLocaleString('en-GB', { maximumFractionDigits: 2 });
  return value.currency === 'GBP' ? `£${amount}` : `${amount} ${value.currency}`;
}

function period(n: NoticeFields): string | null {
  const from = day(n.contractStart);
  const to = day(n.contractEnd);
  return from || to ? `${from ?? '?'} to ${to ?? '?'}` : null;
}

function matched(text: string, terms: string[]): string {
  const hits = findKeywords(text, terms);
  return hits.length ? ` Matched ${hits.map((h) => `${h.term} ("${h.excerpt}")`).join('; ')}.` : '';
}

const AWARDED: ReadonlySet<string> = new Set(['award', 'contract']);

function published(doc: DocumentSnapshot, n: NoticeFields, portal: string, terms: string[]): StructuredEvent {
  const parts = [
    n.buyer ? `Buyer: ${n.buyer}.` : '',
    money(n.value) ? `Value: ${money(n.value)}.` : '',
    n.tenderEnd ? `Tenders close ${day(n.tenderEnd)}.` : '',
    period(n) ? `Contract period: ${period(n)}.` : '',
  ].filter(Boolean);
  return {
    type: 'tender-published',
    key: `tender:${n.ocid}`,
    title: doc.title,
    summary: clip(
      `${portal} ${n.stage} notice: ${doc.title}. ${parts.join(' ')}${matched(doc.text, terms)} ${doc.url}`,
      700,
    ),
    text: doc.text,
  };
}

function awarded(doc: DocumentSnapshot, n: NoticeFields, portal: string, terms: string[]): StructuredEvent {
  const parts = [
    n.buyer ? `Buyer: ${n.buyer}.` : '',
    n.suppliers.length ? `Suppliers: ${n.suppliers.join('; ')}.` : 'Suppliers: not named.',
    money(n.value) ? `Value: ${money(n.value)}.` : '',
    n.awardDate ? `Awarded ${day(n.awardDate)}.` : '',
    period(n) ? `Contract period: ${period(n)}.` : '',
  ].filter(Boolean);
  return {
    type: 'contract-awarded',
    key: `award:${n.ocid}`,
    title: doc.title,
    summary: clip(
      `Contract awarded on ${portal}: ${doc.title}. ${parts.join(' ')}${matched(doc.text, terms)} ${doc.url}`,
      700,
    ),
    text: doc.text,
  };
}

/** The fields an amendment may move, named as a person reads them. */
const COMPARED: [keyof NoticeFields, string, (n: NoticeFields) => string | null][] = [
  ['title', 'title', (n) => n.title],
  ['status', 'status', (n) => n.status],
  ['buyer', 'buyer', (n) => n.buyer],
  ['value', 'value', (n) => money(n.value)],
  ['tenderEnd', 'tenders close', (n) => day(n.tenderEnd)],
  ['contractStart', 'contract starts', (n) => day(n.contractStart)],
  ['contractEnd', 'contract ends', (n) => day(n.contractEnd)],
  ['suppliers', 'suppliers', (n) => n.suppliers.join('; ') || null],
];

export function newNoticeEvents(doc: DocumentSnapshot, portal: string, terms: string[]): StructuredEvent[] {
  const n = fieldsOf(doc.extra);
  if (!n) return [];
  return [AWARDED.has(n.stage) ? awarded(doc, n, portal, terms) : published(doc, n, portal, terms)];
}

export function changedNoticeEvents(
  before: StoredVersion,
  doc: DocumentSnapshot,
  portal: string,
  terms: string[],
): StructuredEvent[] {
  const a = fieldsOf(before.extra);
  const b = fieldsOf(doc.extra);
  if (!a || !b) return [];
  // Reaching the award is the news; the tender it came from changing on the way is not.
  if (AWARDED.has(b.stage) && !AWARDED.has(a.stage)) return [awarded(doc, b, portal, terms)];
  const moved = COMPARED.filter(([, , show]) => show(a) !== show(b)).map(
    ([, label, show]) => `${label} ${show(a) ?? 'none'} → ${show(b) ?? 'none'}`,
  );
  if (a.description !== b.description) moved.push('the description was edited');
  if (a.items.join('\n') !== b.items.join('\n')) moved.push('the items changed');
  if (!moved.length) return [];
  return [
    {
      type: 'notice-changed',
      key: `changed:${b.ocid}`,
      title: doc.title,
      summary: clip(
        `Notice changed on ${portal}: ${doc.title}${b.buyer ? ` (${b.buyer})` : ''}: ${moved.join('; ')}.` +
          `${matched(doc.text, terms)} ${doc.url}`,
        700,
      ),
      text: doc.text,
    },
  ];
}
