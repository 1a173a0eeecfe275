/**
 * The schema of an `html-list` source's table spec (see ./table-spec.ts for how a spec reads a table):
 * config only, kept apart from the readers so that the checker's bundle builds no config schema.
 */
import * as z from 'zod';

const words = z.array(z.string().min(1).max(120)).min(1);

export const tableSpecSchema = z
  .object({
    /** Field → the header texts that name it; the first is its label in alerts. */
    columns: z
      .record(z.string().regex(/^[a-zA-Z][\w-]*$/), words)
      .refine((c) => Object.keys(c).length > 0, 'needs at least one column'),
    /** Fields whose column must be found (default: the key fields). */
    required: z.array(z.string()).optional(),
    /** Fields read as dates: stored as `YYYY-MM-DD` when they parse. */
    dates: z.array(z.string()).optional(),
    /** Field → canonical value → words that mean it (e.g. type: mandatory ← "mandatory", "excluded"). */
    values: z.record(z.string(), z.record(z.string().min(1), words)).optional(),
    /** Field → another field whose text is searched with `values` when this field's column is absent or empty. */
    inferFrom: z.record(z.string(), z.string()).optional(),
    /** Phrases by which the page says in words that nothing is listed (an empty list, not a broken page). */
    emptyText: z.array(z.string().min(3).max(200)).optional(),
    /** Follow a CSV or HTML attachment when the page itself has no table (default true). */
    attachments: z.boolean().optional(),
  })
  .strict();

export type TableSpec = z.output<typeof tableSpecSchema>;
