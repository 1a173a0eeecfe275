/** `parliament-bill`'s config and hosts, without its parsers (see `SourceDeclaration`). */
import * as z from 'zod';
import type { SourceDeclaration } from '../../core/source-kind';
import { baseFields } from '../config-fields';

const schema = z
  .object({
    ...baseFields,
    kind: z.literal('parliament-bill'),
    /** Bills whose title matches, newest update first (e.g. "Procurement"). */
    searchTerm: z.string().min(2).max(200).optional(),
    /** Bills watched whatever their title (e.g. the Procurement Bill [HL]). */
    billIds: z.array(z.number().int().positive()).min(1).max(50).optional(),
    /** Listing page size (`Take`). */
    pageSize: z.number().int().min(1).max(100).optional(),
    /** Amendments page size (`Take`); a stage with more is read in several pages. */
    amendmentsPageSize: z.number().int().min(1).max(500).optional(),
  })
  .strict()
  .refine((c) => c.searchTerm || c.billIds, {
    message: 'needs "searchTerm" or "billIds" (or both)',
    path: ['searchTerm'],
  });

export type ParliamentBillConfig = z.output<typeof schema>;

export const parliamentBillDeclaration: SourceDeclaration<ParliamentBillConfig> = {
  kind: 'parliament-bill',
  schema,
  hosts: (_config, endpoints) => [new URL(endpoints.parliament).host],
};
