/** `govuk-search`'s config and hosts, without its parsers (see `SourceDeclaration`). */
import * as z from 'zod';
import type { SourceDeclaration } from '../../core/source-kind';
import { baseFields } from '../config-fields';
import { govukHosts } from '../govuk-content/declaration';

const slug = z.string().regex(/^[a-z0-9-]+$/, 'must be a GOV.UK slug (lower-case letters, digits, dashes)');

const schema = z
  .object({
    ...baseFields,
    kind: z.literal('govuk-search'),
    organisations: z.array(slug).min(1),
    documentTypes: z
      .array(z.string().regex(/^[a-z_]+$/, 'must be a GOV.UK document type such as "correspondence"'))
      .min(1),
    q: z.string().min(1).max(200).optional(),
    /** Page size; large enough that a normal organisation's list is one request. */
    count: z.number().int().min(1).max(1500).optional(),
  })
  .strict();

export type GovukSearchConfig = z.output<typeof schema>;

export const govukSearchDeclaration: SourceDeclaration<GovukSearchConfig> = {
  kind: 'govuk-search',
  schema,
  hosts: (_config, endpoints) => govukHosts(endpoints),
};
