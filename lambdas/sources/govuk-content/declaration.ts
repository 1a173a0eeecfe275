/** `govuk-content`'s config and hosts, without its parsers (see `SourceDeclaration`). */
import * as z from 'zod';
import type { Endpoints, SourceDeclaration } from '../../core/source-kind';
import { baseFields } from '../config-fields';

const schema = z
  .object({
    ...baseFields,
    kind: z.literal('govuk-content'),
    /** The page's path on www.gov.uk, e.g. `/government/publications/<slug>`. */
    path: z.string().regex(/^\/[\w\-/.]+$/, 'must be a GOV.UK path starting with "/" (no host, no query)'),
  })
  .strict();

export type GovukContentConfig = z.output<typeof schema>;

/** Both GOV.UK kinds fetch content items from www.gov.uk and their attachments from the asset host. */
export function govukHosts(endpoints: Endpoints): string[] {
  return [new URL(endpoints.govuk).host, new URL(endpoints.govukAssets).host];
}

export const govukContentDeclaration: SourceDeclaration<GovukContentConfig> = {
  kind: 'govuk-content',
  schema,
  hosts: (_config, endpoints) => govukHosts(endpoints),
};
