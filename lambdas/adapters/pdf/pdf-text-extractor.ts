/**
 * The TextExtractor port for PDFs, on unpdf (pdf.js built for serverless runtimes: no native
 * canvas, no worker file, bundles into one file). Loaded on first use only, so a cycle that meets no
 * PDF never pays for it. A PDF that is encrypted, corrupt or not a PDF is a ParseError in one
 * sentence; a PDF without a text layer (a scan) is text "" with its page count and hash.
 */
import { createHash } from 'node:crypto';
import { ParseError } from '../../core/errors';
import type { ExtractedText } from '../../core/model';
import type { TextExtractor } from '../../core/ports';

type Unpdf = typeof import('unpdf');
let unpdf: Promise<Unpdf> | null = null;

/**
 * unpdf finds pdf.js with a dynamic import of its own; naming the module here instead lets every
 * runtime (Node, a bundled Lambda, the test runner's module system) load it the way it loads ours.
 */
async function loadUnpdf(): Promise<Unpdf> {
  const lib = await import('unpdf');
  await lib.definePDFJSModule(() => import('unpdf/pdfjs'));
  return lib;
}

/** Larger PDFs are refused unread: pdf.js holds the whole file and its pages in memory. */
export const MAX_PDF_PAGES = 2000;

function reason(err: unknown): string {
  const name = (err as { name?: string })?.name ?? '';
  if (name === 'PasswordException') return 'it is encrypted with a password';
  if (name === 'InvalidPDFException') return 'it is not a valid PDF (corrupt or cut off)';
  return `the PDF reader failed (${(err as Error)?.message ?? String(err)})`;
}

export class PdfTextExtractor implements TextExtractor {
  readonly accepts = (contentType: string, bytes: Uint8Array): boolean =>
    /application\/pdf/i.test(contentType) || Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';

  async extract(bytes: Uint8Array, where: { url: string; source?: string }): Promise<ExtractedText> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    unpdf ??= loadUnpdf();
    const { getDocumentProxy, extractText } = await unpdf;
    let pdf: Awaited<ReturnType<Unpdf['getDocumentProxy']>> | null = null;
    try {
      // pdf.js takes ownership of the buffer it is given: hand it a copy.
      // verbosity 0: pdf.js would otherwise print its repair warnings to the console of a Lambda.
      pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
      if (pdf.numPages > MAX_PDF_PAGES) {
        throw new ParseError(
          `The PDF at ${where.url} has ${pdf.numPages} pages, more than ${MAX_PDF_PAGES}; it was not read.`,
          where,
        );
      }
      const { totalPages, text } = await extractText(pdf, { mergePages: true });
      return { pages: totalPages, text: text.trim(), sha256 };
    } catch (err) {
      if (err instanceof ParseError) throw err;
      throw new ParseError(`The PDF at ${where.url} could not be read: ${reason(err)}.`, where, err);
    } finally {
      // Frees the fonts and page objects pdf.js keeps; a warm Lambda reads many PDFs in its life.
      await pdf?.cleanup().catch(() => undefined);
    }
  }
}
