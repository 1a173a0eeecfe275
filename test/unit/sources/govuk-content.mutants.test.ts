/**
 * govuk-content's edges that mutation testing found unchecked (docs/test-strength.md): attachments in both
 * shapes (kinds, ids, titles, sizes, duplicates), which files are followed and from where, dates and
 * withdrawal fallbacks, PDF documents without text, a collection's members and their events, and the
 * context a ParseError carries. Items start from the real publishing-api examples, changing only the
 * values each case names; they are built in memory, never saved as fixtures.
 */
import { LIVE_ENDPOINTS } from '../../../lambdas/config';
import { ParseError } from '../../../lambdas/core/errors';
import type { Attachment, DocumentSnapshot, ListingEntry, StoredVersion } from '../../../lambdas/core/model';
import type { Endpoints } from '../../../lambdas/core/source-kind';
import { govukContent } from '../../../lambdas/sources/govuk-content';
import {
  assetDocId,
  attachmentsOf,
  followAttachments,
  isPdf,
} from '../../../lambdas/sources/govuk-content/attachments';
import {
  documentFromContent,
  documentFromPdf,
  membersOf,
} from '../../../lambdas/sources/govuk-content/content-document';
import {
  govukDocId,
  govukUrl,
  parseContentJson,
  pathOf,
  type ContentItem,
} from '../../../lambdas/sources/govuk-content/content-item';
import { govukHosts } from '../../../lambdas/sources/govuk-content/declaration';
import { readGovukDetail } from '../../../lambdas/sources/govuk-content/govuk-detail';
import { memberEvents } from '../../../lambdas/sources/govuk-content/member-events';
import { fetched, fixtureJson } from '../../support/fixtures';
import { parseErrorOf, storedVersionOf } from '../../support/source-results';
import { govukContentDeclaration } from '../../../lambdas/sources/govuk-content/declaration';

const config = { id: 'bscc', kind: 'govuk-content' as const, path: '/government/publications/x' };
const ASSETS = 'https://assets.publishing.service.gov.uk';
const FILE = `${ASSETS}/government/uploads/system/uploads/attachment_data/file/315163/PUBLIC_1392629965.pdf`;
const featured = () =>
  fixtureJson('govuk-content/publishing-api_publication_publication-with-featured-attachments.json');
const withDocuments = () =>
  fixtureJson(
    'govuk-content/publishing-api_publication_best-practice-policy-paper_pre-2026-04-with-details-documents.json',
  );
const collection = () => fixtureJson('govuk-content/publishing-api_document_collection_document_collection.json');
const item = (over: Record<string, unknown> = {}, details: Record<string, unknown> = {}): ContentItem => {
  const base = featured();
  return { ...base, ...over, details: { ...base.details, ...details } } as ContentItem;
};
/** The recorded file attachment with some keys changed. */
const file = (over: Record<string, unknown> = {}) => ({ ...featured().details.attachments[0], ...over });
const attachments = (...list: unknown[]) => attachmentsOf(item({}, { attachments: list }));
const PATH = '/government/publications/number-of-ex-regular-service-personnel-in-fr20';
const stored = (doc: DocumentSnapshot): StoredVersion => storedVersionOf(doc, '2026-03-06T00:00:00Z');

