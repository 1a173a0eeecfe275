/** `legislation-feed`'s config and hosts, without its parsers (see `SourceDeclaration`). */
import * as z from 'zod';
import type { SourceDeclaration } from '../../core/source-kind';
import { baseFields } from '../config-fields';

const schema = z
  .object({
    ...baseFields,
    kind: z.literal('legislation-feed'),
    /** The feed's path, ending in `/data.feed` (e.g. `/new/data.feed`, `/ukpga/data.feed`;
     * a list feed rather than `/search/data.feed`, which legislation.gov.uk always redirects to the list). */
    path: z.string().regex(/^\/[\w\-/.]*data\.feed$/, 'must be a legislation.gov.uk path ending in "/data.feed"'),
    query: z.record(z.string().regex(/^[a-z][\w-]*$/), z.string()).optional(),
    /** Terms a title or subject must contain for an entry to alert; none = every entry alerts. */
    terms: z.array(z.string().min(2).max(80)).optional(),
    /** Items whose every change alerts, e.g. `ukpga/2023/54`. */
    watch: z.array(z.string().regex(/^[a-z]+\/\d{4}\/\d+$/, 'must be an item such as "ukpga/2023/54"')).optional(),
    /** How many pages of the feed to read each cycle (20 entries each). */
    maxPages: z.number().int().min(1).max(20).optional(),
  })
  .strict();

export type LegislationFeedConfig = z.output<typeof schema>;

export const legislationFeedDeclaration: SourceDeclaration<LegislationFeedConfig> = {
  kind: 'legislation-feed',
  schema,
  hosts: (_config, endpoints) => [new URL(endpoints.legislation).host],
};
