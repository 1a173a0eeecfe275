import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MATCH_THRESHOLD, matchKnown, type KnownLetter } from '../../../../lambdas/core/text/known-matcher';

const knownDir = join(__dirname, '../../../../data/known-correspondence');
const index = JSON.parse(readFileSync(join(knownDir, 'index.json'), 'utf8')) as {
  letters: { id: string; file: string; title: string; date: string | null; from: string; to: string; url?: string }[];
};
const known: KnownLetter[] = index.letters.map((l) => ({
  id: l.id,
  title: l.title,
  text: readFileSync(join(knownDir, l.file), 'utf8'),
  date: l.date,
  from: l.from,
  to: l.to,
  url: l.url,
}));
const byId = (id: string) => known.find((k) => k.id === id)!;
const composed = (file: string) => readFileSync(join(__dirname, '../../../fixtures/letters', file), 'utf8');

const official = {
  title: 'Letter from Hikvision to the Biometrics and Surveillance Camera Commissioner, 10 August 2021',
  text: composed('2021-08-10-hikvision-to-bscc.official.txt'),
};
const different = {
  title: 'Letter from the Biometrics and Surveillance Camera Commissioner to Hikvision, 4 September 2023',
  text: composed('2023-bscc-to-hikvision-different-letter.txt'),
};

/** Layout and typography only: what a re-publication changes without changing the letter. */
const restyled = (text: string) =>
  text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/–/g, '-').replace(/\n/g, '\n\n').replace(/ /g, '  ');

// Margins keep the threshold off a knife-edge: matches clear it by 0.1, non-matches stay 0.1 under.
const matches = MATCH_THRESHOLD + 0.1;
const misses = MATCH_THRESHOLD - 0.1;

describe('matchKnown', () => {
  it.each(known.map((k) => [k.id, k]))('matches %s to itself and to a restyled copy of itself', (_id, k) => {
    for (const text of [k.text, restyled(k.text)]) {
      const result = matchKnown({ title: k.title, text }, known);
      expect(result.match).toBe(k.id);
      expect(result.similarity).toBeGreaterThanOrEqual(matches);
    }
  });

  it('matches the official wording of the 2021-08-10 letter to the re-worded third-party copy', () => {
    const result = matchKnown(official, known);
    expect(result).toEqual({
      match: '2021-08-10-hikvision-to-bscc',
      similarity: expect.any(Number),
      thread: 'bscc--hikvision',
    });
    expect(result.similarity).toBeGreaterThanOrEqual(matches);
    // The text alone, without the date as evidence, must already clear the margin.
    expect(matchKnown(official, known, { textOnly: true }).similarity).toBeGreaterThanOrEqual(matches);
  });

  it('does not match a different BSCC → Hikvision letter sharing names, themes and sign-off', () => {
    const result = matchKnown(different, known);
    expect(result).toEqual({ match: null, similarity: expect.any(Number), thread: 'bscc--hikvision' });
    expect(result.similarity).toBeLessThanOrEqual(misses);
    expect(matchKnown(different, known, { textOnly: true }).similarity).toBeLessThanOrEqual(misses);
    // Not even against the one letter in the same direction, with the date left out.
    expect(
      matchKnown(different, [byId('2022-03-21-bscc-to-hikvision')], { textOnly: true }).similarity,
    ).toBeLessThanOrEqual(misses);
  });

  it.each([
    ['free-tibet-to-hikvision-uk', '2022-03-21-bscc-to-hikvision'],
    ['2022-03-21-bscc-to-hikvision', 'free-tibet-to-hikvision-uk'],
    ['2021-08-10-hikvision-to-bscc', '2022-03-21-bscc-to-hikvision'],
    ['free-tibet-to-hikvision-uk', '2021-08-10-hikvision-to-bscc'],
  ])('does not match %s to %s', (candidateId, knownId) => {
    const candidate = byId(candidateId);
    for (const options of [{}, { textOnly: true }]) {
      const result = matchKnown(candidate, [byId(knownId)], options);
      expect(result.match).toBeNull();
      expect(result.similarity).toBeLessThanOrEqual(misses);
    }
  });

  it('keeps unrelated GOV.UK text far below the threshold', () => {
    const unrelated = {
      title: 'Environmental permit application',
      text: 'The Environment Agency has received a new bespoke application for an environmental permit from Mr Derek Mears. Septic tank and infiltration system, 4.2 cubic metres per day.',
    };
    const result = matchKnown(unrelated, known);
    expect(result).toEqual({ match: null, similarity: expect.any(Number), thread: null });
    expect(result.similarity).toBeLessThan(0.3);
  });

  it('matches on the URL whatever the text says', () => {
    const k = byId('2022-03-21-bscc-to-hikvision');
    const result = matchKnown(
      { title: 'Changed page', text: 'Entirely new wording.', url: `${k.url!.replace('https', 'http')}/?utm=1` },
      known,
    );
    expect(result).toEqual({ match: k.id, similarity: 1, thread: 'bscc--hikvision' });
  });

  it('reports the matched letter’s thread when the candidate names no correspondents', () => {
    const k = byId('2021-08-10-hikvision-to-bscc');
    const body = k.text
      .split('\n')
      .filter((l) => l.length > 80)
      .join('\n');
    const result = matchKnown({ title: 'Untitled', text: body }, known);
    expect(result.match).toBe(k.id);
    expect(result.thread).toBe('bscc--hikvision');
  });

  it('returns no match against an empty known set', () => {
    expect(matchKnown(official, [])).toEqual({ match: null, similarity: 0, thread: 'bscc--hikvision' });
  });
});
