/** `site-list`'s config, site and hosts, without its parsers (see `SourceDeclaration`). */
import * as z from 'zod';
import type { SourceDeclaration } from '../../core/source-kind';
import { baseFields } from '../config-fields';
import { cssSelector } from '../css-selector';
import { base } from './site';

const schema = z
  .object({
    ...baseFields,
    kind: z.literal('site-list'),
    /** The site's origin, https only: `https://freetibet.org`. */
    site: z
      .string()
      .regex(
        /^https:\/\/[a-z0-9.-]+\.[a-z]{2,63}$/,
        'must be an https origin without a path, e.g. https://freetibet.org',
      ),
    /** The listing's path on the site (`/latest/`). */
    path: z.string().regex(/^\/[\w\-/.]*$/, 'must be a path starting with "/" (no host, no query)'),
    /** One element per post in the listing, and inside it the link, title and date. */
    item: cssSelector,
    link: cssSelector,
    title: cssSelector.optional(),
    date: cssSelector.optional(),
    /** Posts kept only when their path matches (`^/latest/[^/]+/$`); the listing's other links are ignored. */
    include: z
      .string()
      .refine((p) => {
        try {
          new RegExp(p);
          return true;
        } catch {
          return false;
        }
      }, 'must be a regular expression')
      .optional(),
    /** Where a post's own page holds its text (default `article`, then `main`). */
    content: cssSelector.optional(),
  })
  .strict();

export type SiteListConfig = z.output<typeof schema>;

export const siteListDeclaration: SourceDeclaration<SiteListConfig> = {
  kind: 'site-list',
  schema,
  site: (config) => config.site,
  hosts: (config, endpoints) => [new URL(base(config, endpoints)).host],
};
