/** The router's edges, with a store double: failures become a bare 500, never a stack or a table name. */
import { buildCatalog } from '../../../lambdas/core/catalog';
import { CHANGE_TYPE_GROUPS, CHANGE_TYPES } from '../../../lambdas/core/change-types';
import { StoreError } from '../../../lambdas/core/errors';
import type { Logger } from '../../../lambdas/core/ports';
import type { ApiDeps } from '../../../lambdas/http/api-deps';
import type { HttpRequest } from '../../../lambdas/http/http-types';
import { createRouter } from '../../../lambdas/http/router';

function request(path: string, method = 'GET'): HttpRequest {
  const [p, qs = ''] = path.split('?');
  return { method, path: p, query: new URLSearchParams(qs), headers: { host: 'localhost' }, body: '' };
}

function deps(overrides: Partial<ApiDeps['store']> = {}): { deps: ApiDeps; logged: unknown[] } {
  const logged: unknown[] = [];
  const logger: Logger = { info: () => undefined, warn: () => undefined, error: (m, f) => logged.push({ m, f }) };
  const store = {
    listChanges: async () => ({ items: [], cursor: null }),
    getChange: async () => null,
    listVersions: async () => [],
    getVersion: async () => null,
    getDocument: async () => null,
    getSourceState: async () => null,
    listDocuments: async () => [],
    ...overrides,
  };
  return {
    deps: {
      store,
      settings: { cursorSecret: 'router-secret-0123456789', baseUrl: null, unsubscribeSecret: null },
      assets: null,
      logger,
    },
    logged,
  };
}

it('answers a store failure with a 500 that hides its detail, and logs it', async () => {
  const { deps: d, logged } = deps({
    listChanges: async () => {
      throw new StoreError('DynamoDB Query failed on table secret-table: ThrottlingException');
    },
  });
  const res = await createRouter(d)(request('/changes'));
  expect(res.status).toBe(500);
  expect(res.body).not.toMatch(/secret-table|Throttling|at /);
  expect(JSON.parse(res.body).error.code).toBe('internal');
  expect(JSON.stringify(logged)).toContain('ThrottlingException');
});

it('answers a malformed percent-encoding in an id with a 400', async () => {
  const res = await createRouter(deps().deps)(request('/changes/%E0%A4%A'));
  expect(res.status).toBe(400);
  expect(JSON.parse(res.body).error.parameter).toBe('id');
});

it('decodes a document id holding slashes from one path segment', async () => {
  const asked: string[] = [];
  const { deps: d } = deps({ listVersions: async (id: string) => (asked.push(id), []) });
  const res = await createRouter(d)(
    request(`/documents/${encodeURIComponent('govuk:/government/publications/x')}/history`),
  );
  expect(asked).toEqual(['govuk:/government/publications/x']);
  expect(res.status).toBe(404);
});

it('answers 404 for the web page when none is installed', async () => {
  expect((await createRouter(deps().deps)(request('/'))).status).toBe(404);
});

it.each(['/changes/', '/documents/'])(
  'answers an id over 500 characters at %s… with a 400, not a 500',
  async (prefix) => {
    let asked = false;
    const { deps: d, logged } = deps({
      getChange: async () => ((asked = true), null),
      listVersions: async () => ((asked = true), []),
    });
    const path = `${prefix}${'x'.repeat(2100)}${prefix === '/documents/' ? '/history' : ''}`;
    const res = await createRouter(d)(request(path));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error).toEqual(
      expect.objectContaining({
        code: 'invalid-parameter',
        parameter: 'id',
        message: 'The id is longer than 500 characters.',
      }),
    );
    expect(asked).toBe(false);
    expect(logged).toEqual([]);
  },
);

it('serves the page’s own files only: any other name of that shape is a 404 that reads no file', async () => {
  const read: string[] = [];
  const d = deps().deps;
  d.assets = (name) => (read.push(name), { body: '<svg/>', contentType: 'image/svg+xml' });
  const icon = await createRouter(d)(request('/favicon.ico'));
  expect([icon.status, icon.headers['content-type']]).toEqual([200, 'image/svg+xml']);
  expect((await createRouter(d)(request('/secrets.js'))).status).toBe(404);
  expect(read).toEqual(['favicon.svg']);
});

it('lists the registry of change types with its groups, and the configured sources', async () => {
  const d = deps().deps;
  d.catalog = buildCatalog([{ id: 'debarment-list', name: 'Debarment list' }], ['supplier-debarred']);
  const body = JSON.parse((await createRouter(d)(request('/change-types'))).body);
  expect(body.types).toEqual([
    ...CHANGE_TYPES,
    { type: 'supplier-debarred', label: 'Supplier debarred', group: 'procurement' },
  ]);
  expect(body.groups.map((g: { group: string }) => g.group)).toEqual(CHANGE_TYPE_GROUPS.map((g) => g.group));
  expect(body.sources).toEqual([{ id: 'debarment-list', name: 'Debarment list' }]);
});

it.each([
  ['from=1', 'to'],
  ['from=one&to=2', 'from'],
  ['from=1&to=2&x=1', 'x'],
])('answers a version diff asked with %s with a 400 naming %s', async (qs, parameter) => {
  const res = await createRouter(deps().deps)(request(`/documents/d/diff?${qs}`));
  expect(res.status).toBe(400);
  expect(JSON.parse(res.body).error.parameter).toBe(parameter);
});

it('diffs two stored versions older first, whichever order they are asked in', async () => {
  const version = (n: number, text: string) => ({
    docId: 'd',
    version: n,
    hash: `h${n}`,
    text,
    title: 'T',
    fetchedAt: `2026-01-0${n}T00:00:00.000Z`,
    changeNote: null,
  });
  const texts: Record<number, string> = { 1: 'one two three', 2: 'one three four' };
  const { deps: d } = deps({ getVersion: async (_id: string, n: number) => version(n, texts[n]) });
  const body = JSON.parse((await createRouter(d)(request('/documents/d/diff?from=2&to=1'))).body);
  expect([body.from.version, body.to.version, body.from.text]).toEqual([1, 2, undefined]);
  expect(body.diff.filter((op: { op: string }) => op.op !== 'equal')).toEqual([
    { op: 'delete', text: 'two ' },
    { op: 'insert', text: ' four' },
  ]);
  expect([body.inserted, body.deleted]).toEqual([1, 1]);
  const missing = deps({ getVersion: async () => null }).deps;
  expect((await createRouter(missing)(request('/documents/d/diff?from=1&to=2'))).status).toBe(404);
});
