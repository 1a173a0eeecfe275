/**
 * PDF letters: the time and memory to read the text out of a large GOV.UK-sized PDF (about 2 MB,
 * 30 pages, composed by devtools/pdf like the test fixtures), and the weight unpdf adds to a bundle.
 * The baseline is the same file's bytes hashed (what a watcher without text extraction would compare).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { PdfTextExtractor } from '../lambdas/adapters/pdf/pdf-text-extractor';
import { composePdf } from '../devtools/pdf/compose-pdf';
import { percentile } from './measure';

export interface PdfFigure {
  bytes: number;
  pages: number;
  characters: number;
  extractMsP50: number;
  hashMsP50: number;
  heapMb: number;
  unpdfBundleBytes: number;
}

export async function pdfBench(root: string, runs = 5): Promise<PdfFigure> {
  const letter = readFileSync(join(root, 'test/fixtures/letters/2024-01-12-hikvision-to-bscc.pdf-letter.txt'), 'utf8');
  // The padding images compress a little: aim again until the file is within 5% of 2 MB.
  const TARGET = 2_000_000;
  let pad = TARGET;
  let bytes: Uint8Array = new Uint8Array();
  for (let i = 0; i < 6 && Math.abs(bytes.length - TARGET) > TARGET * 0.05; i++) {
    if (bytes.length) pad = Math.round((pad * TARGET) / bytes.length);
    bytes = await composePdf({
      title: 'Letter from Hikvision to BSCC',
      paragraphs: letter.split(/\n\s*\n/),
      minPages: 30,
      padToBytes: pad,
      date: new Date(Date.UTC(2024, 0, 12)),
    });
  }
  const extractor = new PdfTextExtractor();
  const where = { url: 'bench://letter.pdf', source: 'bench' };
  const times: number[] = [];
  const hashes: number[] = [];
  let pages = 0;
  let characters = 0;
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const out = await extractor.extract(bytes, where);
    times.push(performance.now() - t);
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    pages = out.pages;
    characters = out.text.length;
    const h = performance.now();
    createHash('sha256').update(bytes).digest('hex');
    hashes.push(performance.now() - h);
  }
  const bundled = await build({
    stdin: { contents: "export * from 'unpdf';", resolveDir: root },
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return {
    bytes: bytes.length,
    pages,
    characters,
    extractMsP50: percentile(times, 50),
    hashMsP50: percentile(hashes, 50),
    heapMb: (heapPeak - heapBefore) / 1024 / 1024,
    unpdfBundleBytes: bundled.outputFiles.reduce((n, f) => n + f.contents.length, 0),
  };
}

export function pdfSection(p: PdfFigure): string[] {
  return [
    '## PDF letters',
    '',
    `One composed PDF of ${(p.bytes / 1e6).toFixed(1)} MB and ${p.pages} pages (the size of a long GOV.UK attachment)` +
      `: text extraction (unpdf, pdf.js) median **${p.extractMsP50.toFixed(0)} ms** for ${p.characters} characters, ` +
      `heap growth ${p.heapMb.toFixed(0)} MB; hashing the same bytes (a watcher that compares files without ` +
      `reading them) ${p.hashMsP50.toFixed(1)} ms. A PDF is read only when its address or size changes, so an ` +
      `unchanged cycle reads none. unpdf bundled and minified: ${(p.unpdfBundleBytes / 1024).toFixed(0)} KB, ` +
      'loaded on the first PDF only (a dynamic import).',
    '',
  ];
}
