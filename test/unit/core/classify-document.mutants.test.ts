/** What a new document is, with the exact summary each outcome writes. */
import { classifyNewDocument, findStoredCopy } from '../../../lambdas/core/classify-document';
import type { Attachment, DocumentSnapshot } from '../../../lambdas/core/model';
import type { SourceConfigBase } from '../../../lambdas/core/source-kind';
import { defaultParties } from '../../../lambdas/core/text/letter';

const LETTER = 'Dear Hikvision,\n\nThank you about the zebra giraffe installers.\n\nYours sincerely,\n\nBSCC';
const doc = (over: Partial<DocumentSnapshot> = {}): DocumentSnapshot => ({
  docId: 'd1',
  url: 'https://www.gov.uk/letter-1',
  title: 'Letter from BSCC to Hikvision 21 March 2022',
  documentType: 'correspondence',
  text: LETTER,
  signal: 's',
  publishedAt: null,
  updatedAt: null,
  changeNote: null,
  withdrawn: null,
  organisations: [],
  attachments: [],
  parentId: null,
  ...over,
});
const letters: SourceConfigBase = {
  id: 'bscc',
  kind: 'govuk-search',
  name: 'BSCC letters',
  alertOnNew: 'new-correspondence',
};
const guidance: SourceConfigBase = { id: 'guidance', kind: 'govuk-search', alertOnNew: 'new-document' };
const none = { letters: [], parties: defaultParties };
const attachment = (kind: Attachment['kind']): Attachment => ({
  id: kind,
  title: kind,
  url: `https://x/${kind}`,
  kind,
});

describe('classifyNewDocument', () => {
  it('a source of guidance calls everything a new document, by its name or else its id', () => {
    expect(classifyNewDocument(doc(), guidance, none)).toEqual({
      type: 'new-document',
      knownId: null,
      threadId: null,
      letter: null,
      match: null,
      summary: 'New on guidance: Letter from BSCC to Hikvision 21 March 2022',
    });
    expect(classifyNewDocument(doc(), { ...letters, alertOnNew: undefined }, none).summary).toBe(
      'New on BSCC letters: Letter from BSCC to Hikvision 21 March 2022',
    );
    expect(classifyNewDocument(doc({ noText: 'A PDF with no text.' }), guidance, none).summary).toBe(
      'A PDF with no text.',
    );
  });

  it('a letter already known says which, with its similarity to two places', () => {
    const known = {
      letters: [
        { id: 'k-2022', title: 'x', text: 'other', date: null, from: '', to: '', url: 'https://www.gov.uk/letter-1/' },
      ],
      parties: defaultParties,
    };
    expect(classifyNewDocument(doc(), letters, known)).toMatchObject({
      type: 'known',
      knownId: 'k-2022',
      threadId: 'bscc--hikvision',
      match: { match: 'k-2022', similarity: 1, thread: 'bscc--hikvision' },
      summary: 'Already known as k-2022 (similarity 1.00).',
    });
  });

  it('a new letter names its thread', () => {
    expect(classifyNewDocument(doc(), letters, none)).toMatchObject({
      type: 'new-correspondence',
      knownId: null,
      threadId: 'bscc--hikvision',
      letter: { from: 'bscc', to: 'hikvision', date: '2022-03-21', threadId: 'bscc--hikvision' },
      summary: 'A letter not seen before in the thread bscc--hikvision.',
    });
  });

  it('a short page with html or file attachments is a publication; external links do not count', () => {
    const pub = doc({
      text: 'Letters.',
      attachments: [attachment('html'), attachment('file'), attachment('external')],
    });
    expect(classifyNewDocument(pub, letters, none)).toMatchObject({
      type: 'first-seen',
      knownId: null,
      summary: 'Publication with 2 attachment(s), each tracked as its own document.',
    });
    const linksOnly = doc({ title: 'Letters', text: 'Letters.', attachments: [attachment('external')] });
    expect(classifyNewDocument(linksOnly, letters, none).type).toBe('new-document');
    const long = doc({ text: `${LETTER}\n${'word '.repeat(400)}`, attachments: [attachment('html')] });
    expect(long.text.length).toBeGreaterThanOrEqual(2000);
    expect(classifyNewDocument(long, letters, none).type).toBe('new-correspondence');
    const edge = doc({ text: `Letters.${' '.repeat(1992)}`, attachments: [attachment('html')] });
    expect(edge.text.length).toBe(2000);
    expect(classifyNewDocument(edge, letters, none).type).not.toBe('first-seen');
  });

  it('a document without text, or without a salutation or closing, is a new document', () => {
    expect(classifyNewDocument(doc({ noText: 'Scanned letter.' }), letters, none)).toMatchObject({
      type: 'new-document',
      letter: null,
      summary: 'Scanned letter.',
    });
    expect(classifyNewDocument(doc({ title: 'Annual report', text: 'Figures for the year.' }), letters, none)).toEqual({
      type: 'new-document',
      knownId: null,
      threadId: null,
      letter: null,
      match: null,
      summary: 'New on BSCC letters, not a letter (no salutation or closing): Annual report',
    });
  });
});

describe('findStoredCopy', () => {
  it('is null with nothing stored, the stored letter it copies otherwise', () => {
    expect(findStoredCopy(doc(), [], defaultParties)).toBeNull();
    expect(findStoredCopy(doc(), [{ docId: 's1', title: 'Letter', text: LETTER }], defaultParties)).toEqual({
      docId: 's1',
      similarity: 1,
    });
    expect(findStoredCopy(doc(), [{ docId: 's2', title: 'Other', text: 'lion tiger' }], defaultParties)).toBeNull();
  });
});
