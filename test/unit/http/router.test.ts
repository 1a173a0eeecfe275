/** The router's edges, with a store double: failures become a bare 500, never a stack or a table name. */
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
