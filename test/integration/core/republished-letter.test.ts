/**
 * A letter already stored, re-published by GOV.UK at another address with re-spaced text, is
 * recognised as the same letter: recorded as `known`, no `new-correspondence` alert.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BSCC_SOURCES, startHarness, ROOT, type Harness } from '../../support/harness';

const T0 = join(ROOT, 'demo/replay/t0');
const OLD = 'letter-from-the-biometrics-and-surveillance-camera-commissioner-to-dahua-technology';
const NEW = 'bscc-letter-to-dahua-technology-republished';
const ATTACHMENT = 'letter-from-bscc-to-dahua-technology-24-april-2023-accessible';

function republished(): { search: string; publication: string; attachment: string } {
  const search = JSON.parse(readFileSync(join(T0, 'search-bscc-correspondence.json'), 'utf8'));
  const old = search.results.find((r: { link: string }) => r.link.endsWith(OLD));
  search.results.unshift({
    ...old,
    link: `/government/publications/${NEW}`,
    public_timestamp: '2024-05-01T09:00:00.000Z',
  });
  search.total += 1;
  const publication = readFileSync(join(T0, `content/${OLD}.json`), 'utf8')
    .split(OLD)
    .join(NEW);
  const attachment = JSON.parse(
    readFileSync(join(T0, `content/${OLD}/${ATTACHMENT}.json`), 'utf8')
      .split(OLD)
      .join(NEW),
  );
  attachment.details.body = attachment.details.body.replace(/ /g, '  ').replace(/'/g, '\u2019');
  return { search: JSON.stringify(search), publication, attachment: JSON.stringify(attachment) };
}

describe('a re-published letter', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sources: BSCC_SOURCES });
    await h.cycle('t0');
  });
  afterAll(async () => h.close());

  it('is recorded as known, with no new-correspondence alert', async () => {
    const copy = republished();
    h.replay.override(
      {
        path: '/api/search.json',
        query: { filter_organisations: 'biometrics-and-surveillance-camera-commissioner' },
        body: copy.search,
      },
      { path: `/api/content/government/publications/${NEW}`, body: copy.publication },
      { path: `/api/content/government/publications/${NEW}/${ATTACHMENT}`, body: copy.attachment },
    );
    const report = await h.cycle();
    expect(report.delivery.sent.filter((a) => a.sourceId === 'bscc-correspondence')).toEqual([]);
    const known = (await h.runtime.store.listChanges({ type: 'known', sourceId: 'bscc-correspondence' })).items;
    const copyChange = known.find((c) => c.docId?.endsWith(`${NEW}/${ATTACHMENT}`));
    expect(copyChange?.summary).toMatch(
      new RegExp(`re-published copy of govuk:/government/publications/${OLD}/${ATTACHMENT}`),
    );
  });
});
