/** The alert a change raises, field by field, and when it is high priority. */
import { alertFor } from '../../../lambdas/core/alert-for';
import type { Change } from '../../../lambdas/core/model';

const change = (over: Partial<Change> = {}): Change => ({
  changeId: 'c-1',
  sourceId: 'debarment-list',
  docId: 'doc-1',
  type: 'document-changed',
  detectedAt: '2026-03-02T09:00:00.000Z',
  runId: 'run-1',
  title: 'Debarment list',
  url: 'https://example.org/list',
  summary: 'One supplier added.',
  version: 2,
  previousVersion: 1,
  diff: null,
  changeNote: null,
  threadId: null,
  letter: null,
  knownMatch: null,
  keywords: [],
  ...over,
});

it('carries the change’s id as its own, its type, source, subject and the given time', () => {
  expect(alertFor(change(), '2026-03-02T09:00:05.000Z')).toEqual({
    alertId: 'c-1',
    changeId: 'c-1',
    type: 'document-changed',
    sourceId: 'debarment-list',
    createdAt: '2026-03-02T09:00:05.000Z',
    subject: 'Changed: Debarment list',
    priority: 'normal',
  });
});

it('is high priority when a keyword matched or the source is failing, normal otherwise', () => {
  const hit = { term: 'Hikvision', excerpt: '… Hikvision …' };
  expect(alertFor(change({ keywords: [hit] }), 't').priority).toBe('high');
  expect(alertFor(change({ type: 'source-failing', docId: null }), 't').priority).toBe('high');
  expect(alertFor(change({ type: 'source-recovered', docId: null }), 't').priority).toBe('normal');
  expect(alertFor(change({ type: 'new-document' }), 't')).toMatchObject({
    subject: 'New: Debarment list',
    priority: 'normal',
  });
});