describe('govuk-content attachments (details.attachments)', () => {
  it('reads the recorded file whole: id, title, URL, kind, type and size', () => {
    expect(attachments(file())).toEqual([
      {
        id: 'PUBLIC_1392629965.pdf',
        title: 'Number of ex-regular service personnel now part of FR20',
        url: FILE,
        kind: 'file',
        contentType: 'application/pdf',
        fileSize: 1932905,
      },
    ]);
  });

  it('names the kind html or external from attachment_type; anything else is a file', () => {
    const read = attachments(
      file({ attachment_type: 'html', url: '/government/publications/x/y', content_type: 'text/html' }),
      file({ attachment_type: 'external', url: 'https://example.org/report' }),
      file({ attachment_type: 'publication', url: `${FILE}?v=2` }),
    );
    expect(read.map((a) => [a.kind, a.url])).toEqual([
      ['html', 'https://www.gov.uk/government/publications/x/y'],
      ['external', 'https://example.org/report'],
      ['file', `${FILE}?v=2`],
    ]);
  });

  it('skips an attachment without a URL; without id or title the URL stands in; a number id is a string', () => {
    const read = attachments(
      file({ url: undefined }),
      file({ id: undefined, title: undefined, file_size: null, content_type: undefined }),
      file({ id: 7390811, url: 'https://www.gov.uk/government/publications/x/y', file_size: 0 }),
    );
    expect(read).toEqual([
      { id: FILE, title: FILE, url: FILE, kind: 'file', contentType: undefined },
      {
        id: '7390811',
        title: 'Number of ex-regular service personnel now part of FR20',
        url: 'https://www.gov.uk/government/publications/x/y',
        kind: 'file',
        contentType: 'application/pdf',
        fileSize: 0,
      },
    ]);
    expect(read[0]).not.toHaveProperty('fileSize');
  });

  it('makes www.gov.uk URLs and site paths absolute on www.gov.uk, and leaves other hosts alone', () => {
    const read = attachments(
      file({ url: 'http://gov.uk/government/x' }),
      file({ url: 'https://www.gov.uk/government/y?z=1' }),
      file({ url: 'https://www.gov.uk.example.org/government/y' }),
      file({ url: 'https://notgov.uk/government/y' }),
      file({ url: 'https://example.org/?r=https://www.gov.uk/x' }),
    );
    expect(read.map((a) => a.url)).toEqual([
      'https://www.gov.uk/government/x',
      'https://www.gov.uk/government/y',
      'https://www.gov.uk.example.org/government/y',
      'https://notgov.uk/government/y',
      'https://example.org/?r=https://www.gov.uk/x',
    ]);
  });
});

describe('govuk-content attachments (details.documents, pre-2026)', () => {
  const section = (id: string | null, href: string, type: string, title = 'A letter') =>
    `<section class="attachment embedded"${id ? ` id="${id}"` : ''}><div class="attachment-details">` +
    `<h2 class="title"><a href="${href}"> ${title} </a></h2><p class="metadata"><span class="type">${type}</span></p>` +
    '</div></section>';
  const fromDocuments = (...documents: string[]) => attachmentsOf(item({}, { attachments: undefined, documents }));

  it('reads the recorded sections: an HTML attachment and a PDF file', () => {
    expect(attachmentsOf(withDocuments())).toEqual([
      {
        id: 'attachment_2418319',
        title: 'Strategy for dealing with safeguarding issues in charities',
        url:
          'https://www.gov.uk/government/publications/strategy-for-dealing-with-safeguarding-issues-in-charities/' +
          'strategy-for-dealing-with-safeguarding-issues-in-charities',
        kind: 'html',
      },
      {
        id: 'attachment_2418322',
        title: 'Strategy for dealing with safeguarding issues in charities - the role of other agencies',
        url: 'https://www.gov.uk/government/uploads/system/uploads/attachment_data/file/664637/The_role_of_other_agencies.pdf',
        kind: 'file',
        contentType: 'application/pdf',
      },
    ]);
  });

  it('an off-site link is external, a gov.uk one a file; a section without id is named by its link', () => {
    const read = fromDocuments(
      section(null, 'https://example.org/report.pdf', '<abbr>PDF</abbr>'),
      section('attachment_2', 'https://assets.publishing.service.gov.uk/file/a.odt', 'ODT'),
      section('attachment_3', '/government/uploads/b.csv', ' csv '),
      section('attachment_4', 'http://example.org/c', 'HTML '),
      section('attachment_5', 'http://example.org/d', 'ODS'),
      section('attachment_6', '/government/uploads/e?from=https://example.org/e', 'ODS'),
    );
    expect(read).toEqual([
      {
        id: 'https://example.org/report.pdf',
        title: 'A letter',
        url: 'https://example.org/report.pdf',
        kind: 'external',
        contentType: 'application/pdf',
      },
      {
        id: 'attachment_2',
        title: 'A letter',
        url: 'https://assets.publishing.service.gov.uk/file/a.odt',
        kind: 'file',
      },
      { id: 'attachment_3', title: 'A letter', url: 'https://www.gov.uk/government/uploads/b.csv', kind: 'file' },
      { id: 'attachment_4', title: 'A letter', url: 'http://example.org/c', kind: 'html' },
      { id: 'attachment_5', title: 'A letter', url: 'http://example.org/d', kind: 'external' },
      { id: 'attachment_6', title: 'A letter', url: 'https://www.gov.uk/government/uploads/e', kind: 'file' },
    ]);
  });

  it('skips a section without a link, or one already listed by details.attachments (same path)', () => {
    const documents = [
      '<section class="attachment"><h2 class="title">No link</h2></section>',
      section('attachment_9', FILE.replace(ASSETS, ''), 'PDF'),
      section('attachment_10', '/government/uploads/c.pdf', 'PDF'),
    ];
    const read = attachmentsOf(item({}, { documents }));
    expect(read.map((a) => a.id)).toEqual(['PUBLIC_1392629965.pdf', 'attachment_10']);
  });

  it('reads only the first title link and the first type of a section', () => {
    const html =
      '<section class="attachment" id="a1"><h2 class="title"><a href="/x/one">One</a></h2>' +
      '<h2 class="title"><a href="/x/two">Two</a></h2>' +
      '<span class="type">HTML</span><span class="type">PDF</span></section>';
    expect(fromDocuments(html)).toEqual([{ id: 'a1', title: 'One', url: 'https://www.gov.uk/x/one', kind: 'html' }]);
    const plainTitle =
      '<section class="attachment" id="a2"><p class="title"><a href="/x/three">Three</a></p></section>';
    expect(fromDocuments(plainTitle).map((a) => a.url)).toEqual(['https://www.gov.uk/x/three']);
  });
});

