/**
 * Amendments through time, on DynamoDB Local + the replay server: a Report stage with 100
 * amendments (two pages of 100 once one more is tabled), then one new amendment inserted before
 * all the others. Only the stage's `lastUpdate` moves, not the bill's. The replay steps are
 * composed in code from the demo's composed Bills API files (listed in test/fixtures/README.md) and
 * validated against the Bills API's OpenAPI description before they are served.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Route } from '../../../devtools/replay/replay-server';
import { describeErrors, loadBillsContract } from '../../support/bills-openapi';
import { FIXTURES } from '../../support/fixtures';
import { startHarness, type Harness } from '../../support/harness';

const json = (file: string) => JSON.parse(readFileSync(join(FIXTURES, 'parliament-bills', file), 'utf8'));
const STAGE = '/api/v1/Bills/3159/Stages/15011';
const contract = loadBillsContract();

/** An amendment of the list (from the composed NC1 item) and its detail, numbered n. */
function amendment(id: number, label: string, lines: string[], summary: string[]) {
  const item = { ...json('composed_bill-3159_report-stage-amendments.json').items[0] };
  Object.assign(item, { amendmentId: id, marshalledListText: label, summaryText: summary });
  const detail = json('composed_bill-3159_amendment-7001.json');
  Object.assign(detail, {
    amendmentId: id,
    marshalledListText: label,
    explanatoryText: null,
    explanatoryTextPrefix: null,
    amendmentLines: lines.map((text, i) => ({ ...detail.amendmentLines[0], indentation: i ? 1 : 0, text })),
  });
  return { item, detail };
}

const old = Array.from({ length: 100 }, (_, i) =>
  amendment(
    8001 + i,
    String(i + 1),
    [`Clause ${i + 1}, page 1, line 1, leave out “may” and insert “must”`],
    [`Clause ${i + 1}, page 1, line 1, leave out “may” and insert “must”`],
  ),
);
const fresh = amendment(
  8200,
  'NC20',
  [
    'To move the following Clause—',
    '<b>“Video surveillance equipment</b>',
    '(1) No public contract may be awarded for cameras made by Hikvision or its subsidiaries.”',
  ],
  ['To move the following Clause—', '<b>“Video surveillance equipment</b>'],
);

function writeStep(root: string, step: string, base: string | null, files: Record<string, unknown>, routes: Route[]) {
  mkdirSync(join(root, step), { recursive: true });
  for (const [name, body] of Object.entries(files)) {
    const route = routes.find((r) => r.file === name)!;
    const validate = contract.forPath(route.path).validate;
    if (!validate(body)) throw new Error(`${step}/${name}: ${describeErrors(validate).join('; ')}`);
    writeFileSync(join(root, step, name), JSON.stringify(body));
  }
  writeFileSync(join(root, step, 'routes.json'), JSON.stringify({ ...(base ? { base } : {}), routes }));
}

function composeReplay(): string {
  const root = mkdtempSync(join(tmpdir(), 'amendments-replay-'));
  const stages = json('composed_bill-3159_stages.json');
  const page = (items: unknown[], total: number) => ({ items, totalResults: total, itemsPerPage: 100 });
  const details = Object.fromEntries(old.map((a) => [`amendment-${a.item.amendmentId}.json`, a.detail]));
  writeStep(
    root,
    's0',
    null,
    {
      'bills.json': json('composed_bills-search-procurement.json'),
      'stage.json': json('composed_bill-3159_stage-15011.json'),
      'bill.json': json('composed_bill-3159.json'),
      'stages.json': { ...stages, items: stages.items.filter((s: { id: number }) => s.id === 15011), totalResults: 1 },
      'publications.json': json('composed_bill-3159_publications.json'),
      'page-1.json': page(
        old.map((a) => a.item),
        100,
      ),
      ...details,
    },
    [
      { path: '/api/v1/Bills', query: { SearchTerm: 'Procurement', Skip: '0' }, file: 'bills.json' },
      { path: STAGE, file: 'stage.json' },
      { path: '/api/v1/Bills/3159', file: 'bill.json' },
      { path: '/api/v1/Bills/3159/Stages', file: 'stages.json' },
      { path: '/api/v1/Bills/3159/Publications', file: 'publications.json' },
      { path: `${STAGE}/Amendments`, query: { Skip: '0' }, file: 'page-1.json' },
      ...old.map((a) => ({
        path: `${STAGE}/Amendments/${a.item.amendmentId}`,
        file: `amendment-${a.item.amendmentId}.json`,
      })),
    ],
  );
  const all = [fresh, ...old];
  writeStep(
    root,
    's1',
    's0',
    {
      'stage.json': json('composed_bill-3159_stage-15011_amendment-tabled.json'),
      'page-1.json': page(
        all.slice(0, 100).map((a) => a.item),
        101,
      ),
      'page-2.json': page(
        all.slice(100).map((a) => a.item),
        101,
      ),
      'amendment-8200.json': fresh.detail,
    },
    [
      { path: STAGE, file: 'stage.json' },
      { path: `${STAGE}/Amendments`, query: { Skip: '0' }, file: 'page-1.json' },
      { path: `${STAGE}/Amendments`, query: { Skip: '100' }, file: 'page-2.json' },
      { path: `${STAGE}/Amendments/8200`, file: 'amendment-8200.json' },
    ],
  );
  return root;
}

