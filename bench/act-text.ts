/**
 * A text the size of an Act (~1 MB): parts, numbered sections and subsections, one paragraph a
 * line as html-to-text gives them, worded from the real fixtures' vocabulary. Deterministic, so
 * every run diffs the same texts. Plus the two edits the diff benchmark times.
 */
import { pick, seededRandom } from './measure';
import { sentence, realVocabulary } from './vocabulary';

export function actText(targetChars = 1_000_000, seed = 1978): string[] {
  const random = seededRandom(seed);
  const words = realVocabulary();
  const lines: string[] = [];
  let size = 0;
  let part = 0;
  let section = 0;
  while (size < targetChars) {
    if (section % 40 === 0) lines.push(`PART ${++part} ${sentence(random, words, 2, 5).toUpperCase()}`);
    section++;
    lines.push(`${section} ${sentence(random, words, 3, 8).replace(/\.$/, '')}`);
    const subsections = 1 + Math.floor(random() * 5);
    for (let s = 1; s <= subsections; s++) {
      const body = Array.from({ length: 1 + Math.floor(random() * 3) }, () => sentence(random, words)).join(' ');
      lines.push(`(${s}) ${body}`);
      if (random() < 0.2)
        for (const letter of ['a', 'b', 'c'].slice(0, 1 + Math.floor(random() * 3)))
          lines.push(`(${letter}) ${sentence(random, words, 5, 15)}`);
    }
    size = lines.reduce((n, l) => n + l.length + 1, 0);
  }
  return lines;
}

export interface DiffCase {
  name: string;
  before: string;
  after: string;
}

/** One subsection in the middle reworded; and 30 % of all lines replaced by new text. */
export function diffCases(): DiffCase[] {
  const lines = actText();
  const random = seededRandom(2024);
  const words = realVocabulary();
  const before = lines.join('\n');
  const oneEdit = [...lines];
  const middle = Math.floor(lines.length / 2);
  oneEdit[middle] =
    `${lines[middle].split(' ')[0]} ${Array.from({ length: 3 }, () => sentence(random, words)).join(' ')}`;
  const rewrite = lines.map((line) =>
    random() < 0.3 ? `${line.split(' ')[0]} ${sentence(random, words)} ${pick(random, words)}` : line,
  );
  return [
    { name: 'one-paragraph edit', before, after: oneEdit.join('\n') },
    { name: '30 % rewrite', before, after: rewrite.join('\n') },
  ];
}
