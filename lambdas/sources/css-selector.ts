/**
 * A CSS selector in the watchlist, compiled when the configuration loads: a typo is a config error
 * naming the source and the line, not a parse failure at 3 a.m. on every run.
 *
 * Compiled by cheerio-select, the engine behind cheerio's `.find`, without cheerio itself: every handler
 * validates the config, and cheerio would bring its HTML parser into each (issue 17; 112 KB against 276).
 */
import { select } from 'cheerio-select';
import * as z from 'zod';

export function selectorProblem(selector: string): string | null {
  try {
    // No elements to match: compiling the selector is the whole point.
    select(selector, []);
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
