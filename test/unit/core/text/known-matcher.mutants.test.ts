/**
 * The matcher's text features seen through its similarity: one known letter, text only, so a pair
 * with the same stems scores as a text against itself and a pair without scores less.
 */
import { matchKnown, type KnownLetter } from '../../../../lambdas/core/text/known-matcher';

const letter = (text: string, over: Partial<KnownLetter> = {}): KnownLetter => ({
  id: 'k1',
  title: 'A note',
  text,
  date: null,
  from: '',
  to: '',
  ...over,
});
const sim = (candidate: string, known: string) =>
  matchKnown({ title: 'A note', text: candidate }, [letter(known)], { textOnly: true }).similarity;

describe('stems: words that are one stem', () => {
  it.each([
    ['colour', 'color'],
    ['organisation', 'organization'],
    ['policies', 'policy'],
    ['dies', 'die'],
    ['engaging', 'engage'],
    ['brings', 'bring'],
    ['voted', 'vote'],
    ['sheds', 'shed'],
    ['boxes', 'box'],
    ['churches', 'church'],
    ['wishes', 'wish'],
    ['buzzes', 'buzz'],
    ['notes', 'note'],
    ['installers', 'installer'],
    ['quickly', 'quick'],
  ])('%s and %s', (a, b) => {
    expect(sim(`zebra ${a}`, `zebra ${b}`)).toBe(1);
  });
});

describe('stems: words that stay apart', () => {
  it.each([
    ['bring', 'br'],
    ['shed', 'sh'],
    ['gas', 'ga'],
    ['holly', 'hol'],
    ['class', 'clas'],
    ['status', 'statu'],
    ['analysis', 'analysi'],
    ['a1s', 'a1'],
    ['ties', 'ty'],
    ['engaging', 'engagingly'],
  ])('%s and %s', (a, b) => {
    expect(sim(`zebra ${a}`, `zebra ${b}`)).toBeLessThan(1);
  });
});

describe('tokens and terms', () => {
  it('drops stop words whatever their case, and single letters, but keeps single digits', () => {
    expect(sim('The zebra', 'zebra')).toBe(1);
    expect(sim('zebra x', 'zebra y')).toBe(1);
    expect(sim('zebra 7', 'zebra 8')).toBeLessThan(1);
    expect(sim('x', 'y')).toBe(0);
  });

  it('counts word pairs, so the same words in another order are less alike', () => {
    expect(sim('alpha beta', 'alpha beta')).toBe(1);
    expect(sim('alpha beta', 'beta alpha')).toBeLessThan(1);
    expect(sim('alpha beta', 'beta alpha')).toBeGreaterThan(0.5);
  });

  it('two-letter words and boilerplate count as terms but not as distinctive words; numbers do', () => {
    expect(sim('ab cd', 'ab cd')).toBe(0.5);
    expect(sim('dear sincerely', 'dear sincerely')).toBe(0.5);
    expect(sim('12', '12')).toBe(1);
  });

  it('boilerplate weighs less than content in the cosine', () => {
    // Same content word, different boilerplate: far closer than same boilerplate, different content.
    expect(sim('zebra dear', 'zebra sincerely')).toBeGreaterThan(sim('dear zebra', 'dear lion'));
  });

  it('a repeated term weighs more, but less than in proportion', () => {
    const once = sim('zebra lion', 'zebra');
    const twice = sim('zebra zebra lion', 'zebra');
    expect(twice).toBeGreaterThan(once);
    expect(twice).toBeLessThan(1);
  });
});

describe('matching by URL', () => {
  const byUrl = (candidate: string, known: string) =>
    matchKnown({ title: 'A note', text: 'lion', url: candidate }, [letter('zebra', { url: known })]);

  it('ignores scheme, case, query, fragment and trailing slashes', () => {
    expect(byUrl('HTTPS://Example.org/a//?x=1#f', ' http://example.org/a ')).toEqual({
      match: 'k1',
      similarity: 1,
      thread: null,
    });
  });

  it('is no match when the paths differ, even by a scheme inside the path', () => {
    expect(byUrl('https://example.org/ab', 'https://example.org/a').match).toBeNull();
    expect(byUrl('https://example.org/a', 'https://example.org/https://a').match).toBeNull();
    expect(byUrl('https://example.org/a', 'https://other.org/a').match).toBeNull();
  });
});

describe('choosing the best known letter', () => {
  it('returns the most similar letter, the first of equals, and only at or above the threshold', () => {
    const known = [letter('lion tiger', { id: 'k1' }), letter('zebra giraffe', { id: 'k2' })];
    const m = matchKnown({ title: 'A note', text: 'zebra giraffe' }, known, { textOnly: true });
    expect(m.match).toBe('k2');
    expect(
      matchKnown({ title: 'A note', text: 'zebra giraffe' }, known, { textOnly: true, threshold: m.similarity }).match,
    ).toBe('k2');
    expect(
      matchKnown({ title: 'A note', text: 'zebra giraffe' }, known, { textOnly: true, threshold: m.similarity + 0.001 })
        .match,
    ).toBeNull();
    const twins = [letter('zebra giraffe', { id: 'k1' }), letter('zebra giraffe', { id: 'k2' })];
    expect(matchKnown({ title: 'A note', text: 'zebra giraffe' }, twins, { textOnly: true }).match).toBe('k1');
  });

  it('distinctive words are those no other known letter has', () => {
    // Against one known letter alone, "zebra" is distinctive; beside another that has it, it is not.
    const alone = matchKnown({ title: 'A note', text: 'zebra' }, [letter('zebra lion')], { textOnly: true });
    const shared = matchKnown(
      { title: 'A note', text: 'zebra' },
      [letter('zebra lion'), letter('zebra', { id: 'k2' })],
      {
        textOnly: true,
      },
    );
    expect(alone.similarity).toBeGreaterThan(0.5);
    expect(shared.match).toBe('k2');
  });
});

