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
