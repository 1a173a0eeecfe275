/** `parliament-questions`'s config and hosts, without its parsers (see `SourceDeclaration`). */
import * as z from 'zod';
import type { SourceDeclaration } from '../../core/source-kind';
import { baseFields } from '../config-fields';

const schema = z
  .object({
    ...baseFields,
    kind: z.literal('parliament-questions'),
    searchTerm: z.string().min(2).max(80),
    /** Questions tabled on or after this day (`YYYY-MM-DD`). */
    tabledWhenFrom: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2024-07-01')
      .optional(),
    answered: z.enum(['Any', 'Answered', 'Unanswered']).optional(),
    house: z.enum(['Commons', 'Lords']).optional(),
  })
  .strict();

export type ParliamentQuestionsConfig = z.output<typeof schema>;

export const parliamentQuestionsDeclaration: SourceDeclaration<ParliamentQuestionsConfig> = {
  kind: 'parliament-questions',
  schema,
  hosts: (_config, endpoints) => [new URL(endpoints.parliamentQuestions).host],
};
