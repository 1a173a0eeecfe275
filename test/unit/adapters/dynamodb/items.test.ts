/**
 * Stored items read back through decoders (pure: items as the SDK hands them over, no table): what was
 * written comes back equal, and an item with an attribute of the wrong type fails as one StoreError
 * that names the item's key and the attribute.
 */
import { gzipSync } from 'node:zlib';
import { deliveryFromItem, deliveryItem } from '../../../../lambdas/adapters/dynamodb/delivery-items';
import {
  alertFromItem,
  alertItem,
  changeFromItem,
  changeItem,
  documentFromItem,
  documentItem,
  sourceStateFromItem,
  sourceStateItem,
  versionFromItems,
  versionItems,
} from '../../../../lambdas/adapters/dynamodb/items';
import { describeFailure, StoreError } from '../../../../lambdas/core/errors';
import { newDelivery } from '../../../../lambdas/core/delivery-rows';
import type { SourceState, StoredDocument, StoredVersion } from '../../../../lambdas/core/model';
import { newChange } from '../../../../lambdas/core/new-change';

const doc: StoredDocument = {
  docId: 'd1',
  sourceId: 'bscc',
  url: 'https://www.gov.uk/d1',
  title: 'A letter',
  documentType: 'correspondence',
  signal: '2026-01-01',
  hash: 'h1',
  version: 2,
  revision: 3,
  status: 'active',
  knownId: null,
  threadId: 'hikvision',
  firstSeenAt: '2026-01-01T00:00:00Z',
  lastSeenAt: '2026-01-02T00:00:00Z',
  detailUrl: 'govuk:/api/content/d1',
  detailBucket: 'govuk-content',
  parentId: null,
};

const change = newChange(
  {
    changeId: 'c1',
    sourceId: 'bscc',
    docId: 'd1',
    type: 'document-changed',
    detectedAt: '2026-01-02T00:00:00Z',
    runId: 'r1',
    title: 'A letter',
    url: 'https://www.gov.uk/d1',
    summary: 'The letter changed.',
  },
  {
    version: 2,
    previousVersion: 1,
    diff: [
      { op: 'equal', text: 'Dear ' },
      { op: 'insert', text: 'Minister' },
    ],
    letter: { from: 'BSCC', to: null, date: '2026-01-01', threadId: 'hikvision' },
    knownMatch: { match: 'k1', similarity: 0.9, thread: 'hikvision' },
    keywords: [{ term: 'hikvision', excerpt: '…Hikvision cameras…' }],
  },
);

const state: SourceState = {
  sourceId: 'bscc',
  validators: { 'https://www.gov.uk/x': { etag: '"e1"' }, 'https://www.gov.uk/y': { lastModified: 'Mon' } },
  lastRunAt: '2026-01-02T00:00:00Z',
  lastSuccessAt: null,
  consecutiveFailures: 1,
  lastError: 'The listing of bscc answered HTTP 404.',
  failingAlertOpen: false,
  failingSince: null,
  lastListingSize: 12,
  pendingShrink: null,
  listingHash: 'lh',
  pendingSuspects: [{ docId: 'd1', hash: 'h2' }],
};

/** The error a decoder throws, for its message and context. */
function storeErrorOf(read: () => unknown): StoreError {
  try {
    read();
  } catch (err) {
    if (err instanceof StoreError) return err;
    throw err;
  }
  throw new Error('expected a StoreError');
}

