/**
 * `procwatch doctor` as a user runs it, offline against the replay server: every source answers as
 * the demo records it; then a replay folder with a moved page, a changed shape and a server error
 * shows that each fails its own row, in one sentence, with exit code 1.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DoctorRow } from '../../../lambdas/core/doctor';

const ROOT = join(__dirname, '..', '..', '..');

function doctor(...args: string[]) {
  const res = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'bin/procwatch.ts'), 'doctor', ...args],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
  );
  return { code: res.status, out: res.stdout, err: res.stderr };
}

it('checks every source with one listing and one detail request, and says who is asking', () => {
  const { code, out } = doctor('--replay', 'demo/replay');
  expect(out).toMatch(/^User-Agent: procurement-watch\/\S+ \(\+https:\/\/\S+; /);
  expect(out).toMatch(/Pause between requests: govuk-content 100 ms, govuk-search 100 ms, parliament 200 ms/);
  expect(out).toMatch(/WARNING: `contact` is still the placeholder/);
  const rows = JSON.parse(doctor('--replay', 'demo/replay', '--json').out) as DoctorRow[];
  const config = JSON.parse(readFileSync(join(ROOT, 'procwatch.config.json'), 'utf8'));
  expect(rows.map((r) => r.sourceId)).toEqual(config.sources.map((s: { id: string }) => s.id));
  expect(rows.filter((r) => r.verdict === 'fail')).toEqual([]);
  const bscc = rows.find((r) => r.sourceId === 'bscc-correspondence')!;
  expect(bscc.listing).toEqual(expect.objectContaining({ status: 200 }));
  expect(bscc.listing!.url).toMatch(/\/api\/search\.json\?.*filter_content_store_document_type=transparency/);
  expect(bscc.detail!.url).toMatch(/\/api\/content\/government\/publications\//);
  expect(bscc.entries).toBe(3);
  expect(code).toBe(0);
});

it('a moved page, a changed shape and a server error each fail their own row, exit 1', () => {
  // The project's layout in a temporary folder: the routes point at ../../../test/fixtures for PDFs.
  const base = mkdtempSync(join(tmpdir(), 'doctor-'));
  const dir = join(base, 'demo', 'replay');
  cpSync(join(ROOT, 'demo/replay'), dir, { recursive: true });
  cpSync(join(ROOT, 'test/fixtures'), join(base, 'test', 'fixtures'), { recursive: true });
  const routesFile = join(dir, 't0', 'routes.json');
  const routes = JSON.parse(readFileSync(routesFile, 'utf8'));
  const list = Array.isArray(routes) ? routes : routes.routes;
  const byPath = (p: string) => list.find((r: { path: string }) => r.path === p);
  // bscc-correspondence: search answers in a shape GOV.UK never sent.
  writeFileSync(join(dir, 't0', 'search-bscc-correspondence.json'), JSON.stringify({ hits: [] }));
  // never-again-publication: the page has moved (no route: 404).
  list.splice(
    list.indexOf(
      byPath(
        '/api/content/government/publications/never-again-the-uks-responsibility-to-act-on-atrocities-in-xinjiang-and-beyond',
      ),
    ),
    1,
  );
  // bscc-guidance: a filter ignored, so search answers with everything it holds.
  const guidance = join(dir, 't0', 'search-bscc-guidance.json');
  writeFileSync(guidance, JSON.stringify({ ...JSON.parse(readFileSync(guidance, 'utf8')), total: 4200 }));
  // procurement-bills: Parliament's API is down.
  byPath('/api/v1/Bills').status = 503;
  writeFileSync(routesFile, JSON.stringify(routes));
  const { code, out } = doctor('--replay', dir, '--json', '--source', 'bscc-correspondence');
  const [search] = JSON.parse(out) as DoctorRow[];
  expect(search.verdict).toBe('fail');
  expect(search.note).toMatch(/^The listing is not in the shape this tool reads: .*unexpected shape/);
  expect(code).toBe(1);
  const rows = JSON.parse(doctor('--replay', dir, '--json').out) as DoctorRow[];
  const verdict = (id: string) => rows.find((r) => r.sourceId === id)!;
  expect(verdict('never-again-publication')).toEqual(
    expect.objectContaining({ verdict: 'fail', listing: expect.objectContaining({ status: 404 }) }),
  );
  expect(verdict('never-again-publication').note).toMatch(/answered HTTP 404: the address may have moved\.$/);
  expect(verdict('procurement-bills').verdict).toBe('fail');
  expect(verdict('procurement-bills').note).toMatch(/503/);
  expect(verdict('bscc-guidance')).toEqual(
    expect.objectContaining({ verdict: 'warn', note: expect.stringMatching(/4200 items, far more than expected/) }),
  );
  expect(verdict('debarment-list').verdict).toBe('ok');
});
