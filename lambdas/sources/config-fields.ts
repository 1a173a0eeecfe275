/** Watchlist fields shared by every kind of source, validated the same way everywhere. */
import * as z from 'zod';

export const baseFields = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be 2-63 lower-case letters, digits or dashes'),
  name: z.string().min(1).max(200).optional(),
  group: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional(),
  alertOnNew: z.enum(['new-correspondence', 'new-document']).optional(),
  enabled: z.boolean().optional(),
  maxListingPages: z.number().int().min(1).max(1000).optional(),
};