describe('amendments by identity through time (DynamoDB Local + replay server)', () => {
  let h: Harness;
  let root: string;
  beforeAll(async () => {
    root = composeReplay();
    h = await startHarness({ replayRoot: root, step: 's0', sources: ['procurement-bills'], tablePrefix: 'amendments' });
  });
  afterAll(async () => {
    await h.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('the baseline reads each of the 100 amendments once; an unchanged cycle asks only the listing and the stage', async () => {
    const baseline = await h.cycle();
    expect(baseline.outcomes.map((o) => o.kind)).toEqual(['baseline']);
    expect(h.replay.log.filter((r) => /\/Amendments\/\d+$/.test(r.path))).toHaveLength(100);
    h.replay.resetLog();
    const quiet = await h.cycle();
    expect(quiet.delivery.sent).toEqual([]);
    expect(h.replay.log.map((r) => r.path)).toEqual(['/api/v1/Bills', STAGE]);
  });

  it("an amendment inserted before the 100 others, only the stage's lastUpdate moving: exactly one amendment-tabled, one detail read", async () => {
    h.replay.resetLog();
    const report = await h.cycle('s1');
    expect(report.delivery.sent.map((a) => a.type)).toEqual(['amendment-tabled']);
    expect(h.replay.log.filter((r) => /\/Amendments\/\d+$/.test(r.path)).map((r) => r.path)).toEqual([
      `${STAGE}/Amendments/8200`,
    ]);
    expect(h.replay.log.filter((r) => r.path === `${STAGE}/Amendments`).map((r) => r.query.Skip)).toEqual(['0', '100']);
  });

  it('the new clause names Hikvision in its text, not its summary: the alert carries the clause and the keyword hit', async () => {
    expect(JSON.stringify(fresh.item.summaryText)).not.toMatch(/Hikvision/);
    const [change] = (await h.runtime.store.listChanges({ type: 'amendment-tabled', limit: 5 })).items;
    expect(change.title).toBe('Procurement Bill [HL], Report stage (Commons): amendment NC20');
    expect(change.summary).toMatch(/No public contract may be awarded for cameras made by Hikvision/);
    expect(change.summary).toMatch(/tabled by Sample Member A\. Decision: no decision yet\./);
    expect(change.keywords).toEqual([
      { term: 'Hikvision', excerpt: expect.stringMatching(/cameras made by Hikvision or its subsidiaries/) },
    ]);
    const email = (await h.emails()).find((e) => /Amendment tabled/.test(e.subject ?? ''))!;
    expect(email.text).toMatch(/No public contract may be awarded for cameras made by Hikvision/);
    expect(email.text).toMatch(/Hikvision: …?.*cameras made by Hikvision/);
  });

  it('the same step again: nothing read beyond the listing and the stage, nothing raised', async () => {
    h.replay.resetLog();
    const again = await h.cycle('s1');
    expect(again.delivery.sent).toEqual([]);
    expect(h.replay.log.map((r) => r.path)).toEqual(['/api/v1/Bills', STAGE]);
  });
});

describe('an amendment whose text cannot be read', () => {
  it('keeps the bill and stage signals held, so the next run reads it and alerts it once', async () => {
    const root = composeReplay();
    const h = await startHarness({
      replayRoot: root,
      step: 's0',
      sources: ['procurement-bills'],
      tablePrefix: 'amend-fail',
    });
    try {
      await h.cycle();
      h.replay.setStep('s1');
      h.replay.override({ path: `${STAGE}/Amendments/8200`, fault: { status: 500 } });
      const failed = await h.cycle();
      expect(failed.outcomes.map((o) => o.kind)).toEqual(['failed']);
      expect(failed.delivery.sent).toEqual([]);
      h.replay.clearOverrides();
      h.replay.resetLog();
      const retried = await h.cycle();
      expect(retried.delivery.sent.map((a) => a.type)).toEqual(['amendment-tabled']);
      expect(h.replay.log.filter((r) => /\/Amendments\/\d+$/.test(r.path)).map((r) => r.path)).toEqual([
        `${STAGE}/Amendments/8200`,
      ]);
      const quiet = await h.cycle();
      expect(quiet.delivery.sent).toEqual([]);
    } finally {
      await h.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