describe('stored items read back', () => {
  it('come back as they were written', () => {
    expect(documentFromItem(documentItem(doc))).toEqual(doc);
    expect(changeFromItem(changeItem(change))).toEqual(change);
    expect(sourceStateFromItem(sourceStateItem(state))).toEqual(state);
    const alert = {
      alertId: 'a1',
      changeId: 'c1',
      type: 'document-changed',
      sourceId: 'bscc',
      createdAt: '2026-01-02T00:00:00Z',
      subject: 'A letter changed',
      priority: 'high' as const,
    };
    expect(alertFromItem(alertItem(alert))).toEqual(alert);
    const row = newDelivery(
      { subjectId: 'a1', recipient: 'x@example.org', channel: 'email', generation: 0 },
      'alert',
      ['a2', 'a1'],
      'now',
    );
    expect(deliveryFromItem(deliveryItem(row))).toEqual({ ...row, alertIds: ['a1', 'a2'] });
  });

  it('reads large versions and diffs back from their compressed forms', () => {
    const version: StoredVersion = {
      docId: 'd1',
      version: 2,
      hash: 'h',
      title: 't',
      fetchedAt: 'f',
      changeNote: null,
      text: 'word '.repeat(200_000),
      extra: { rows: [1, 2] },
    };
    const [head, ...parts] = versionItems(version);
    expect(versionFromItems(head, parts)).toEqual(version);
    const big = { ...change, diff: [{ op: 'delete' as const, text: 'x'.repeat(60_000) }] };
    expect(changeItem(big).diffGz).toBeDefined();
    expect(changeFromItem(changeItem(big))).toEqual(big);
  });

  it('keeps the readings older items need: no revision, no keywords, no publication date', () => {
    const { revision: _revision, ...oldHead } = documentItem(doc);
    expect(documentFromItem(oldHead).revision).toBe(doc.version);
    const { keywords: _keywords, publishedAt: _publishedAt, ...oldChange } = changeItem(change);
    expect(changeFromItem(oldChange)).toMatchObject({ keywords: [], publishedAt: null });
  });
});

describe('a malformed stored item', () => {
  it('names the item and the attribute in one sentence', () => {
    const err = storeErrorOf(() => documentFromItem({ ...documentItem(doc), version: '2' }));
    expect(err.message).toBe('The stored item DOC#d1 / META has a malformed "version": expected a number, found text.');
    expect(err.context).toEqual({ field: 'version', item: 'DOC#d1 / META' });
    expect(describeFailure(err)).toBe(err.message);
  });

  it('names a missing attribute, a value outside its set, and nested attributes by their path', () => {
    const { title: _title, ...untitled } = documentItem(doc);
    expect(() => documentFromItem(untitled)).toThrow('has a malformed "title": expected text, found nothing.');
    expect(() => documentFromItem({ ...documentItem(doc), status: 'gone' })).toThrow(
      'malformed "status": expected one of active, withdrawn, found text.',
    );
    const item = changeItem(change);
    expect(() => changeFromItem({ ...item, letter: { ...change.letter, from: 7 } })).toThrow(
      'The stored item CHANGE#c1 / CHANGE has a malformed "letter.from": expected text, found a number.',
    );
    expect(() => changeFromItem({ ...item, keywords: [change.keywords[0], 'hikvision'] })).toThrow(
      'malformed "keywords[1]": expected a map, found text.',
    );
    expect(() => changeFromItem({ ...item, diff: [{ op: 'replace', text: 'x' }] })).toThrow(
      'malformed "diff[0].op": expected one of equal, insert, delete, found text.',
    );
    expect(() => sourceStateFromItem({ ...sourceStateItem(state), validators: { u: 'etag' } })).toThrow(
      'The stored item SOURCE#bscc / STATE has a malformed "validators.u": expected a map, found text.',
    );
    const row = deliveryItem(
      newDelivery({ subjectId: 'a1', recipient: 'x', channel: 'email', generation: 0 }, 'alert', ['a1'], 'now'),
    );
    expect(() => deliveryFromItem({ ...row, status: 'lost' })).toThrow(
      'malformed "status": expected one of pending, sending, sent, failed, found text.',
    );
  });

  it('names compressed attributes whose bytes or JSON are broken', () => {
    const [head] = versionItems({
      docId: 'd1',
      version: 1,
      hash: 'h',
      title: 't',
      fetchedAt: 'f',
      changeNote: null,
      text: 'x',
    });
    const { text: _text, ...noText } = head;
    expect(() => versionFromItems(noText)).toThrow(
      'The stored item DOC#d1 / V#000001 has a malformed "text": ' +
        'expected text, a compressed body or parts, found nothing.',
    );
    expect(() => versionFromItems({ ...noText, bodyGz: Buffer.from('not gzip') })).toThrow(
      'malformed "bodyGz": expected gzip-compressed text, found binary.',
    );
    expect(() => versionFromItems({ ...noText, bodyGz: gzipSync('{"text": 1}') })).toThrow(
      'malformed "bodyGz.text": expected text, found a number.',
    );
    expect(() => changeFromItem({ ...changeItem(change), diffGz: gzipSync('[{') })).toThrow(
      'malformed "diffGz": expected gzip-compressed JSON, found text.',
    );
  });
});
