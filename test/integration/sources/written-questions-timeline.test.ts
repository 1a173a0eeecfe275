/**
 * Written questions naming Hikvision through time (DynamoDB Local + replay server + outbox): tabled
 * and unanswered at the baseline (t0), answered at t4 (the answer read whole from the question's
 * own endpoint), the same again, the answer corrected, then a second question tabled.
 */
import type { Change } from '../../../lambdas/core/model';
import { countingWrites } from '../../support/counting-store';
import { startHarness, type Harness } from '../../support/harness';

const SOURCE = 'written-questions-hikvision';
const FIXTURES = '../../test/fixtures/parliament-questions';

async function changesOf(h: Harness, runId: string): Promise<Change[]> {
  return (await h.runtime.store.listChanges({ limit: 100 })).items.filter(
    (c) => c.runId === runId && !['first-seen', 'known'].includes(c.type),
  );
}

describe('written questions through time (DynamoDB Local + replay server)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sources: [SOURCE], tablePrefix: 'questions' });
  });
  afterAll(async () => h.close());

  it('t0: the tabled question is recorded in the baseline, unanswered', async () => {
    const report = await h.cycle('t0');
    expect(report.outcomes.map((o) => o.kind)).toEqual(['baseline']);
    const doc = await h.runtime.store.getDocument('parliament-question:1791204');
    expect(doc).toEqual(
      expect.objectContaining({ title: 'Police: Surveillance Cameras (31207)', signal: 'unanswered|||' }),
    );
  });

  it('answered: one question-answered with the whole answer, its keywords and the thread of the company named', async () => {
    h.replay.resetLog();
    const report = await h.cycle('t4');
    expect(report.delivery.sent.map((a) => a.type)).toEqual(['question-answered']);
    const [change] = await changesOf(h, report.runId);
    // The search cuts the answer at 255 characters; the question's own endpoint gives it whole.
    expect(change.summary).toMatch(/Answered 2026-03-02 by Home Office: Police: Surveillance Cameras\./);
    expect(change.summary).toMatch(/does not hold a central record of the number of Hikvision cameras in use/);
    expect(change.threadId).toBe('hikvision--parliament');
    expect(change.keywords.map((k) => k.term)).toEqual(expect.arrayContaining(['Hikvision', 'Dahua']));
    expect(h.replay.log.map((e) => e.path)).toEqual([
      '/api/writtenquestions/questions',
      '/api/writtenquestions/questions/1791204',
    ]);
  });

  it('the same again: zero alerts, zero writes, one request', async () => {
    const { deps, writes } = countingWrites(h.runtime);
    const report = await h.cycle('t4', deps);
    expect(report.outcomes.map((o) => [o.kind, o.requests])).toEqual([['unchanged', 1]]);
    expect(report.delivery.sent).toEqual([]);
    expect(writes).toEqual([]);
  });

  it('the answer corrected: one answer-corrected with the corrected text', async () => {
    h.replay.override(
      {
        path: '/api/writtenquestions/questions',
        query: { searchTerm: 'Hikvision', skip: '0' },
        file: `${FIXTURES}/composed_search-hikvision_corrected.json`,
      },
      { path: '/api/writtenquestions/questions/1791204', file: `${FIXTURES}/composed_question-1791204_corrected.json` },
    );
    const report = await h.cycle();
    expect(report.delivery.sent.map((a) => a.type)).toEqual(['answer-corrected']);
    const [change] = await changesOf(h, report.runId);
    expect(change.summary).toMatch(/^Answer corrected on 2026-03-16: Police: Surveillance Cameras \(31207\)\./);
    expect(change.summary).toMatch(/November 2022, and extended in March 2023,/);
  });

  it('a new question tabled: one question-tabled naming who asked whom, read from its own endpoint', async () => {
    h.replay.resetLog();
    h.replay.override(
      {
        path: '/api/writtenquestions/questions',
        query: { searchTerm: 'Hikvision', skip: '0' },
        file: `${FIXTURES}/composed_search-hikvision_question-tabled.json`,
      },
      { path: '/api/writtenquestions/questions/1791388', file: `${FIXTURES}/composed_question-1791388_tabled.json` },
    );
    const report = await h.cycle();
    expect(report.delivery.sent.map((a) => a.type)).toEqual(['question-tabled']);
    const [change] = await changesOf(h, report.runId);
    expect(change.title).toBe('Government Departments: Surveillance Cameras (32015)');
    expect(change.summary).toMatch(
      /^Question tabled: Government Departments: Surveillance Cameras\. A member asked Cabinet Office /,
    );
    expect(change.summary).toMatch(/asked Cabinet Office \(Commons 32015, 2026-03-04\)\./);
    expect(change.threadId).toBe('hikvision--parliament');
    expect(change.keywords.map((k) => k.term)).toEqual(expect.arrayContaining(['Hikvision', 'Dahua']));
    // The answered question's state did not move: only the new one is read.
    expect(h.replay.log.map((e) => e.path)).toEqual([
      '/api/writtenquestions/questions',
      '/api/writtenquestions/questions/1791388',
    ]);
  });
});
