/** A bug in one source's parser (a TypeError, not a ParseError) fails that source only. */
import { cycleInput } from '../../../lambdas/cycle-input';
import { runCycle } from '../../../lambdas/core/run-cycle';
import { sourceKinds } from '../../../lambdas/sources';
import { BSCC_SOURCES, startHarness, type Harness } from '../../support/harness';

describe('a parser that throws something unexpected', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sources: BSCC_SOURCES });
  });
  afterAll(async () => h.close());

  it('fails its own source in one sentence and lets the others run', async () => {
    const broken = {
      ...sourceKinds,
      'govuk-search': {
        ...sourceKinds['govuk-search'],
        parseListing: () => {
          throw new TypeError("Cannot read properties of undefined (reading 'results')");
        },
      },
    };
    const report = await runCycle(h.runtime, cycleInput(h.config, h.runtime, { kinds: broken }));
    const [search, content] = report.outcomes;
    expect(search).toEqual(expect.objectContaining({ kind: 'failed', sourceId: 'bscc-correspondence' }));
    expect(search.kind === 'failed' && search.reason).toBe(
      "Unexpected error while reading bscc-correspondence: Cannot read properties of undefined (reading 'results')",
    );
    expect(content).toEqual(expect.objectContaining({ kind: 'baseline', sourceId: 'never-again-publication' }));
    expect(await h.runtime.store.listDocuments('bscc-correspondence')).toEqual([]);
  });
});
