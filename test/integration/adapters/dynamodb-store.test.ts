/**
 * The store on DynamoDB Local: bodies past the 400 KB item limit are compressed or split, never
 * rejected, and come back byte for byte; a second writer of the same change is told, not doubled.
 */
import { randomBytes } from 'node:crypto';
import type { DynamoDbStore } from '../../../lambdas/adapters/dynamodb/dynamodb-store';
import type { StoredDocument, StoredVersion } from '../../../lambdas/core/model';
import { newChange } from '../../../lambdas/core/new-change';
import { freshStore } from '../../support/dynamo';

function doc(docId: string, version: number): StoredDocument {
  return {
    docId,
    sourceId: 'src',
    url: `https://www.gov.uk/${docId}`,
    title: docId,
    documentType: 'correspondence',
    signal: 's',
    hash: `h${version}`,
    version,
    revision: version,
    status: 'active',
    knownId: null,
    threadId: null,
    firstSeenAt: '2026-01-01T00:00:00Z',
    lastSeenAt: '2026-01-01T00:00:00Z',
    detailUrl: null,
    detailBucket: null,
    parentId: null,
  };
}

function version(docId: string, n: number, text: string): StoredVersion {
  return {
    docId,
    version: n,
    hash: `h${n}`,
    text,
    title: docId,
    fetchedAt: '2026-01-01T00:00:00Z',
    changeNote: null,
    extra: null,
  };
}

function change(id: string, docId: string) {
  return newChange({
    changeId: id,
    sourceId: 'src',
    docId,
    type: 'document-changed',
    detectedAt: '2026-01-02T00:00:00Z',
    runId: 'r',
    title: docId,
    url: null,
    summary: 's',
  });
}

describe('DynamoDbStore on DynamoDB Local', () => {
  let store: DynamoDbStore;
  beforeAll(async () => {
    store = await freshStore('store');
  });

  it.each([
    ['inline', 'small, inline', 'Dear Justin, '.repeat(100)],
    [
      'gzip',
      'an Act-sized text (compresses under the item limit)',
      'Section 1. A contracting authority must exclude a supplier. '.repeat(20_000),
    ],
    ['parts', 'incompressible 1.2 MB (split into parts)', randomBytes(900_000).toString('base64')],
  ])('stores and reads back a body stored %s: %s', async (docId, _name, text) => {
    const written = await store.recordChange({
      changes: [change(`c-${docId}`, docId)],
      alerts: [],
      document: { next: doc(docId, 1), expectedRevision: null },
      version: version(docId, 1, text),
    });
    expect(written).toBe('written');
    const items = await store.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
      ExpressionAttributeValues: { ':pk': `DOC#${docId}`, ':v': 'V#' },
    });
    const shape = items.length > 1 ? 'parts' : items[0].bodyGz ? 'gzip' : 'inline';
    expect(shape).toBe(docId);
    expect((await store.getVersion(docId, 1))!.text).toBe(text);
    expect((await store.listVersions(docId)).map((v) => v.text)).toEqual([text]);
  });

  it('keeps a large diff with its change (compressed past 50 KB)', async () => {
    const diff = Array.from({ length: 5000 }, (_, i) => ({
      op: i % 2 ? ('insert' as const) : ('delete' as const),
      text: `word${i} `,
    }));
    const c = { ...change('big-diff', 'doc-diff'), diff };
    await store.recordChange({
      changes: [c],
      alerts: [],
      document: { next: doc('doc-diff', 1), expectedRevision: null },
    });
    expect((await store.getChange('big-diff'))!.diff).toEqual(diff);
  });

  it('a second writer of the same change, or of a stale version, is told "duplicate" and nothing is half-written', async () => {
    const first = await store.recordChange({
      changes: [change('same', 'doc-race')],
      alerts: [],
      document: { next: doc('doc-race', 1), expectedRevision: null },
      version: version('doc-race', 1, 'v1'),
    });
    const again = await store.recordChange({
      changes: [change('same', 'doc-race')],
      alerts: [],
      document: { next: doc('doc-race', 1), expectedRevision: null },
      version: version('doc-race', 1, 'v1'),
    });
    const stale = await store.recordChange({
      changes: [change('other', 'doc-race')],
      alerts: [],
      document: { next: doc('doc-race', 2), expectedRevision: 5 },
      version: version('doc-race', 2, 'v2'),
    });
    expect([first, again, stale]).toEqual(['written', 'duplicate', 'duplicate']);
    expect(await store.getChange('other')).toBeNull();
    expect(await store.getVersion('doc-race', 2)).toBeNull();
    expect((await store.getDocument('doc-race'))!.version).toBe(1);
  });
});
