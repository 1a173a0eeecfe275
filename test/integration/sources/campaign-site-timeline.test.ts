/**
 * Free Tibet's own news listing through time (DynamoDB Local + replay server + outbox): its letter
 * to Hikvision UK is the known letter at the baseline, a second letter is new-correspondence in the
 * `free-tibet--hikvision` thread, the same listing again costs one request, and a robots.txt that
 * disallows the listing stops the source before it asks for any page.
 */
import type { Change } from '../../../lambdas/core/model';
import { countingWrites } from '../../support/counting-store';
import { startHarness, type Harness } from '../../support/harness';

const SOURCE = 'free-tibet-news';

async function changesOf(h: Harness, runId: string): Promise<Change[]> {
  return (await h.runtime.store.listChanges({ limit: 100 })).items.filter((c) => c.runId === runId);
}

describe('a campaign site through time (DynamoDB Local + replay server)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sources: [SOURCE], tablePrefix: 'campaign' });
  });
  afterAll(async () => h.close());

  it('t0: robots.txt first, then the listing and its posts; the letter to Hikvision UK is the known one', async () => {
    const report = await h.cycle('t0');
    expect(report.outcomes.map((o) => o.kind)).toEqual(['baseline']);
    expect(h.replay.log.map((e) => e.path)).toEqual([
      '/robots.txt',
      '/latest/',
      '/latest/uprising-day-vigil/',
      '/latest/our-letter-to-hikvision-uk/',
    ]);
    const letter = await h.runtime.store.getDocument('site:freetibet.org/latest/our-letter-to-hikvision-uk/');
    expect(letter).toEqual(
      expect.objectContaining({ knownId: 'free-tibet-to-hikvision-uk', threadId: 'free-tibet--hikvision' }),
    );
    // The shop's link on the listing leads to another site: it is never followed.
    expect(h.replay.log.some((e) => e.path.includes('t-shirts'))).toBe(false);
  });

  it('a new letter: one new-correspondence in the free-tibet--hikvision thread', async () => {
    const report = await h.cycle('t4');
    expect(report.delivery.sent.map((a) => a.type)).toEqual(['new-correspondence']);
    const changes = (await changesOf(h, report.runId)).filter((c) => c.type === 'new-correspondence');
    expect(changes).toHaveLength(1);
    expect(changes[0].title).toBe('Our second letter to Hikvision UK');
    expect(changes[0].threadId).toBe('free-tibet--hikvision');
    expect(changes[0].url).toBe('https://freetibet.org/latest/our-second-letter-to-hikvision-uk/');
  });

  it('the same listing again: zero alerts, zero writes, one request (robots.txt is read once per run of the fetcher)', async () => {
    h.replay.resetLog();
    const { deps, writes } = countingWrites(h.runtime);
    const report = await h.cycle('t4', deps);
    expect(report.outcomes.map((o) => [o.kind, o.requests])).toEqual([['unchanged', 1]]);
    expect(writes).toEqual([]);
    expect(h.replay.log.map((e) => [e.path, e.status])).toEqual([['/latest/', 304]]);
  });
});

describe('a campaign site whose robots.txt disallows the listing', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sources: [SOURCE], tablePrefix: 'robots' });
    h.replay.override({ path: '/robots.txt', body: 'User-agent: procurement-watch\nDisallow: /latest/\n' });
  });
  afterAll(async () => h.close());

  it('fails the source in one sentence and asks for no page', async () => {
    const report = await h.cycle();
    const outcome = report.outcomes[0];
    expect(outcome.kind).toBe('failed');
    expect(outcome.kind === 'failed' && outcome.reason).toMatch(/robots\.txt disallows \/latest\//);
    expect(h.replay.log.map((e) => e.path)).toEqual(['/robots.txt']);
  });
});
