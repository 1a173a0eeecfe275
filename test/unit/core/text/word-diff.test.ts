import fc from 'fast-check';
import type { DiffOp } from '../../../../lambdas/core/model';
import { diffSummary, diffWords, renderDiffPlain } from '../../../../lambdas/core/text/word-diff';

const side = (ops: DiffOp[], skip: DiffOp['op']) =>
  ops
    .filter((o) => o.op !== skip)
    .map((o) => o.text)
    .join('');

function expectWellFormed(ops: DiffOp[], before: string, after: string): void {
  expect(side(ops, 'insert')).toBe(before);
  expect(side(ops, 'delete')).toBe(after);
  ops.forEach((o, i) => {
    expect(o.text).not.toBe('');
    if (i > 0) expect(o.op).not.toBe(ops[i - 1].op);
  });
}

describe('diffWords', () => {
  it.each<[string, string, string, DiffOp[]]>([
    ['identical', 'same text', 'same text', [{ op: 'equal', text: 'same text' }]],
    ['both empty', '', '', []],
    ['all inserted', '', 'new text', [{ op: 'insert', text: 'new text' }]],
    ['all deleted', 'old text', '', [{ op: 'delete', text: 'old text' }]],
    [
      'one word replaced',
      'a kangaroo trial by the media',
      'a kangaroo court by the media',
      [
        { op: 'equal', text: 'a kangaroo ' },
        { op: 'delete', text: 'trial' },
        { op: 'insert', text: 'court' },
        { op: 'equal', text: ' by the media' },
      ],
    ],
    [
      'neighbouring words replaced as one change',
      'precise precise questions',
      'detailed specific questions',
      [
        { op: 'delete', text: 'precise precise' },
        { op: 'insert', text: 'detailed specific' },
        { op: 'equal', text: ' questions' },
      ],
    ],
    [
      'a line added between unchanged lines',
      'Dear Justin,\nYours sincerely\n',
      'Dear Justin,\nThank you.\nYours sincerely\n',
      [
        { op: 'equal', text: 'Dear Justin,\n' },
        { op: 'insert', text: 'Thank you.\n' },
        { op: 'equal', text: 'Yours sincerely\n' },
      ],
    ],
  ])('%s', (_name, before, after, expected) => {
    expect(diffWords(before, after)).toEqual(expected);
  });

  it('reconstructs both sides for any pair of texts (property)', () => {
    const word = fc.constantFrom(
      'the',
      'Act',
      'section',
      '1',
      'shall',
      'may',
      'Hikvision',
      ',',
      '.',
      ' ',
      '\n',
      '  ',
      '\n\n',
      'é',
      '—',
    );
    const text = fc.array(word, { maxLength: 60 }).map((ws) => ws.join(''));
    fc.assert(
      fc.property(text, text, (before, after) => {
        expectWellFormed(diffWords(before, after), before, after);
      }),
      { numRuns: 500 },
    );
  });

  it('reconstructs both sides for arbitrary unicode strings (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        (before, after) => {
          expectWellFormed(diffWords(before, after), before, after);
        },
      ),
      { numRuns: 300 },
    );
  });

  describe('on a large generated text', () => {
    const paragraphs = generateParagraphs(3000, 42);
    const before = paragraphs.join('\n');

    it('finds a paragraph edit inside it word by word', () => {
      const edited = [...paragraphs];
      edited[1500] = edited[1500].replace(/^(\S+ \S+ )\S+/, '$1REPLACED');
      const after = edited.join('\n');
      const ops = diffWords(before, after);
      expectWellFormed(ops, before, after);
      expect(ops.filter((o) => o.op !== 'equal')).toEqual([
        { op: 'delete', text: paragraphs[1500].split(' ')[2] },
        { op: 'insert', text: 'REPLACED' },
      ]);
      expect(diffSummary(ops)).toEqual({ inserted: 1, deleted: 1 });
    });

    it('stays exact on a rewrite of 30 % of the paragraphs (about 1 MB)', () => {
      const big = generateParagraphs(6000, 7);
      const random = mulberry32(99);
      let changed = 0;
      const rewritten = big.map((p) => {
        if (random() >= 0.3) return p;
        changed++;
        return generateParagraphs(1, Math.floor(random() * 1e9))[0];
      });
      const [a, b] = [big.join('\n'), rewritten.join('\n')];
      expect(a.length).toBeGreaterThan(800_000);
      const ops = diffWords(a, b);
      expectWellFormed(ops, a, b);
      expect(changed).toBeGreaterThan(1500);
    });
  });
});

describe('diffSummary', () => {
  it('counts inserted and deleted words, not spaces or punctuation', () => {
    const ops: DiffOp[] = [
      { op: 'equal', text: 'It is ' },
      { op: 'delete', text: 'precise and precise' },
      { op: 'insert', text: 'detailed, specific' },
      { op: 'equal', text: ' questions' },
      { op: 'insert', text: ' — ' },
    ];
    expect(diffSummary(ops)).toEqual({ inserted: 2, deleted: 3 });
  });
});

describe('renderDiffPlain', () => {
  const words = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `w${from + i}`).join(' ');

  it.each<[string, DiffOp[], number, string]>([
    ['nothing changed', [{ op: 'equal', text: 'all the same' }], 12, ''],
    ['short context kept whole', diffWords('a b c d', 'a b X d'), 12, 'a b [-c-]{+X+} d'],
    [
      'long unchanged text elided around the change',
      diffWords(`${words(0, 30)} old ${words(30, 60)}`, `${words(0, 30)} new ${words(30, 60)}`),
      3,
      '… w27 w28 w29 [-old-]{+new+} w30 w31 w32 …',
    ],
    [
      'unchanged text between two changes elided in its middle',
      diffWords(`A ${words(0, 20)} B`, `X ${words(0, 20)} Y`),
      2,
      '[-A-]{+X+} w0 w1 … w18 w19 [-B-]{+Y+}',
    ],
  ])('%s', (_name, ops, context, expected) => {
    expect(renderDiffPlain(ops, context)).toBe(expected);
  });
});

/** Paragraphs of pseudo-words with a Zipf-like frequency, like legal text: common words repeat, rare ones do not. */
function generateParagraphs(count: number, seed: number): string[] {
  const random = mulberry32(seed);
  const word = () => `w${Math.floor(random() ** 3 * 20000).toString(36)}`;
  return Array.from(
    { length: count },
    () => `${Array.from({ length: 10 + Math.floor(random() * 50) }, word).join(' ')}.`,
  );
}

function mulberry32(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
