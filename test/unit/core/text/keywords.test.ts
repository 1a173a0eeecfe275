import { defaultKeywords, findKeywords } from '../../../../lambdas/core/text/keywords';

describe('findKeywords', () => {
  it.each([
    ['plain', 'Cameras made by Hikvision are used', 'Hikvision'],
    ['case-insensitive', 'a HIKVISION camera', 'Hikvision'],
    ['regular plural -s', 'thousands of surveillance cameras', 'surveillance camera'],
    ['hyphen and plural', 'new surveillance-cameras installed', 'surveillance camera'],
    ['hyphenated two-word term', 'facial-recognition vans', 'facial recognition'],
    ['no-space variant', 'its facialrecognition product', 'facial recognition'],
    ['acronym plural', 'council CCTVs were replaced', 'CCTV'],
    ['word at the end of a sentence', 'the camps in Xinjiang.', 'Xinjiang'],
    ['plural -es', 'two key witnesses', 'witness'],
    ['debar', 'powers to debar suppliers', 'debar'],
    ['debarred', 'the supplier was debarred in 2025', 'debar'],
    ['debarment', 'added to the debarment list', 'debar'],
    ['debarring', 'a decision debarring the supplier', 'debar'],
  ])('finds %s', (_name, text, term) => {
    expect(findKeywords(text, [term]).map((h) => h.term)).toEqual([term]);
  });

  it.each([
    ['debar inside sidebar', 'see the sidebar for details', 'debar'],
    ['CCTV inside CCTVX', 'the CCTVX product line', 'CCTV'],
    ['Tibet inside Tibetan', 'Tibetan monasteries', 'Tibet'],
    ['Dahua after a letter', 'xDahua', 'Dahua'],
    ['half of a two-word term', 'surveillance of cameras', 'surveillance camera'],
  ])('does not fire on %s', (_name, text, term) => {
    expect(findKeywords(text, [term])).toEqual([]);
  });

  it('gives one hit per term with the first occurrence in context, "…" where cut', () => {
    const text = `${'word '.repeat(40)}Hikvision first mention here ${'filler '.repeat(40)}Hikvision again`;
    const hits = findKeywords(text, ['Hikvision', 'Dahua']);
    expect(hits).toHaveLength(1);
    expect(hits[0].excerpt).toMatch(/^….*Hikvision first mention here.*…$/);
    expect(hits[0].excerpt.length).toBeLessThanOrEqual(82);
  });

  it('does not cut the excerpt when the text is short', () => {
    expect(findKeywords('Ban Hikvision now', ['hikvision'])).toEqual([
      { term: 'hikvision', excerpt: 'Ban Hikvision now' },
    ]);
  });

  it('finds the default terms in a real letter', () => {
    const text = 'abhorrent treatment of Uyghur Muslims in Xinjiang … the CCTV User Group … facial recognition';
    expect(findKeywords(text, defaultKeywords).map((h) => h.term)).toEqual([
      'CCTV',
      'facial recognition',
      'Xinjiang',
      'Uyghur',
    ]);
    expect(defaultKeywords).toEqual(
      expect.arrayContaining(['Hikvision', 'Dahua', 'surveillance camera', 'Tibet', 'national security', 'debar']),
    );
  });
});

describe('findKeywords, edges', () => {
  it('counts a term given twice, in any case or spacing, once', () => {
    const hits = findKeywords('Hikvision cameras', ['Hikvision', ' hikvision ', 'HIKVISION']);
    expect(hits.map((h) => h.term)).toEqual(['Hikvision']);
  });

  it('searches terms that differ only once upper-cased as two terms', () => {
    // "Straße" and "Strasse" are one word in upper case (STRASSE) but two to a case-insensitive search.
    const hits = findKeywords('Straße, also written Strasse', ['Straße', 'Strasse']);
    expect(hits.map((h) => h.term)).toEqual(['Straße', 'Strasse']);
  });

  it('ignores a blank term or one made only of joiners', () => {
    expect(findKeywords('a - b', ['', '   ', '-', '\u2013'])).toEqual([]);
  });

  it('matches a term written with any joiner between its words', () => {
    for (const text of ['facial recognition', 'facial  recognition', 'facial\u2013recognition', 'facial\nrecognition'])
      expect(findKeywords(text, ['facial recognition'])).toHaveLength(1);
  });

  it('takes regex characters in a term literally', () => {
    expect(findKeywords('section 2(1) applies', ['2(1)']).map((h) => h.excerpt)).toEqual(['section 2(1) applies']);
    expect(findKeywords('section 21 applies', ['2(1)'])).toEqual([]);
    expect(findKeywords('a.b', ['a.b'])).toHaveLength(1);
    expect(findKeywords('axb', ['a.b'])).toEqual([]);
  });

  it('gives a term ending in a digit no inflection', () => {
    expect(findKeywords('the G7 summit', ['G7'])).toHaveLength(1);
    expect(findKeywords('the G7s summit', ['G7'])).toEqual([]);
  });

  it('does not take other endings as an inflection', () => {
    expect(findKeywords('the CCTVed street', ['CCTV'])).toHaveLength(1);
    expect(findKeywords('a debars list', ['debar'])).toHaveLength(1);
    expect(findKeywords('debarrment', ['debar'])).toEqual([]);
    expect(findKeywords('Tibetans', ['Tibet'])).toEqual([]);
  });

  it('cuts the excerpt at word boundaries on both sides, about excerptChars long', () => {
    const text = 'alpha beta gamma delta Hikvision epsilon zeta eta theta';
    const [hit] = findKeywords(text, ['Hikvision'], 30);
    expect(hit.excerpt).toBe('…delta Hikvision epsilon…');
  });

  it('keeps the whole text when it fits, and folds its whitespace', () => {
    expect(findKeywords('Ban\n\tHikvision  now', ['Hikvision'], 80)).toEqual([
      { term: 'Hikvision', excerpt: 'Ban Hikvision now' },
    ]);
  });

  it('marks only the side that was cut', () => {
    const text = `Hikvision ${'x '.repeat(60)}end`;
    const [start] = findKeywords(text, ['Hikvision'], 20);
    expect(start.excerpt.startsWith('Hikvision')).toBe(true);
    expect(start.excerpt.endsWith('…')).toBe(true);
    const [end] = findKeywords(`${'x '.repeat(60)}Hikvision`, ['Hikvision'], 20);
    expect(end.excerpt.startsWith('…')).toBe(true);
    expect(end.excerpt.endsWith('Hikvision')).toBe(true);
  });

  it('ends the excerpt at the hit when the word after it runs past the cut', () => {
    // The only space in the tail is right after the hit: cutting there beats ending on half a word.
    const [hit] = findKeywords('Ban Hikvision supercalifragilistic', ['Hikvision'], 20);
    expect(hit.excerpt).toBe('Ban Hikvision…');
  });

  it('never starts or ends the excerpt with whitespace', () => {
    expect(findKeywords('  Hikvision cameras ', ['Hikvision'])[0].excerpt).toBe('Hikvision cameras');
    // The cut before the hit lands in a run of spaces: the excerpt starts at the word, not at a space.
    const [hit] = findKeywords('alphabet   Hikvision omega', ['Hikvision'], 21);
    expect(hit.excerpt).toBe('…Hikvision omega');
  });

  it('keeps the hit itself when it is longer than the excerpt', () => {
    const [hit] = findKeywords('one two surveillance cameras three four', ['surveillance camera'], 5);
    expect(hit.excerpt).toBe('…surveillance cameras…');
  });
});
