/**
 * A CSS selector in the watchlist, compiled when the configuration loads: a typo is a config error
 * naming the source and the line, not a parse failure at 3 a.m. on every run.
 */
import { load } from 'cheerio/slim';
import * as z from 'zod';

const empty = load('');

export function selectorProblem(selector: string): string | null {
  try {
    empty.root().find(selector);
    return null;
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
