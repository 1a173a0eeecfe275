/**
 * The events a watched OCDS notice gives when it first appears and when it changes
 * (lambdas/sources/ocds/notice-events.ts), which mutation testing found with no unit test at all: on the
 * demo's Find a Tender and Contracts Finder packages and the composed amendment and award that follow them
 * (test/fixtures/README.md), and, for what no package shows (no buyer, no value, half a contract period,
 * another currency, each compared field alone), on the fields of the demo's tender with values changed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentSnapshot, StoredVersion } from '../../../lambdas/core/model';
import { LIVE_ENDPOINTS } from '../../../lambdas/config';
import { contractsFinder } from '../../../lambdas/sources/contracts-finder';
import { findATender } from '../../../lambdas/sources/find-a-tender';
import {
  changedNoticeEvents,
  money,
  newNoticeEvents,
  type NoticeFields,
} from '../../../lambdas/sources/ocds/notice-events';
import type { NoticeSourceConfig } from '../../../lambdas/sources/ocds/notice-kind';
import { fetched, fixtureText } from '../../support/fixtures';
import { ROOT_DIR } from '../../support/replay-files';

const TERMS = ['Hikvision', 'Dahua', 'CCTV', 'body-worn video'];
const config = (kind: string): NoticeSourceConfig => ({ id: 'notices', kind, terms: TERMS });
const FTS = config('find-a-tender');
const CF = config('contracts-finder');
const replay = (path: string) => readFileSync(join(ROOT_DIR, 'demo', 'replay', path), 'utf8');
const docsOf = (kind: typeof findATender, body: string): DocumentSnapshot[] =>
  kind.parseDetail(
    fetched('https://x.test/', body),
    { docId: '', url: '', title: '', signal: '' },
    config(kind.kind),
    LIVE_ENDPOINTS,
  ).documents;
const stored = (doc: DocumentSnapshot): StoredVersion => ({
  docId: doc.docId,
  version: 1,
  hash: 'h',
  text: doc.text,
  title: doc.title,
  fetchedAt: '2026-03-03T00:00:00.000Z',
  changeNote: null,
  extra: doc.extra,
});

// The demo's t4 Hikvision tender (450,000; tenders close 10 April) and what the composed files make of it.
const tender = docsOf(findATender, replay('t4/procurement-notices/find-a-tender.json'))[1];
const amended = docsOf(findATender, fixtureText('ocds/composed_fts_tender-amended.json'))[1];
const awardedDoc = docsOf(findATender, fixtureText('ocds/composed_fts_contract-awarded.json'))[1];
const cfAward = docsOf(contractsFinder, replay('t4/procurement-notices/contracts-finder.json'))[1];
const cfAmended = docsOf(contractsFinder, fixtureText('ocds/composed_cf_award-amended.json'))[1];

const HIKVISION = '…CCTV cameras. The existing 140 Hikvision cameras and recorders are to be…';
const DAHUA = '…restrictions on Hikvision and Dahua equipment. Buyer: Northmoor…';
const MATCHED_FTS =
  `Matched Hikvision ("${HIKVISION}"); Dahua ("${DAHUA}"); ` +
  'CCTV ("Town centre CCTV camera replacement Northmoor…").';

describe('a notice seen for the first time (recorded shapes)', () => {
  it('a tender: buyer, value, closing day, contract period, the terms it names, the notice', () => {
    expect(findATender.compareNew!(tender, FTS)).toEqual([
      {
        type: 'tender-published',
        key: 'tender:ocds-h6vhtk-05a7c3',
        title: 'Town centre CCTV camera replacement',
        summary:
          'Find a Tender tender notice: Town centre CCTV camera replacement. Buyer: Northmoor Borough Council. ' +
          'Value: £450,000. Tenders close 2026-04-10. Contract period: 2026-06-01 to 2029-05-31. ' +
          `${MATCHED_FTS} https://www.find-tender.service.gov.uk/Notice/012345-2026`,
        text: tender.text,
        threadId: 'hikvision--procurement',
      },
    ]);
  });

  it('an award: suppliers, the award value and day instead of the closing day', () => {
    expect(findATender.compareNew!(awardedDoc, FTS)).toEqual([
      {
        type: 'contract-awarded',
        key: 'award:ocds-h6vhtk-05a7c3',
        title: 'Town centre CCTV camera replacement',
        summary:
          'Contract awarded on Find a Tender: Town centre CCTV camera replacement. Buyer: Northmoor Borough ' +
          'Council. Suppliers: Sample Imaging Systems Ltd. Value: £498,000. Awarded 2026-05-18. Contract period: ' +
          `2026-06-01 to 2029-05-31. ${MATCHED_FTS} https://www.find-tender.service.gov.uk/Notice/021870-2026`,
        text: awardedDoc.text,
        threadId: 'hikvision--procurement',
      },
    ]);
  });

  it('a recorded award naming no watched term: pence kept, no "Matched", no thread', () => {
    const recorded = docsOf(contractsFinder, replay('t4/procurement-notices/contracts-finder.json'))[0];
    expect(contractsFinder.compareNew!(recorded, CF)).toEqual([
      {
        type: 'contract-awarded',
        key: 'award:ocds-b5fd17-d1441223-b3e7-45a9-9ff6-88fcdad59f37',
        title: 'RCC-1118-S-DPS Home to School DPS',
        summary:
          'Contract awarded on Contracts Finder: RCC-1118-S-DPS Home to School DPS. Buyer: Welland Procurement ' +
          'Unit. Suppliers: 24x7; A1 Taxis. Value: £776,888.48. Awarded 2024-09-01. Contract period: 2024-09-01 ' +
          'to 2025-08-19. https://www.contractsfinder.service.gov.uk/Notice/a7425cdc-e7f7-44cc-a75a-7f77eeff79a7',
        text: recorded.text,
        threadId: null,
      },
    ]);
  });

  it('a document that is not a notice gives no event', () => {
    for (const extra of [undefined, {}, { ocid: 42 }, { thread: 'hikvision--procurement' }]) {
      const doc = { ...tender, extra };
      expect(newNoticeEvents(doc, 'Find a Tender', TERMS)).toEqual([]);
      expect(changedNoticeEvents(stored(tender), doc, 'Find a Tender', TERMS)).toEqual([]);
      expect(changedNoticeEvents({ ...stored(tender), extra: extra ?? null }, tender, 'Find a Tender', TERMS)).toEqual(
        [],
      );
    }
  });
});

describe('a notice that changed (composed amendments of the demo notices)', () => {
  it('a tender amended: value and closing day, before → after', () => {
    expect(findATender.compare!(stored(tender), amended, FTS)).toEqual([
      {
        type: 'notice-changed',
        key: 'changed:ocds-h6vhtk-05a7c3',
        title: 'Town centre CCTV camera replacement',
        summary:
          'Notice changed on Find a Tender: Town centre CCTV camera replacement (Northmoor Borough Council): ' +
          `value £450,000 → £520,000; tenders close 2026-04-10 → 2026-04-24. ${MATCHED_FTS} ` +
          'https://www.find-tender.service.gov.uk/Notice/013002-2026',
        text: amended.text,
        threadId: 'hikvision--procurement',
      },
    ]);
  });

  it('a tender reaching its award is told as the award, not as the fields that moved', () => {
    const events = findATender.compare!(stored(tender), awardedDoc, FTS);
    expect(events).toEqual(findATender.compareNew!(awardedDoc, FTS));
    expect(events.map((e) => e.type)).toEqual(['contract-awarded']);
  });

  it('an award amended stays an amendment: value and contract end', () => {
    const [event] = contractsFinder.compare!(stored(cfAward), cfAmended, CF);
    expect(event.type).toBe('notice-changed');
    expect(event.key).toBe('changed:ocds-b5fd17-7c1e2f40-93aa-4d1b-b6f2-2e8d5a0c4b11');
    expect(event.summary).toBe(
      'Notice changed on Contracts Finder: Body-worn video cameras and evidence management (Office of the Police ' +
        'and Crime Commissioner for Northmoor): value £1,180,000 → £1,240,000; contract ends 2030-03-31 → ' +
        '2031-03-31. Matched Hikvision ("…Northmoor Police. The previous Hikvision body-worn cameras are being…"); ' +
        'body-worn video ("Body-worn video cameras and evidence…"). ' +
        'https://www.contractsfinder.service.gov.uk/Notice/5d2a9b31-0f6e-4c7a-9d3b-81e4c2a7f609',
    );
  });

  it('a release re-issued with the same fields is no event', () => {
    expect(findATender.compare!(stored(tender), tender, FTS)).toEqual([]);
    expect(contractsFinder.compare!(stored(cfAmended), cfAmended, CF)).toEqual([]);
  });
});

// The demo tender's fields, values changed per case.
const base = tender.extra as unknown as NoticeFields;
const PORTAL = 'Find a Tender';
const URL_ = tender.url;
const asDoc = (fields: Partial<NoticeFields>, text = 'No watched word here.'): DocumentSnapshot => ({
  ...tender,
  title: fields.title ?? base.title,
  text,
  extra: { ...base, ...fields },
});
const summaryOfNew = (fields: Partial<NoticeFields>) => newNoticeEvents(asDoc(fields), PORTAL, TERMS)[0].summary;
const changed = (before: Partial<NoticeFields>, after: Partial<NoticeFields>) =>
  changedNoticeEvents(stored(asDoc(before)), asDoc(after), PORTAL, TERMS).map((e) => e.summary);

describe('what a first-seen notice says when fields are missing', () => {
  it('a planning notice with no buyer, value, closing day or period: its title and link only', () => {
    const none = {
      stage: 'planning',
      buyer: null,
      value: null,
      tenderEnd: null,
      contractStart: null,
      contractEnd: null,
    };
    expect(newNoticeEvents(asDoc(none as Partial<NoticeFields>), PORTAL, TERMS)).toEqual([
      {
        type: 'tender-published',
        key: 'tender:ocds-h6vhtk-05a7c3',
        title: 'Town centre CCTV camera replacement',
        summary: `Find a Tender planning notice: Town centre CCTV camera replacement. ${URL_}`,
        text: 'No watched word here.',
      },
    ]);
  });

  it('half a contract period shows "?" for the missing end', () => {
    expect(summaryOfNew({ contractEnd: null, value: null, tenderEnd: null })).toBe(
      `Find a Tender tender notice: Town centre CCTV camera replacement. Buyer: Northmoor Borough Council. ` +
        `Contract period: 2026-06-01 to ?. ${URL_}`,
    );
    expect(summaryOfNew({ contractStart: null, value: null, tenderEnd: null, buyer: null })).toBe(
      `Find a Tender tender notice: Town centre CCTV camera replacement. Contract period: ? to 2029-05-31. ${URL_}`,
    );
  });

  it('an award or contract with no supplier, value, day or period says the suppliers are not named', () => {
    const bare = { buyer: null, suppliers: [], value: null, awardDate: null, contractStart: null, contractEnd: null };
    for (const stage of ['award', 'contract'] as const) {
      expect(newNoticeEvents(asDoc({ ...bare, stage }), PORTAL, TERMS)).toEqual([
        {
          type: 'contract-awarded',
          key: 'award:ocds-h6vhtk-05a7c3',
          title: 'Town centre CCTV camera replacement',
          summary: `Contract awarded on Find a Tender: Town centre CCTV camera replacement. Suppliers: not named. ${URL_}`,
          text: 'No watched word here.',
        },
      ]);
    }
  });
});

describe('money', () => {
  it('pounds with a £ and at most two decimals; another currency after the amount', () => {
    expect(money(null)).toBeNull();
    expect(money({ amount: 1234.567, currency: 'GBP' })).toBe('£1,234.57');
    expect(money({ amount: 1234.5, currency: 'EUR' })).toBe('1,234.5 EUR');
  });
});

describe('what an amendment names, field by field', () => {
  const before = { stage: 'tender' as const };
  it.each<[string, Partial<NoticeFields>, Partial<NoticeFields>, string]>([
    [
      'title',
      {},
      { title: 'Town centre CCTV replacement' },
      'title Town centre CCTV camera replacement → Town centre CCTV replacement',
    ],
    ['status', {}, { status: 'cancelled' }, 'status active → cancelled'],
    ['status gone', {}, { status: null }, 'status active → none'],
    ['value', { value: null }, {}, 'value none → £450,000'],
    ['tenders close', {}, { tenderEnd: null }, 'tenders close 2026-04-10 → none'],
    ['contract starts', {}, { contractStart: '2026-07-01T00:00:00+01:00' }, 'contract starts 2026-06-01 → 2026-07-01'],
    ['contract ends', {}, { contractEnd: '2030-05-31T23:59:59+01:00' }, 'contract ends 2029-05-31 → 2030-05-31'],
    [
      'suppliers',
      {},
      { suppliers: ['Sample Imaging Systems Ltd', 'Example Evidence Systems Ltd'] },
      'suppliers none → Sample Imaging Systems Ltd; Example Evidence Systems Ltd',
    ],
    ['description', {}, { description: 'Replacement of the town centre cameras.' }, 'the description was edited'],
    ['items', {}, { items: ['Video-surveillance system', 'CCTV system'] }, 'the items changed'],
  ])('%s', (_name, a, b, moved) => {
    expect(changed({ ...before, ...a }, { ...before, ...b })).toEqual([
      `Notice changed on Find a Tender: ${b.title ?? base.title} (Northmoor Borough Council): ${moved}. ${URL_}`,
    ]);
  });

  it('a buyer named late: "none" before it, and no buyer in brackets when there is none after', () => {
    expect(changed({ buyer: null }, {})).toEqual([
      `Notice changed on Find a Tender: ${base.title} (Northmoor Borough Council): ` +
        `buyer none → Northmoor Borough Council. ${URL_}`,
    ]);
    expect(changed({}, { buyer: null })).toEqual([
      `Notice changed on Find a Tender: ${base.title}: buyer Northmoor Borough Council → none. ${URL_}`,
    ]);
  });

  it('several fields at once, in a fixed order; an award moving to its contract is an amendment', () => {
    expect(
      changed(
        { stage: 'award', suppliers: ['Sample Imaging Systems Ltd'] },
        { stage: 'contract', suppliers: ['Sample Imaging Systems Ltd'], status: 'complete', contractEnd: null },
      ),
    ).toEqual([
      `Notice changed on Find a Tender: ${base.title} (Northmoor Borough Council): status active → complete; ` +
        `contract ends 2029-05-31 → none. ${URL_}`,
    ]);
  });

  it('an award read back as a tender (a portal re-issuing the tender) is an amendment, not an award', () => {
    expect(changed({ stage: 'award' }, { stage: 'tender', status: 'cancelled' })).toEqual([
      `Notice changed on Find a Tender: ${base.title} (Northmoor Borough Council): status active → cancelled. ${URL_}`,
    ]);
  });
});
