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
