/** `parliament-questions`'s config and hosts, without its parsers (see `SourceDeclaration`). */
import * as z from 'zod';
import type { SourceConfigBase, SourceDeclaration } from '../../core/source-kind';
import { baseFields } from '../config-fields';

export interface ParliamentQuestionsConfig extends SourceConfigBase {
  kind: 'parliament-questions';
  searchTerm: string;
  /** Questions tabled on or after this day (`YYYY-MM-DD`). */
  tabledWhenFrom?: string;
  answered?: 'Any' | 'Answered' | 'Unanswered';
  house?: 'Commons' | 'Lords';
}

const schema = z
  .object({
    ...baseFields,
    kind: z.literal('parliament-questions'),
    searchTerm: z.string().min(2).max(80),
    tabledWhenFrom: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2024-07-01')
      .optional(),
    answered: z.enum(['Any', 'Answered', 'Unanswered']).optional(),
    house: z.enum(['Commons', 'Lords']).optional(),
  })
  .strict();

export const parliamentQuestionsDeclaration: SourceDeclaration<ParliamentQuestionsConfig> = {
  kind: 'parliament-questions',
  schema,
  hosts: (_config, endpoints) => [new URL(endpoints.parliamentQuestions).host],
};
