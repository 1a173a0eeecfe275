/** `parliament-statements`'s config and hosts, without its parsers (see `SourceDeclaration`). */
import * as z from 'zod';
import type { SourceDeclaration } from '../../core/source-kind';
import { baseFields } from '../config-fields';

const schema = z
  .object({
    ...baseFields,
    kind: z.literal('parliament-statements'),
    searchTerm: z.string().min(2).max(80),
    /** Statements made on or after this day (`YYYY-MM-DD`). */
    madeWhenFrom: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2024-07-01')
      .optional(),
    house: z.enum(['Commons', 'Lords']).optional(),
  })
  .strict();

export type ParliamentStatementsConfig = z.output<typeof schema>;

export const parliamentStatementsDeclaration: SourceDeclaration<ParliamentStatementsConfig> = {
  kind: 'parliament-statements',
  schema,
  hosts: (_config, endpoints) => [new URL(endpoints.parliamentQuestions).host],
};
