/**
 * Writes the composed PDFs the demo and the tests serve (`npm run fixtures:pdf`), from the letter
 * texts in test/fixtures/letters: the same inputs always give the same bytes, so a re-run changes
 * nothing that is committed. Review the result as for any fixture (test/fixtures/README.md).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composePdf } from './compose-pdf';

const ROOT = join(__dirname, '..', '..');
const LETTERS = join(ROOT, 'test', 'fixtures', 'letters');
const OUT = join(ROOT, 'test', 'fixtures', 'pdf');

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

async function main(): Promise<void> {
  const letter = readFileSync(join(LETTERS, '2024-01-12-hikvision-to-bscc.pdf-letter.txt'), 'utf8');
  const title = 'Letter from Hikvision to the Biometrics and Surveillance Camera Commissioner, 12 January 2024';
  const files: [string, Promise<Uint8Array>][] = [
    ['composed_hikvision-to-bscc-2024-01-12.pdf', composePdf({ title, paragraphs: paragraphs(letter) })],
    [
      'composed_hikvision-to-bscc-2024-01-12_reissued.pdf',
      composePdf({ title, paragraphs: paragraphs(letter.replace('in the summer', 'in the autumn')) }),
    ],
    [
      'composed_bscc-to-hikvision-2022-03-21.pdf',
      composePdf({
        title: 'Letter from BSCC to Hikvision 21 March 2022',
        paragraphs: paragraphs(
          readFileSync(join(ROOT, 'data', 'known-correspondence', '2022-03-21-bscc-to-hikvision.txt'), 'utf8'),
        ),
      }),
    ],
    [
      'composed_scanned-letter.pdf',
      composePdf({ title: 'Scanned letter', paragraphs: [], scanOnly: true, minPages: 2 }),
    ],
  ];
  for (const [name, bytes] of files) {
    writeFileSync(join(OUT, name), await bytes);
    process.stdout.write(`wrote test/fixtures/pdf/${name}\n`);
  }
}

void main();