describe('letter facts as evidence', () => {
  // Text alone: "zebra giraffe lion" against "zebra giraffe tiger" scores 0.52.
  const TITLE = 'Letter from BSCC to Hikvision 21 March 2022';
  const against = (over: Partial<KnownLetter>, text = 'zebra giraffe lion', options = {}) =>
    matchKnown({ title: TITLE, text }, [letter('zebra giraffe tiger', { title: 'x', ...over })], options);

  it('scores the text alone when told to', () => {
    expect(against({ from: 'BSCC', to: 'Hikvision', date: '2022-03-21' }, undefined, { textOnly: true })).toEqual({
      match: 'k1',
      similarity: 0.52,
      thread: 'bscc--hikvision',
    });
  });

  it('the same date and direction pull the score a quarter of the way to 1', () => {
    expect(against({ from: 'BSCC', to: 'Hikvision', date: '2022-03-21' }).similarity).toBe(0.64);
  });

  it('a reply (the direction reversed) is down by 30 %', () => {
    expect(against({ from: 'Hikvision', to: 'BSCC', date: '2022-03-21' }).similarity).toBe(0.364);
  });

  it('a different known date halves the score and holds it under the threshold', () => {
    expect(against({ from: 'BSCC', to: 'Hikvision', date: '2022-03-22' }).similarity).toBe(0.26);
    expect(against({ date: '2022-03-22' }, 'zebra giraffe tiger')).toEqual({
      match: null,
      similarity: 0.3,
      thread: 'bscc--hikvision',
    });
    expect(against({ date: '2022-03-22' }, 'zebra giraffe tiger', { threshold: 1 }).similarity).toBe(0.5);
  });

  it('the index’s date comes first; the known letter’s own title only when the index has none', () => {
    const dated = { from: 'BSCC', to: 'Hikvision', title: 'Letter 22 March 2022' };
    expect(against({ ...dated, date: '2022-03-21' }).similarity).toBe(0.64);
    expect(against({ ...dated, date: null }).similarity).toBe(0.26);
  });

  it('without a known direction there is no nudge', () => {
    expect(against({ date: '2022-03-21' }).similarity).toBe(0.52);
  });

  it('an index phrase naming two parties says nothing about who wrote', () => {
    expect(against({ from: 'Hikvision, BSCC', to: 'BSCC', date: '2022-03-21' }).similarity).toBe(0.52);
    expect(against({ from: 'Hikvision', to: 'BSCC, Hikvision', date: '2022-03-21' }).similarity).toBe(0.52);
  });

  it('an unthreaded candidate takes the matched letter’s thread, none when it writes to itself', () => {
    const plain = (over: Partial<KnownLetter>) =>
      matchKnown({ title: 'A note', text: 'zebra giraffe lion' }, [letter('zebra giraffe tiger', over)]);
    expect(plain({ from: 'BSCC', to: 'Hikvision' }).thread).toBe('bscc--hikvision');
    expect(plain({ from: 'Hikvision', to: 'BSCC' }).thread).toBe('bscc--hikvision');
    expect(plain({ from: 'BSCC', to: 'BSCC' }).thread).toBeNull();
    expect(plain({ from: 'BSCC', to: '' }).thread).toBeNull();
    expect(matchKnown({ title: 'A note', text: 'lion' }, [letter('zebra', { from: 'BSCC', to: 'Hikvision' })])).toEqual(
      { match: null, similarity: 0, thread: null },
    );
  });

  it('a URL match takes the known letter’s thread when the candidate has none', () => {
    expect(
      matchKnown({ title: 'A note', text: 'lion', url: 'https://e.org/a' }, [
        letter('zebra', { from: 'Hikvision', to: 'BSCC', url: 'https://e.org/a' }),
      ]),
    ).toEqual({ match: 'k1', similarity: 1, thread: 'bscc--hikvision' });
  });
});

describe('texts with little to compare', () => {
  it('a text with no words is like nothing, not even itself', () => {
    expect(sim('!!! ???', '!!! ???')).toBe(0);
    expect(sim('', 'zebra')).toBe(0);
  });

  it('a word another known letter also has is not distinctive of either', () => {
    // "zebra" is in both known letters, so only "lion" could be distinctive, and neither has it.
    const m = matchKnown(
      { title: 'A note', text: 'zebra lion' },
      [letter('zebra tiger', { id: 'k1' }), letter('zebra', { id: 'k2' })],
      { textOnly: true },
    );
    expect(m.match).toBeNull();
    expect(m.similarity).toBeLessThan(0.3);
  });
});
