/**
 * Composes PDFs for the demo, the tests and the benchmarks (no GOV.UK PDF about the BSCC was ever
 * recorded): a letter typeset the way GOV.UK's letter PDFs are (A4, one text layer, a standard font),
 * optionally padded with an image per page to a given size, or pages of images alone (a scan, with
 * no text layer). Dev tool only: never imported by the product.
 */
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';
import { deflateSync } from 'node:zlib';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;

export interface PdfSpec {
  title: string;
  /** Paragraphs, in order (line breaks inside one are kept); page breaks fall where the text needs them. */
  paragraphs: string[];
  /** Repeat the paragraphs until the document has at least this many pages. */
  minPages?: number;
  /** Add an incompressible image to each page so the file reaches about this many bytes. */
  padToBytes?: number;
  /** Pages of an image only: no text layer at all (a scanned letter). */
  scanOnly?: boolean;
  /** A fixed date for the document's metadata, so the same spec always gives the same bytes. */
  date?: Date;
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** A greyscale PNG of pseudo-random noise (seeded): an image that does not compress. */
function noisePng(width: number, height: number, seed: number): Uint8Array {
  let s = seed;
  const raw = Buffer.alloc((width + 1) * height);
  for (let i = 0; i < raw.length; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = i % (width + 1) === 0 ? 0 : s >> 16;
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c;
}

export async function composePdf(spec: PdfSpec): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const date = spec.date ?? new Date('2024-01-01T00:00:00Z');
  pdf.setTitle(spec.title);
  pdf.setCreationDate(date);
  pdf.setModificationDate(date);
  pdf.setProducer('procurement-watch devtools/pdf/compose-pdf.ts');
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const size = 11;
  const width = A4[0] - 2 * MARGIN;
  // A paragraph's own line breaks (an address block, a signature) are kept; long lines are wrapped.
  const lines = spec.paragraphs.flatMap((p) => [...p.split('\n').flatMap((l) => wrap(l, font, size, width)), '']);
  let page = pdf.addPage(A4);
  let y = A4[1] - MARGIN;
  let pages = 1;
  const newPage = () => {
    page = pdf.addPage(A4);
    y = A4[1] - MARGIN;
    pages++;
  };
  if (!spec.scanOnly) {
    for (let round = 0; round === 0 || pages < (spec.minPages ?? 1); round++) {
      for (const line of lines) {
        if (y < MARGIN + size) newPage();
        if (line) page.drawText(line, { x: MARGIN, y, size, font });
        y -= size * 1.4;
      }
    }
  } else {
    for (let i = 1; i < (spec.minPages ?? 1); i++) newPage();
  }
  const all = pdf.getPages();
  const perPage = spec.padToBytes ? Math.max(1, Math.floor(spec.padToBytes / all.length)) : 0;
  for (const [i, p] of all.entries()) {
    if (!spec.scanOnly && !perPage) continue;
    // A scan is an image of the page; padding is an image small on the page but heavy in bytes.
    const side = Math.max(64, Math.ceil(Math.sqrt(perPage || 400_000)));
    const png = await pdf.embedPng(noisePng(side, side, i + 1));
    if (spec.scanOnly)
      p.drawImage(png, { x: MARGIN, y: MARGIN, width: A4[0] - 2 * MARGIN, height: A4[1] - 2 * MARGIN });
    else p.drawImage(png, { x: A4[0] - MARGIN - 40, y: MARGIN / 2, width: 40, height: 40 });
  }
  return pdf.save({ useObjectStreams: false });
}
