/**
 * Contract: every GOV.UK Content API item the tests and the demo serve — recorded or composed —
 * validates against GOV.UK's own frontend schema for its `schema_name` (publication, html_publication,
 * document_collection). A composed file that GOV.UK could not serve fails here, naming the field.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FIXTURES } from '../../support/fixtures';
import { contentItemProblems } from '../../support/govuk-schemas';
import { ROOT_DIR, replayRoutes } from '../../support/replay-files';

const fixtures = readdirSync(join(FIXTURES, 'govuk-content'))
  .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
  .map((f) => join(FIXTURES, 'govuk-content', f));

const served = replayRoutes()
  .filter((s) => s.file && s.route.path.startsWith('/api/content/'))
  .map((s) => s.file as string);

describe('GOV.UK content items against publishing-api frontend schemas', () => {
  it('finds the files it checks', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(15);
    expect(served.length).toBeGreaterThanOrEqual(10);
  });

  it.each([...fixtures, ...served].map((f) => [relative(ROOT_DIR, f)]))('%s validates', (file) => {
    const item = JSON.parse(readFileSync(join(ROOT_DIR, file), 'utf8')) as { schema_name?: string };
    expect(contentItemProblems(item)).toEqual([]);
  });

  it('the checker fails a file GOV.UK could not serve (a file attachment without its url, an unknown key)', () => {
    const item = JSON.parse(
      readFileSync(
        join(FIXTURES, 'govuk-content', 'publishing-api_publication_publication-with-featured-attachments.json'),
        'utf8',
      ),
    );
    const broken = {
      ...item,
      details: { ...item.details, attachments: [{ ...item.details.attachments[0], url: undefined }] },
    };
    expect(contentItemProblems(JSON.parse(JSON.stringify(broken))).join('\n')).toMatch(/url/);
    expect(contentItemProblems({ ...item, invented_field: 1 }).join('\n')).toMatch(/additional properties/);
  });
});
