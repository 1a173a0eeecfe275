/**
 * A CSS selector in the watchlist, checked when the configuration loads: a typo is a config error
 * naming the source and the line, not a parse failure at 3 a.m. on every run.
 *
 * Read by css-what (the parser inside cheerio's engine) and checked against the pseudo-classes that
 * engine (css-select, with cheerio-select's jQuery positionals) accepts, with the same arguments. Not
 * compiled by the engine itself: every handler validates the config, and css-select would bring the
 * DOM utilities and HTML entity tables into each (issue 17, about 80 KB a bundle). A unit test holds
 * this table to the engine's own verdicts, so an upgrade that changes them fails there.
 */
import { parse, SelectorType, type Selector } from 'css-what';
import nthCheck from 'nth-check';
import * as z from 'zod';

/** What a pseudo-class takes between its parentheses. */
type Argument = 'anything' | 'nothing' | 'text' | 'nth' | 'selector';

const rule = (names: string[], argument: Argument) => names.map((n) => [n, argument] as const);
export const PSEUDO_CLASSES: ReadonlyMap<string, Argument> = new Map([
  ...rule(['first', 'last', 'eq', 'nth', 'gt', 'lt', 'even', 'odd'], 'anything'),
  ...rule(['contains', 'root', 'scope', 'hover', 'visited', 'active'], 'anything'),
  ...rule(['icontains'], 'text'),
  ...rule(['nth-child', 'nth-last-child', 'nth-of-type', 'nth-last-of-type'], 'nth'),
  ...rule(['is', 'matches', 'not', 'where', 'has'], 'selector'),
  ...rule(
    ['empty', 'first-child', 'last-child', 'first-of-type', 'last-of-type', 'only-of-type', 'only-child'],
    'nothing',
  ),
  ...rule(
    ['any-link', 'link', 'disabled', 'enabled', 'checked', 'required', 'optional', 'selected', 'checkbox', 'file'],
    'nothing',
  ),
  ...rule(['password', 'radio', 'reset', 'image', 'submit', 'parent', 'header', 'button', 'input', 'text'], 'nothing'),
]);

function problemIn(selectors: Selector[][]): string | null {
  for (const token of selectors.flat()) {
    if (token.type === SelectorType.PseudoElement) return 'Pseudo-elements are not supported';
    if (token.type !== SelectorType.Pseudo) continue;
    const argument = PSEUDO_CLASSES.get(token.name);
    const { data } = token;
    if (!argument) return `Unknown pseudo-class :${token.name}`;
    if (argument === 'nothing' && data !== null) return `Pseudo-class :${token.name} doesn't have any arguments`;
    if ((argument === 'text' || argument === 'nth') && typeof data !== 'string')
      return `Pseudo-class :${token.name} needs an argument`;
    // nth-check throws on a formula it cannot read ("n-th rule couldn't be parsed").
    if (argument === 'nth' && typeof data === 'string') nthCheck(data);
    if (argument === 'selector') {
      if (!Array.isArray(data)) return `Pseudo-class :${token.name} needs a selector`;
      const inner = problemIn(data);
      if (inner) return inner;
    }
  }
  return null;
}

export function selectorProblem(selector: string): string | null {
  try {
    const problem = problemIn(parse(selector));
    return problem ? `is not a CSS selector this tool can use (${problem})` : null;
  } catch (err) {
    return `is not a CSS selector this tool can use (${(err as Error).message})`;
  }
}

export const cssSelector = z
  .string()
  .min(1)
  .superRefine((s, ctx) => {
    const problem = selectorProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: `"${s}" ${problem}` });
  });

/** A field selector: a CSS selector, or `""` for the row's own text. */
export const fieldSelector = z.union([z.literal(''), cssSelector]);