describe('govuk-content files followed', () => {
  const a = (over: Partial<Attachment>): Attachment => ({ id: '1', title: 't', url: FILE, kind: 'file', ...over });

  it('a file is a PDF by its type (any case) or its path ending .pdf; an html or external one never', () => {
    expect(isPdf(a({ contentType: 'Application/PDF', url: `${ASSETS}/x.bin` }))).toBe(true);
    expect(isPdf(a({ contentType: undefined, url: `${ASSETS}/x.PDF?download=1` }))).toBe(true);
    expect(isPdf(a({ contentType: 'text/csv', url: `${ASSETS}/x.csv` }))).toBe(false);
    expect(isPdf(a({ contentType: undefined, url: `${ASSETS}/x.pdf.csv` }))).toBe(false);
    expect(isPdf(a({ kind: 'html', contentType: 'application/pdf' }))).toBe(false);
    expect(isPdf(a({ kind: 'external', url: 'https://example.org/x.pdf' }))).toBe(false);
  });

  it('a stable id names the file under its publication; an id that is its URL or not a word, the asset path', () => {
    expect(assetDocId(a({ id: '7390811' }), PATH)).toBe(`govuk-asset:${PATH}#7390811`);
    expect(assetDocId(a({ id: 'PUBLIC_1392629965-v2' }), PATH)).toBe(`govuk-asset:${PATH}#PUBLIC_1392629965-v2`);
    expect(assetDocId(a({ id: FILE }), PATH)).toBe(
      'govuk-asset:/government/uploads/system/uploads/attachment_data/file/315163/PUBLIC_1392629965.pdf',
    );
    expect(assetDocId(a({ id: 'PUBLIC_1392629965.pdf' }), PATH)).toBe(
      'govuk-asset:/government/uploads/system/uploads/attachment_data/file/315163/PUBLIC_1392629965.pdf',
    );
    expect(assetDocId(a({ id: 'x 1' }), PATH)).toMatch(/^govuk-asset:\/government\/uploads\//);
  });

  const doc = (list: Attachment[]): DocumentSnapshot => ({
    ...documentFromContent(item()),
    attachments: list,
    changeNote: 'Letter added.',
  });
  const replay: Endpoints = {
    ...LIVE_ENDPOINTS,
    govuk: 'http://127.0.0.1:8080',
    govukAssets: 'http://127.0.0.1:8080//',
  };

  it('follows HTML attachments through the Content API and PDFs on gov.uk hosts from the asset endpoint', () => {
    const follow = followAttachments(
      doc([
        a({ id: 'h', kind: 'html', url: 'https://www.gov.uk/government/publications/x/letter/', title: 'Letter' }),
        a({ id: '7390811', contentType: 'application/pdf', fileSize: 120 }),
        a({ id: 'gov', url: 'https://gov.uk/files/a.pdf' }),
      ]),
      replay,
    );
    expect(follow).toEqual([
      {
        url: 'https://www.gov.uk/government/publications/x/letter/',
        title: 'Letter',
        parentId: `govuk:${PATH}`,
        changeNote: 'Letter added.',
        docId: 'govuk:/government/publications/x/letter',
        signal: '2020-03-12T18:18:24.794Z',
        detail: { url: 'http://127.0.0.1:8080/api/content/government/publications/x/letter/', bucket: 'govuk-content' },
      },
      {
        url: FILE,
        title: 't',
        parentId: `govuk:${PATH}`,
        changeNote: 'Letter added.',
        docId: `govuk-asset:${PATH}#7390811`,
        signal: `file:${FILE}|120`,
        detail: {
          url: 'http://127.0.0.1:8080/government/uploads/system/uploads/attachment_data/file/315163/PUBLIC_1392629965.pdf',
          bucket: 'govuk-assets',
          binary: true,
          accept: 'application/pdf',
        },
      },
      expect.objectContaining({
        docId: `govuk-asset:${PATH}#gov`,
        signal: 'file:https://gov.uk/files/a.pdf|',
        detail: expect.objectContaining({ url: 'http://127.0.0.1:8080/files/a.pdf' }),
      }),
    ]);
  });

  it('follows no external link, no file that is not a PDF, no PDF off gov.uk, no URL that is not one', () => {
    const follow = followAttachments(
      doc([
        a({ kind: 'external', url: 'https://example.org/a.pdf' }),
        a({ contentType: 'text/csv', url: `${ASSETS}/a.csv` }),
        a({ url: 'https://example.org/a.pdf' }),
        a({ url: 'https://evilgov.uk/a.pdf' }),
        a({ url: 'https://gov.uk.example.org/a.pdf' }),
        a({ url: 'https://assets.publishing.service.gov.uk.example.org/a.pdf' }),
        a({ url: 'not a url.pdf' }),
      ]),
      LIVE_ENDPOINTS,
    );
    expect(follow).toEqual([]);
  });
});

describe('govuk-content documents', () => {
  it('signal, dates and organisations fall back in the order GOV.UK fills them', () => {
    const full = documentFromContent(item());
    expect([full.signal, full.updatedAt, full.publishedAt]).toEqual([
      '2020-03-12T18:18:24.794Z',
      '2014-05-29T10:48:35.000+00:00',
      '2014-05-29T10:48:35.000+00:00',
    ]);
    const older = documentFromContent(
      item(
        { public_updated_at: null, updated_at: null, first_published_at: null },
        { public_timestamp: '2013-01-01T00:00:00Z' },
      ),
    );
    expect([older.signal, older.updatedAt, older.publishedAt]).toEqual([
      '2013-01-01T00:00:00Z',
      '2013-01-01T00:00:00Z',
      featured().details.first_public_at,
    ]);
    const bare = documentFromContent(
      item(
        { public_updated_at: undefined, updated_at: '2021-01-01T00:00:00Z', first_published_at: undefined },
        { first_public_at: undefined },
      ),
    );
    expect([bare.signal, bare.updatedAt, bare.publishedAt]).toEqual([
      '2021-01-01T00:00:00Z',
      '2021-01-01T00:00:00Z',
      null,
    ]);
    const none = documentFromContent(item({ public_updated_at: null, updated_at: null }, { public_timestamp: null }));
    expect([none.signal, none.updatedAt]).toEqual(['', null]);
  });

  it('text is title, description and body; organisations by title, else path, else none', () => {
    const doc = documentFromContent(
      item(
        {
          description: null,
          links: {
            organisations: [{ title: 'Ministry of Defence' }, { base_path: '/government/organisations/x' }, {}],
          },
        },
        { body: '<p>One <b>letter</b>.</p>', change_history: [] },
      ),
    );
    expect(doc.text).toBe('Number of ex-regular service personnel in FR20\n\nOne letter.');
    expect(doc.organisations).toEqual(['Ministry of Defence', '/government/organisations/x']);
    expect(doc.changeNote).toBeNull();
    expect(doc.parentId).toBeNull();
    expect(doc.extra!.changeNote).toBeNull();
    const titleOnly = documentFromContent(item({ description: '', links: null }, { body: null }));
    expect(titleOnly.text).toBe('Number of ex-regular service personnel in FR20');
    expect(titleOnly.organisations).toEqual([]);
  });

  it('an html_publication takes its parent type only when the parent has one', () => {
    const typed = documentFromContent(
      item({
        document_type: 'html_publication',
        links: { parent: [{ base_path: '/government/publications/p/', document_type: 'correspondence' }] },
      }),
    );
    expect([typed.documentType, typed.parentId]).toEqual([
      'correspondence-attachment',
      'govuk:/government/publications/p',
    ]);
    const untyped = documentFromContent(item({ document_type: 'html_publication', links: { parent: [{}] } }));
    expect([untyped.documentType, untyped.parentId]).toEqual(['html_publication', null]);
    const orphan = documentFromContent(item({ document_type: 'html_publication', links: null }));
    expect([orphan.documentType, orphan.parentId]).toEqual(['html_publication', null]);
    const other = documentFromContent(item({ links: { parent: [{ document_type: 'correspondence' }] } }));
    expect(other.documentType).toBe('foi_release');
  });

  it('a withdrawal needs a date or an explanation; either alone is one', () => {
    expect(documentFromContent(item({ withdrawn_notice: {} })).withdrawn).toBeNull();
    expect(documentFromContent(item({ withdrawn_notice: null })).withdrawn).toBeNull();
    expect(documentFromContent(item({ withdrawn_notice: { withdrawn_at: '2024-01-02T00:00:00Z' } })).withdrawn).toEqual(
      {
        at: '2024-01-02T00:00:00Z',
        explanation: '',
      },
    );
    expect(documentFromContent(item({ withdrawn_notice: { explanation: '<p>Out of date.</p>' } })).withdrawn).toEqual({
      at: null,
      explanation: 'Out of date.',
    });
  });

  it('keeps the attachments beside the text, without empty type or size', () => {
    const doc = documentFromContent(
      item({}, { attachments: [file(), file({ id: 'b', url: `${FILE}?b`, content_type: '', file_size: undefined })] }),
    );
    expect(doc.extra!.attachments).toEqual([
      {
        id: 'PUBLIC_1392629965.pdf',
        kind: 'file',
        title: 'Number of ex-regular service personnel now part of FR20',
        url: FILE,
        contentType: 'application/pdf',
        fileSize: 1932905,
      },
      { id: 'b', kind: 'file', title: 'Number of ex-regular service personnel now part of FR20', url: `${FILE}?b` },
    ]);
    expect((doc.extra!.attachments as object[])[1]).not.toHaveProperty('fileSize');
    expect((doc.extra!.attachments as object[])[1]).not.toHaveProperty('contentType');
    expect(doc.extra!.changeNote).toBe('First published.');
    expect(doc.extra).not.toHaveProperty('members');
  });
});

describe('govuk-content PDF documents', () => {
  const entry: ListingEntry = {
    docId: `govuk-asset:${PATH}#7390811`,
    url: FILE,
    title: 'Letter',
    signal: `file:${FILE}|120`,
    parentId: `govuk:${PATH}`,
    changeNote: 'Letter added.',
  };
  const pdf = (extracted: Record<string, unknown> | undefined) =>
    documentFromPdf({ ...fetched(FILE, ''), extracted: extracted as never }, entry);

  it('with text: the text, the page count, the entry it came from', () => {
    expect(pdf({ pages: 2, text: 'Dear  Sir,\r\nYours.', sha256: 'ab' })).toEqual({
      docId: entry.docId,
      url: FILE,
      title: 'Letter',
      documentType: 'pdf-attachment',
      text: 'Dear Sir,\nYours.',
      signal: entry.signal,
      publishedAt: null,
      updatedAt: null,
      changeNote: 'Letter added.',
      withdrawn: null,
      organisations: [],
      attachments: [],
      parentId: `govuk:${PATH}`,
      extra: { pdf: { pages: 2 } },
      noText: null,
    });
  });

  it('without text: compared by its bytes, and says why there is nothing to read', () => {
    const one = pdf({ pages: 1, text: ' ', sha256: 'ab' });
    expect(one.extra).toEqual({ pdf: { pages: 1, sha256: 'ab' } });
    expect(one.noText).toBe(
      `This PDF (1 page) has no text layer, a scan perhaps, so there is no text to compare: read it at ${FILE}`,
    );
    expect(pdf({ pages: 3, text: '', sha256: 'cd' }).noText).toMatch(/^This PDF \(3 pages\) has no text layer/);
    expect(pdf(undefined).noText).toMatch(/^This PDF \(0 pages\) has no text layer/);
    expect(pdf({ pages: 0, text: '', sha256: '', unreadable: 'The PDF is encrypted. (source bscc)' }).noText).toBe(
      `The PDF is encrypted. Read it at ${FILE}`,
    );
    const bare = documentFromPdf(
      { ...fetched(FILE, ''), extracted: { pages: 1, text: 'x', sha256: '' } },
      {
        docId: 'd',
        url: FILE,
        title: 't',
        signal: 's',
      },
    );
    expect([bare.changeNote, bare.parentId]).toEqual([null, null]);
  });

  it('a detail with extracted text is a PDF document and follows nothing; a content item follows its files', () => {
    const read = readGovukDetail(
      { ...fetched(FILE, ''), extracted: { pages: 1, text: 'x', sha256: '' } },
      entry,
      'bscc',
      LIVE_ENDPOINTS,
    );
    expect(read.documents.map((d) => d.documentType)).toEqual(['pdf-attachment']);
    expect(read.follow).toEqual([]);
    const content = readGovukDetail(fetched('u', JSON.stringify(featured())), entry, 'bscc', LIVE_ENDPOINTS);
    expect(content.documents.map((d) => d.docId)).toEqual([`govuk:${PATH}`]);
    expect(content.follow.map((f) => f.docId)).toEqual([
      'govuk-asset:/government/uploads/system/uploads/attachment_data/file/315163/PUBLIC_1392629965.pdf',
    ]);
  });
});

describe('govuk-content members', () => {
  it('a member listed twice is read once; one not linked is named by its id, without a path', () => {
    const c = collection();
    const first = c.details.collection_groups[0];
    c.details.collection_groups = [
      { ...first, documents: [first.documents[0], 'not-linked-id', first.documents[0]] },
      { documents: [first.documents[0], 'other-id'] },
    ];
    const members = membersOf(c as ContentItem);
    expect(members).toEqual([
      {
        contentId: first.documents[0],
        title: 'National standard for driving cars and light vans',
        path: '/government/publications/national-standard-for-driving-cars-and-light-vans',
        group: 'Car and light van',
      },
      { contentId: 'not-linked-id', title: 'not-linked-id', path: null, group: 'Car and light van' },
      { contentId: 'other-id', title: 'other-id', path: null, group: '' },
    ]);
    expect(membersOf({ ...c, details: {}, links: null } as ContentItem)).toEqual([]);
    expect(membersOf({ ...c, details: { collection_groups: [{ title: 'G' }] } } as ContentItem)).toEqual([]);
  });

  it('an item with collection groups has members even outside a document_collection; others none', () => {
    const c = collection();
    const asPublication = documentFromContent({ ...c, schema_name: 'publication' } as ContentItem);
    expect((asPublication.extra!.members as unknown[]).length).toBe(9);
    const emptyCollection = documentFromContent({ ...c, details: { ...c.details, collection_groups: undefined } });
    expect(emptyCollection.extra!.members).toEqual([]);
  });

  it('events name the collection, the group and the page; a member without a group or path says less', () => {
    const after = documentFromContent(collection() as ContentItem);
    const title = after.title;
    const members = after.extra!.members as { contentId: string }[];
    const before = {
      ...stored(after),
      extra: {
        members: [...members.slice(1), { contentId: 'gone', title: 'Old standard', path: null, group: '' }],
      },
    };
    expect(memberEvents(before, after)).toEqual([
      {
        type: 'new-document',
        key: `member:${members[0].contentId}`,
        title: 'National standard for driving cars and light vans',
        summary:
          `Added to "${title}", under "Car and light van": National standard for driving cars and light vans ` +
          '(https://www.gov.uk/government/publications/national-standard-for-driving-cars-and-light-vans).',
        text: 'National standard for driving cars and light vans',
      },
      {
        type: 'document-removed',
        key: 'member:gone',
        title: 'Old standard',
        summary: `Removed from "${title}": Old standard.`,
        text: 'Old standard',
      },
    ]);
    expect(memberEvents({ ...before, extra: { members: 'x' } }, { ...after, extra: undefined })).toEqual([]);
    expect(memberEvents({ ...before, extra: null }, after)).toHaveLength(9);
  });
});

describe('govuk-content items, URLs and errors', () => {
  it('lists the item through the Content API, from the GOV.UK and asset hosts', () => {
    expect(govukContent.listing(config, LIVE_ENDPOINTS)).toEqual({
      url: 'https://www.gov.uk/api/content/government/publications/x',
      bucket: 'govuk-content',
    });
    expect(govukHosts(LIVE_ENDPOINTS)).toEqual(['www.gov.uk', 'assets.publishing.service.gov.uk']);
    expect(govukContentDeclaration.hosts(config, LIVE_ENDPOINTS)).toEqual([
      'www.gov.uk',
      'assets.publishing.service.gov.uk',
    ]);
  });

  it('the listing carries the item whole, then what it follows', () => {
    const page = govukContent.parseListing(fetched('u', JSON.stringify(featured())), config, LIVE_ENDPOINTS);
    expect(page.entries[0]).toEqual({
      docId: `govuk:${PATH}`,
      url: `https://www.gov.uk${PATH}`,
      title: 'Number of ex-regular service personnel in FR20',
      signal: '2020-03-12T18:18:24.794Z',
      inline: documentFromContent(item()),
    });
    expect(page.entries).toHaveLength(2);
    expect(page.next).toBeNull();
  });

  it('ids drop trailing slashes; URLs are on www.gov.uk; paths are read from any URL', () => {
    expect(govukDocId('/government/x//')).toBe('govuk:/government/x');
    expect(govukUrl('government/x')).toBe('https://www.gov.uk/government/x');
    expect(govukUrl('///government/x')).toBe('https://www.gov.uk/government/x');
    expect(govukUrl('government//x')).toBe('https://www.gov.uk/government//x');
    // A whole URL given as a path stays a path on www.gov.uk.
    expect(govukUrl('https://evil.example/')).toBe('https://www.gov.uk/https://evil.example/');
    // WHATWG URLs read a backslash as a slash: '/\\host' is another host, refused.
    expect(() => govukUrl('/\\evil.example/x')).toThrow(ParseError);
    expect(pathOf('https://example.org/a/b?c')).toBe('/a/b');
    expect(pathOf('/a/b')).toBe('/a/b');
    expect(pathOf('http://[bad')).toBe('http://[bad');
  });

  it('errors name the address, the source and the field', () => {
    const url = 'https://www.gov.uk/api/content/government/publications/x';
    expect(parseErrorOf(() => parseContentJson(fetched(url, 'not json'), 'bscc')).context).toEqual({
      url,
      source: 'bscc',
    });
    expect(parseErrorOf(() => parseContentJson(fetched(url, '[1]'), 'bscc')).context).toEqual({
      url,
      source: 'bscc',
      field: '(root)',
    });
    const bad = { ...featured(), details: { ...featured().details, attachments: [{ url: 7 }] } };
    expect(parseErrorOf(() => parseContentJson(fetched(url, JSON.stringify(bad)), 'bscc')).context).toEqual({
      url,
      source: 'bscc',
      field: 'details.attachments.0.url',
    });
  });
});
