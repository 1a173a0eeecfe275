import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ParseError } from '../../../lambdas/core/errors';
import { govukContent } from '../../../lambdas/sources/govuk-content';
import { attachmentsOf } from '../../../lambdas/sources/govuk-content/attachments';
import { govukUrl, parseContentJson } from '../../../lambdas/sources/govuk-content/content-item';
import { LIVE_ENDPOINTS } from '../../../lambdas/config';
import { fetched, FIXTURES, fixtureText } from '../../support/fixtures';
import { expectGolden } from '../../support/golden';

const dir = join(FIXTURES, 'govuk-content');
const cases = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'));
const config = { id: 'test', kind: 'govuk-content' as const, path: '/government/publications/x' };
const PUBLICATIONS = 'https://www.gov.uk/government/publications';
const UPLOADS = 'government/uploads/system/uploads/attachment_data/file';
const SAFEGUARDING = 'strategy-for-dealing-with-safeguarding-issues-in-charities';

describe('govuk-content parser on every real Content API recording', () => {
  it.each(cases)('%s matches its golden file', (file) => {
    const res = fetched(`https://www.gov.uk/api/content/x`, fixtureText(`govuk-content/${file}`));
    const page = govukContent.parseListing(res, config, LIVE_ENDPOINTS);
    expectGolden(page, join(dir, file.replace(/\.json$/, '.expected.json')));
  });

  // Read by hand from each recording (title, document_type, dates, the newest change_history note,
  // links.organisations and links.parent, attachments), not from the goldens.
  const HAND_READ: [string, number, Record<string, unknown>][] = [
    [
      'publishing-api_html_publication_published.json',
      1,
      {
        title: 'TR4 8EE, Mr Derek Mears: environmental permit application',
        // An html_publication takes its parent's type: the parent is a `notice`.
        documentType: 'notice-attachment',
        updatedAt: '2016-01-17T14:19:42.460Z',
        publishedAt: null,
        organisations: ['Environment Agency'],
        parentId:
          'govuk:/government/publications/tr4-8ee-mr-derek-mears-environmental-permit-application-advertisement',
        attachments: [],
      },
    ],
    [
      'publishing-api_publication_best-practice-form.json',
      1,
      {
        url: `${PUBLICATIONS}/application-to-extend-your-stay-in-the-uk-as-a-tier-1-investor`,
        documentType: 'form',
        publishedAt: '2014-02-11T14:12:00.000+00:00',
        // The signal is updated_at (it moves on minor changes too), not public_updated_at.
        signal: '2017-12-19T11:26:38.186Z',
        // The newest of its 9 change notes.
        changeNote: 'Updated form for use on or after 24 November.',
        organisations: ['UK Visas and Immigration'],
        parentId: null,
      },
    ],
    [
      'publishing-api_publication_publication-with-featured-attachments.json',
      // The publication, and its one PDF attachment (read from the asset host).
      2,
      {
        title: 'Number of ex-regular service personnel in FR20',
        documentType: 'foi_release',
        changeNote: 'First published.',
        attachments: [
          {
            id: 'PUBLIC_1392629965.pdf',
            title: 'Number of ex-regular service personnel now part of FR20',
            url: `https://assets.publishing.service.gov.uk/${UPLOADS}/315163/PUBLIC_1392629965.pdf`,
            kind: 'file',
          },
        ],
      },
    ],
    [
      'publishing-api_publication_tagged_to_two_coronavirus_taxons.json',
      1,
      {
        // The title, not the slug (further-businesses-and-premises-to-close).
        title: 'Closing certain businesses and venues in England',
        documentType: 'guidance',
        signal: '2020-08-21T14:22:15.498Z',
        // The newest of its 17 change notes.
        changeNote: 'Updated to reflect changes in rules on wearing face coverings.',
        organisations: ['Cabinet Office', 'Ministry of Housing, Communities & Local Government'],
        withdrawn: null,
      },
    ],
    [
      'publishing-api_publication_best-practice-policy-paper_pre-2026-04-with-details-documents.json',
      // The publication, its one HTML attachment (Content API) and its one PDF (asset host).
      3,
      {
        title: 'Strategy for dealing with safeguarding issues in charities',
        documentType: 'policy_paper',
        publishedAt: '2013-05-23T12:52:00.000+00:00',
        // `withdrawn_notice: {}` means never withdrawn.
        withdrawn: null,
        attachments: [
          {
            id: 'attachment_2418319',
            title: 'Strategy for dealing with safeguarding issues in charities',
            url: `${PUBLICATIONS}/${SAFEGUARDING}/${SAFEGUARDING}`,
            kind: 'html',
          },
          {
            id: 'attachment_2418322',
            title: 'Strategy for dealing with safeguarding issues in charities - the role of other agencies',
            url: `https://www.gov.uk/${UPLOADS}/664637/The_role_of_other_agencies.pdf`,
            kind: 'file',
          },
        ],
      },
    ],
  ];

  it.each(HAND_READ)('%s: facts read by hand from the recording', (file, entries, facts) => {
    const page = govukContent.parseListing(fetched('u', fixtureText(`govuk-content/${file}`)), config, LIVE_ENDPOINTS);
    expect(page.entries).toHaveLength(entries);
    expect(page.next).toBeNull();
    expect(page.entries[0].inline).toMatchObject(facts);
  });

  it('follows the HTML attachment through the Content API, with its publication as parent', () => {
    const file = 'publishing-api_publication_best-practice-policy-paper_pre-2026-04-with-details-documents.json';
    const [publication, attachment] = govukContent.parseListing(
      fetched('u', fixtureText(`govuk-content/${file}`)),
      config,
      LIVE_ENDPOINTS,
    ).entries;
    const path = `/government/publications/${SAFEGUARDING}/${SAFEGUARDING}`;
    expect(attachment).toMatchObject({
      docId: `govuk:${path}`,
      parentId: publication.docId,
      // An attachment has no timestamp of its own: it moves with its publication.
      signal: '2017-12-13T10:55:26.950Z',
      detail: { url: `https://www.gov.uk/api/content${path}`, bucket: 'govuk-content' },
    });
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
    const html = attachmentsOf(item).filter((a) => a.kind === 'html');
    expect(html.length).toBeGreaterThan(0);
    expect(html[0].url).toMatch(/^https:\/\/www\.gov\.uk\/government\/publications\//);
  });

  it('reads attachments in the 2026 shape (details.attachments objects)', () => {
    const item = parseContentJson(
      fetched('u', fixtureText('govuk-content/publishing-api_publication_publication-with-featured-attachments.json')),
    );
    const all = attachmentsOf(item);
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

describe('GOV.UK paths become www.gov.uk URLs, never another host', () => {
  it.each(['@evil.example/x', '//evil.example/x', '/government/publications/x@evil.example'])('%s', (path) => {
    expect(new URL(govukUrl(path)).host).toBe('www.gov.uk');
  });

  it('refuses a content item whose base_path is not a site path', () => {
    const item = JSON.parse(fixtureText('govuk-content/publishing-api_html_publication_published.json'));
    const bad = fetched('https://www.gov.uk/api/content/x', JSON.stringify({ ...item, base_path: '@evil.example/x' }));
    expect(() => parseContentJson(bad, 'src')).toThrow(/field "base_path" must be a site path starting with "\/"/);
  });
});

describe('document collections (real publishing-api examples)', () => {
  const read = (item: unknown) =>
    govukContent.parseListing(fetched('u', JSON.stringify(item)), config, LIVE_ENDPOINTS).entries[0].inline!;
  const collection = () =>
    JSON.parse(fixtureText('govuk-content/publishing-api_document_collection_document_collection.json'));

  it('reads its members from collection_groups joined to links.documents (read by hand: 9 in 6 groups)', () => {
    const members = read(collection()).extra?.members as { title: string; group: string; path: string }[];
    expect(members).toHaveLength(9);
    expect(members[0]).toEqual(
      expect.objectContaining({
        title: 'National standard for driving cars and light vans',
        group: 'Car and light van',
        path: '/government/publications/national-standard-for-driving-cars-and-light-vans',
      }),
    );
  });

  it('a member added is a new-document and a member gone a document-removed, naming the group; reordering raises nothing', () => {
    const before = collection();
    const after = collection();
    const removedId = after.details.collection_groups[0].documents.shift();
    const version = (item: unknown) => {
      const d = read(item);
      return {
        docId: d.docId,
        version: 1,
        hash: 'h',
        text: d.text,
        title: d.title,
        fetchedAt: 'x',
        changeNote: null,
        extra: d.extra,
      };
    };
    const events = govukContent.compare!(version(after), read(before), config);
    expect(events.map((e) => [e.type, e.title])).toEqual([
      ['new-document', 'National standard for driving cars and light vans'],
    ]);
    expect(events[0].summary).toMatch(/under "Car and light van"/);
    const gone = govukContent.compare!(version(before), read(after), config);
    expect(gone.map((e) => e.type)).toEqual(['document-removed']);
    expect(removedId).toBe('5e5dc1ab-7631-11e4-a3cb-005056011aef');
    const reordered = collection();
    reordered.details.collection_groups.reverse();
    expect(govukContent.compare!(version(before), read(reordered), config)).toEqual([]);
  });
});

describe('PDF attachments', () => {
  it('are followed from the asset host as files, re-read when their address or size changes', () => {
    const page = govukContent.parseListing(
      fetched('u', fixtureText('govuk-content/publishing-api_publication_publication-with-featured-attachments.json')),
      config,
      LIVE_ENDPOINTS,
    );
    const pdf = page.entries[1];
    expect(pdf.detail).toEqual({
      url: `https://assets.publishing.service.gov.uk/${UPLOADS}/315163/PUBLIC_1392629965.pdf`,
      bucket: 'govuk-assets',
      binary: true,
      accept: 'application/pdf',
    });
    // Read by hand: file_size 1932905.
    expect(pdf.signal).toBe(
      `file:https://assets.publishing.service.gov.uk/${UPLOADS}/315163/PUBLIC_1392629965.pdf|1932905`,
    );
    expect(pdf.docId).toBe(`govuk-asset:/${UPLOADS}/315163/PUBLIC_1392629965.pdf`);
  });
});
