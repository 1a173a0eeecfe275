/** Watchlist fields shared by every kind of source, validated the same way everywhere. */
import * as z from 'zod';

export const baseFields = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be 2-63 lower-case letters, digits or dashes'),
  /** Human name used in alerts and progress lines. */
  name: z.string().min(1).max(200).optional(),
  /** Schedule group (e.g. `govuk` every 15 minutes, `parliament` hourly); the CDK stack reads it. */
  group: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional(),
  /** What a document never seen before is called: a letter, or any other document. */
  alertOnNew: z.enum(['new-correspondence', 'new-document']).optional(),
  enabled: z.boolean().optional(),
  /** Listing pages read at most per cycle (default 50): a server that never stops paging fails the source. */
  maxListingPages: z.number().int().min(1).max(1000).optional(),
};
