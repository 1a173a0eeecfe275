import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ParseError } from '../../../lambdas/core/errors';
import { govukContent } from '../../../lambdas/sources/govuk-content';
import { attachmentsOf, parseContentJson } from '../../../lambdas/sources/govuk-content/content-item';
import { LIVE_ENDPOINTS } from '../../../lambdas/config';
import { fetched, FIXTURES, fixtureText } from '../../support/fixtures';
import { expectGolden } from '../../support/golden';

const dir = join(FIXTURES, 'govuk-content');
const cases = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'));
const config = { id: 'test', kind: 'govuk-content' as const, path: '/government/publications/x' };

describe('govuk-content parser on every real Content API recording', () => {
  it.each(cases)('%s matches its golden file', (file) => {
    const res = fetched(`https://www.gov.uk/api/content/x`, fixtureText(`govuk-content/${file}`));
    const page = govukContent.parseListing(res, config, LIVE_ENDPOINTS);
    expectGolden(page, join(dir, file.replace(/\.json$/, '.expected.json')));
  });

  it('reads HTML attachments in the pre-2026 shape (details.documents HTML strings)', () => {
    const item = parseContentJson(
      fetched(
        'u',
        fixtureText(
          'govuk-content/publishing-api_publication_best-practice-policy-paper_pre-2026-04-with-details-documents.json',
        ),
      ),
    );
    const html = attachmentsOf(item, LIVE_ENDPOINTS.govuk).filter((a) => a.kind === 'html');
    expect(html.length).toBeGreaterThan(0);
    expect(html[0].url).toMatch(/^https:\/\/www\.gov\.uk\/government\/publications\//);
  });

  it('reads attachments in the 2026 shape (details.attachments objects)', () => {
    const item = parseContentJson(
      fetched('u', fixtureText('govuk-content/publishing-api_publication_publication-with-featured-attachments.json')),
    );
    const all = attachmentsOf(item, LIVE_ENDPOINTS.govuk);
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((a) => a.kind === 'file')).toBe(true);
  });

  it('marks a withdrawn HTML publication with its notice, as text', () => {
    const page = govukContent.parseListing(
      fetched('u', fixtureText('govuk-content/publishing-api_html_publication_withdrawn.json')),
      config,
      LIVE_ENDPOINTS,
    );
    const doc = page.entries[0].inline!;
    expect(doc.withdrawn).toEqual({
      at: '2019-11-19T10:20:03Z',
      explanation: 'This content has been withdrawn as it is out of date.',
    });
    expect(doc.documentType).toBe('correspondence-attachment');
    expect(doc.parentId).toBe('govuk:/government/publications/apprentice-welcome-letter');
  });

  it.each([
    ['not JSON', '<html>maintenance</html>', /not JSON/],
    ['wrong shape', '{"results": []}', /field "base_path"/],
  ])('a response that is %s is a ParseError naming what is wrong', (_name, body, message) => {
    expect(() =>
      govukContent.parseListing(fetched('https://www.gov.uk/api/content/x', body), config, LIVE_ENDPOINTS),
    ).toThrow(ParseError);
    expect(() =>
      govukContent.parseListing(fetched('https://www.gov.uk/api/content/x', body), config, LIVE_ENDPOINTS),
    ).toThrow(message);
  });
});
