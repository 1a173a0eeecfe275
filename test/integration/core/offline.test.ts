/**
 * Offline is one condition: when no source can reach the network, nothing is counted against a source,
 * no alert is raised and nothing stored changes, however many cycles run. A network that is there but
 * misses one site still counts that site's failure. The resolver is the system's answer offline
 * (EAI_AGAIN); everything else is the real fetcher, DynamoDB Local and the replay server.
 */
import { LIVE_ENDPOINTS } from '../../../lambdas/config-endpoints';
import { BSCC_SOURCES, startHarness, type Harness } from '../../support/harness';

const offlineResolver = async (host: string): Promise<string[]> => {
  throw Object.assign(new Error(`getaddrinfo EAI_AGAIN ${host}`), { code: 'EAI_AGAIN' });
};

describe('with no network at all', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      config: (c) => ({ ...c, endpoints: LIVE_ENDPOINTS }),
      fetcher: { resolver: offlineResolver },
      tablePrefix: 'offline',
    });
  });
  afterAll(async () => h.close());

  it('three cycles count nothing, alert nothing, store nothing, and ask each site once', async () => {
    for (let run = 1; run <= 3; run++) {
      const report = await h.cycle();
      expect(report.offline).toBe(true);
      expect(report.outcomes).toHaveLength(h.config.sources.length);
      for (const o of report.outcomes) {
        expect(o).toEqual(expect.objectContaining({ kind: 'failed', offline: true, alerted: false, requests: 1 }));
      }
      expect(report.delivery.sent).toHaveLength(0);
    }
    for (const s of h.config.sources) expect(await h.runtime.store.getSourceState(s.id)).toBeNull();
    expect((await h.runtime.store.listChanges({ limit: 10 })).items).toHaveLength(0);
    expect(await h.emails()).toHaveLength(0);
  });
});

describe('with a network that misses one site', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      sources: [...BSCC_SOURCES, 'procurement-bills'],
      config: (c) => ({ ...c, endpoints: { ...c.endpoints, parliament: LIVE_ENDPOINTS.parliament } }),
      fetcher: { resolver: offlineResolver },
      tablePrefix: 'offline-part',
    });
  });
  afterAll(async () => h.close());

  it("counts that site's failure, since other sources were reached", async () => {
    const report = await h.cycle();
    expect(report.offline).toBe(false);
    const bills = report.outcomes.find((o) => o.sourceId === 'procurement-bills');
    expect(bills).toEqual(expect.objectContaining({ kind: 'failed', alerted: false }));
    expect(bills?.kind === 'failed' && bills.offline).toBeFalsy();
    expect(await h.runtime.store.getSourceState('procurement-bills')).toEqual(
      expect.objectContaining({ consecutiveFailures: 1, lastError: expect.stringMatching(/no network/) }),
    );
    expect(report.outcomes.filter((o) => o.kind !== 'failed').map((o) => o.sourceId)).toEqual(BSCC_SOURCES);
  });
});
