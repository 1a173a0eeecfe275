/**
 * The PDF reader on real and composed PDFs (test/fixtures/pdf): whitehall's own test PDFs (GOV.UK's
 * publishing app), a letter typeset as GOV.UK's letter PDFs are, a scan with no text layer, an
 * encrypted file and bytes that are not a PDF. Pure in the sense that matters: bytes in, text out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PdfTextExtractor } from '../../../lambdas/adapters/pdf/pdf-text-extractor';
import { FIXTURES } from '../../support/fixtures';

const pdf = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, 'pdf', name)));
const reader = new PdfTextExtractor();
const where = { url: 'https://assets.publishing.service.gov.uk/media/x/letter.pdf', source: 'src' };

describe('PdfTextExtractor', () => {
  it('reads the text layer of a real GOV.UK test PDF (whitehall simple.pdf: "This is a test pdf.", 1 page)', async () => {
    const out = await reader.extract(pdf('whitehall_simple.pdf'), where);
    expect(out).toEqual({ pages: 1, text: 'This is a test pdf.', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('reads both pages of whitehall two-pages-with-content.pdf', async () => {
    const out = await reader.extract(pdf('whitehall_two-pages-with-content.pdf'), where);
    expect(out.pages).toBe(2);
    expect(out.text).toMatch(/^Lorem ipsum dolor sit/);
  });

  it('reads a composed letter with its line breaks, salutation and closing', async () => {
    const out = await reader.extract(pdf('composed_hikvision-to-bscc-2024-01-12.pdf'), where);
    expect(out.text).toMatch(/^Hikvision UK and Ireland\nSuite 2, Unit 5/);
    expect(out.text).toMatch(/\nDear Professor Sampson,\n/);
    expect(out.text).toMatch(/\nYours sincerely,\nJustin Hollis\n/);
  });

  it.each(['whitehall_two-pages.pdf', 'composed_scanned-letter.pdf'])(
    '%s has no text layer: "" with its pages and hash',
    async (f) => {
      const out = await reader.extract(pdf(f), where);
      expect(out.text).toBe('');
      expect(out.pages).toBe(2);
      expect(out.sha256).toMatch(/^[0-9a-f]{64}$/);
    },
  );

  it('an encrypted PDF, or bytes that are not a PDF, fail in one sentence', async () => {
    await expect(reader.extract(pdf('composed_whitehall-simple_encrypted.pdf'), where)).rejects.toThrow(
      `The PDF at ${where.url} could not be read: it is encrypted with a password.`,
    );
    await expect(reader.extract(new Uint8Array(Buffer.from('<html>not a pdf</html>')), where)).rejects.toThrow(
      `The PDF at ${where.url} could not be read: it is not a valid PDF (corrupt or cut off).`,
    );
  });

  it('recognises a PDF by its type or its first bytes', () => {
    expect(reader.accepts('application/pdf', new Uint8Array())).toBe(true);
    expect(reader.accepts('application/octet-stream', pdf('whitehall_simple.pdf'))).toBe(true);
    expect(reader.accepts('text/html', new Uint8Array(Buffer.from('<html>')))).toBe(false);
  });
});
