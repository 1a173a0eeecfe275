/** `parliament-bill`'s config and hosts, without its parsers (see `SourceDeclaration`). */
import * as z from 'zod';
import type { SourceConfigBase, SourceDeclaration } from '../../core/source-kind';
import { baseFields } from '../config-fields';

export interface ParliamentBillConfig extends SourceConfigBase {
  kind: 'parliament-bill';
  /** Bills whose title matches, newest update first (e.g. "Procurement"). */
  searchTerm?: string;
  /** Bills watched whatever their title (e.g. the Procurement Bill [HL]). */
  billIds?: number[];
  /** Listing page size (`Take`). */
  pageSize?: number;
  /** Amendments page size (`Take`); a stage with more is read in several pages. */
  amendmentsPageSize?: number;
}

const schema = z
  .object({
    ...baseFields,
    kind: z.literal('parliament-bill'),
    searchTerm: z.string().min(2).max(200).optional(),
    billIds: z.array(z.number().int().positive()).min(1).max(50).optional(),
    pageSize: z.number().int().min(1).max(100).optional(),
    amendmentsPageSize: z.number().int().min(1).max(500).optional(),
  })
  .strict()
  .refine((c) => c.searchTerm || c.billIds, {
    message: 'needs "searchTerm" or "billIds" (or both)',
    path: ['searchTerm'],
  });

export const parliamentBillDeclaration: SourceDeclaration<ParliamentBillConfig> = {
  kind: 'parliament-bill',
  schema,
  hosts: (_config, endpoints) => [new URL(endpoints.parliament).host],
};
