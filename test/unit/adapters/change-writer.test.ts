/** The bounded-write planner of the DynamoDB adapter: which items go in which transaction (pure). */
import { chunksOf, itemsFor, LIMITS } from '../../../lambdas/adapters/dynamodb/change-writer';
import { alertFor } from '../../../lambdas/core/alert-for';
import { newChange } from '../../../lambdas/core/new-change';

const change = (i: number) =>
  newChange({
    changeId: `c${i}`,
    sourceId: 's',
    docId: 'd',
    type: 'supplier-debarred',
    detectedAt: '2026-01-01T00:00:00.000Z',
    runId: 'r',
    title: `Row ${i}`,
    url: null,
    summary: 'x'.repeat(100),
  });

describe('change writer', () => {
  it('puts the head last, conditioned on the revision it expects (or its version, for heads from before revisions)', () => {
    const c = change(1);
    const doc = {
      docId: 'd',
      sourceId: 's',
      url: 'u',
      title: 't',
      documentType: 'x',
      signal: 's',
      hash: 'h',
      version: 2,
      revision: 3,
      status: 'active' as const,
      knownId: null,
      threadId: null,
      firstSeenAt: 'a',
      lastSeenAt: 'b',
      detailUrl: null,
      detailBucket: null,
      parentId: null,
    };
    const { body, head } = itemsFor('t', {
      changes: [c],
      alerts: [alertFor(c, 'now')],
      document: { next: doc, expectedRevision: 2 },
    });
    expect(body.map((i) => i.Put.ConditionExpression)).toEqual([
      'attribute_not_exists(pk)',
      'attribute_not_exists(pk)',
    ]);
    expect(head?.Put.ConditionExpression).toBe('#r = :expected OR (attribute_not_exists(#r) AND #v = :expected)');
    expect(head?.Put.ExpressionAttributeValues).toEqual({ ':expected': 2 });
  });

  it('splits by item count and by bytes, never an empty chunk', () => {
    const { body } = itemsFor('t', { changes: Array.from({ length: 120 }, (_, i) => change(i)), alerts: [] });
    const chunks = chunksOf(body, LIMITS.chunk);
    expect(chunks.map((c) => c.length)).toEqual([50, 50, 20]);
    const big = chunksOf(body, { items: 100, bytes: 2_000 });
    expect(big.every((c) => c.length >= 1)).toBe(true);
    expect(big.flat()).toHaveLength(120);
    expect(big.length).toBeGreaterThan(10);
  });
});
