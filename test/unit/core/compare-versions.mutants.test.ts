/**
 * Comparing two stored versions: older first whatever the order asked, extra and text left out, null when one
 * is missing.
 */
import { compareVersions } from '../../../lambdas/core/compare-versions';
import type { StoredVersion } from '../../../lambdas/core/model';

const version = (n: number, text: string): StoredVersion => ({
  docId: 'doc-1',
  version: n,
  hash: `h${n}`,
  text,
  title: `Title ${n}`,
  fetchedAt: `2026-03-0${n}T09:00:00.000Z`,
  changeNote: n === 2 ? 'Corrected a date' : null,
  extra: { rows: n },
});
const versions = [version(1, 'met on 19 January'), version(2, 'met on 26 January')];
const store = {
  getVersion: async (docId: string, n: number) => versions.find((v) => v.docId === docId && v.version === n) ?? null,
};
const { text: _t1, extra: _e1, ...meta1 } = versions[0];
const { text: _t2, extra: _e2, ...meta2 } = versions[1];

const expected = {
  from: meta1,
  to: meta2,
  diff: [
    { op: 'equal', text: 'met on ' },
    { op: 'delete', text: '19' },
    { op: 'insert', text: '26' },
    { op: 'equal', text: ' January' },
  ],
  inserted: 1,
  deleted: 1,
};

it('diffs the older version against the newer, in either order asked', async () => {
  expect(await compareVersions({ store }, { docId: 'doc-1', from: 1, to: 2 })).toEqual(expected);
  expect(await compareVersions({ store }, { docId: 'doc-1', from: 2, to: 1 })).toEqual(expected);
});

it('a version against itself is one equal run and no words changed', async () => {
  const { text: _t, extra: _e, ...meta } = versions[0];
  expect(await compareVersions({ store }, { docId: 'doc-1', from: 1, to: 1 })).toEqual({
    from: meta,
    to: meta,
    diff: [{ op: 'equal', text: 'met on 19 January' }],
    inserted: 0,
    deleted: 0,
  });
});

it('is null when either version is missing', async () => {
  expect(await compareVersions({ store }, { docId: 'doc-1', from: 1, to: 3 })).toBeNull();
  expect(await compareVersions({ store }, { docId: 'doc-1', from: 3, to: 2 })).toBeNull();
  expect(await compareVersions({ store }, { docId: 'doc-2', from: 1, to: 2 })).toBeNull();
});

it('cuts long unchanged runs to their edges', async () => {
  const long = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
  versions.push(version(3, `${long} end`), version(4, `${long} finish`));
  const out = await compareVersions({ store }, { docId: 'doc-1', from: 3, to: 4 });
  expect(out?.diff[0].text.startsWith('… ')).toBe(true);
  expect(out?.diff[0].text.length).toBe(2 + 300);
  expect(out?.diff.slice(1)).toEqual([
    { op: 'delete', text: 'end' },
    { op: 'insert', text: 'finish' },
  ]);
});
