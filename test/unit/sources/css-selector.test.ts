/**
 * The config's selector check against the engine that will run the selectors: for every pseudo-class
 * the engine knows, with each kind of argument, and for malformed selectors, the check and
 * cheerio-select (the engine behind cheerio's `.find`) give the same verdict.
 */
import { select } from 'cheerio-select';
import { aliases, filters, pseudos } from 'css-select';
import { PSEUDO_CLASSES, selectorProblem } from '../../../lambdas/sources/css-selector';

const engineAccepts = (selector: string): boolean => {
  try {
    select(selector, []);
    return true;
  } catch {
    return false;
  }
};

describe('selectorProblem', () => {
  it("knows every pseudo-class the engine's tables hold, and no other", () => {
    const engine = [...Object.keys(filters), ...Object.keys(pseudos), ...Object.keys(aliases)];
    const ours = [...PSEUDO_CLASSES.keys()];
    expect(engine.filter((name) => !PSEUDO_CLASSES.has(name))).toEqual([]);
    // Beyond those tables: the selector pseudo-classes css-select compiles itself, and jQuery's positionals.
    const beyond = ours.filter((name) => !engine.includes(name)).sort();
    expect(beyond).toEqual([
      'eq',
      'even',
      'first',
      'gt',
      'has',
      'is',
      'last',
      'lt',
      'matches',
      'not',
      'nth',
      'odd',
      'where',
    ]);
  });

  const args = ['', '()', '(1)', '(b)', '(2n+1)', '(x)', '(:bogus)', '(a, .b)'];
  const cases = [...PSEUDO_CLASSES.keys(), 'bogus'].flatMap((name) => args.map((arg) => `td:${name}${arg}`));
  it.each(cases)('gives the engine’s verdict on %s', (selector) => {
    expect(selectorProblem(selector) === null).toBe(engineAccepts(selector));
  });

  it.each([
    'table[class',
    'td:nth-child(x)',
    'a::before',
    'a:not(:bogus)',
    'div > > p',
    'a[href^="/latest/"]',
    'article.news-teaser a',
    'table.govuk-table tbody tr:not(:first-child)',
    '',
    ',',
  ])('gives the engine’s verdict on the selector "%s"', (selector) => {
    expect(selectorProblem(selector) === null).toBe(engineAccepts(selector));
  });

  it('says why, in the engine’s words', () => {
    expect(selectorProblem('a:bogus')).toBe('is not a CSS selector this tool can use (Unknown pseudo-class :bogus)');
    expect(selectorProblem('td:nth-child(x)')).toMatch(/n-th rule couldn't be parsed/);
  });
});
