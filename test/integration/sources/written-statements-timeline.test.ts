/**
 * Written statements naming Hikvision through time (DynamoDB Local + replay server + outbox): one
 * statement at the baseline, a new statement made (read whole from its own endpoint), the same
 * again, then a correction linked to it. Every response is served as an override from
 * test/fixtures/parliament-statements/ (composed, each valid against the API's OpenAPI description),
 * on top of the demo's own statements routes.
 */
import type { Change } from '../../../lambdas/core/model';
import type { SourceConfigBase } from '../../../lambdas/core/source-kind';
import { countingWrites } from '../../support/counting-store';
import { startHarness, type Harness } from '../../support/harness';

const SOURCE = 'written-statements-hikvision';
const FIXTURES = '../../test/fixtures/parliament-statements';
const statement: SourceConfigBase & Record<string, unknown> = {
  id: SOURCE,
  kind: 'parliament-statements',
  name: 'Written statements naming Hikvision',
  group: 'parliament',
  searchTerm: 'Hikvision',
  madeWhenFrom: '2024-07-01',
};
const SEARCH = { path: '/api/writtenstatements/statements', query: { searchTerm: 'Hikvision', skip: '0' } };
const byUin = (date: string, uin: string) => `/api/writtenstatements/statements/${date}/${uin}`;

async function changesOf(h: Harness, runId: string): Promise<Change[]> {
  return (await h.runtime.store.listChanges({ limit: 100 })).items.filter(
    (c) => c.runId === runId && !['first-seen', 'known'].includes(c.type),
  );
}

describe('written statements through time (DynamoDB Local + replay server)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      sources: [],
      config: (c) => ({ ...c, sources: [statement] }),
      tablePrefix: 'statements',
    });
    h.replay.override(
      { ...SEARCH, file: `${FIXTURES}/composed_statements-search-hikvision.json` },
      { path: byUin('2026-02-10', 'HCWS388'), file: `${FIXTURES}/composed_statement-HCWS388.json` },
      { path: byUin('2026-03-05', 'HCWS412'), file: `${FIXTURES}/composed_statement-HCWS412.json` },
    );
  });
  afterAll(async () => h.close());

  it('the first run: the statement already made is recorded in the baseline, read from its own endpoint', async () => {
    const report = await h.cycle();
    expect(report.outcomes.map((o) => o.kind)).toEqual(['baseline']);
    expect(h.replay.log.map((e) => e.path)).toEqual([
      '/api/writtenstatements/statements',
      byUin('2026-02-10', 'HCWS388'),
    ]);
    expect(await h.runtime.store.getDocument('parliament-statement:1790551')).toEqual(
      expect.objectContaining({ title: 'Police Technology: Procurement Standards (HCWS388)', signal: '2026-02-10' }),
    );
  });

  it("a statement made: one statement-made with its whole text, its keywords and the companies' thread", async () => {
    h.replay.resetLog();
    h.replay.override({ ...SEARCH, file: `${FIXTURES}/composed_statements-search-hikvision_new-statement.json` });
    const report = await h.cycle();
    expect(report.delivery.sent.map((a) => a.type)).toEqual(['statement-made']);
    const [change] = await changesOf(h, report.runId);
    expect(change.title).toBe('Surveillance Equipment on the Government Estate (HCWS412)');
    expect(change.url).toBe('https://questions-statements.parliament.uk/written-statements/detail/2026-03-05/HCWS412');
    // The search cuts the text; the statement's own endpoint gives it whole.
    expect(change.summary).toMatch(/A further 310 remain, each scheduled for replacement by 31 July 2026/);
    expect(change.threadId).toBe('hikvision--parliament');
    expect(change.keywords.map((k) => k.term)).toEqual(expect.arrayContaining(['Hikvision', 'Dahua']));
    expect(h.replay.log.map((e) => e.path)).toEqual([
      '/api/writtenstatements/statements',
      byUin('2026-03-05', 'HCWS412'),
    ]);
  });

  it('the same again: zero alerts, zero writes, one request', async () => {
    h.replay.resetLog();
    const { deps, writes } = countingWrites(h.runtime);
    const report = await h.cycle(undefined, deps);
    expect(report.outcomes.map((o) => [o.kind, o.requests])).toEqual([['unchanged', 1]]);
    expect(report.delivery.sent).toEqual([]);
    expect(writes).toEqual([]);
    expect(h.replay.log).toHaveLength(1);
  });

  it('a correction linked to it: one statement-corrected with the corrected text', async () => {
    h.replay.override(
      { ...SEARCH, file: `${FIXTURES}/composed_statements-search-hikvision_corrected.json` },
      { path: byUin('2026-03-05', 'HCWS412'), file: `${FIXTURES}/composed_statement-HCWS412_corrected.json` },
    );
    const report = await h.cycle();
    expect(report.delivery.sent.map((a) => a.type)).toEqual(['statement-corrected']);
    const [change] = await changesOf(h, report.runId);
    expect(change.summary).toMatch(
      /^Written statement corrected: Surveillance Equipment on the Government Estate \(HCWS412\)\./,
    );
    expect(change.summary).toMatch(/removed 2,410 such devices/);
  });
});
