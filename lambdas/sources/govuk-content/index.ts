/**
 * `govuk-content`: watches one GOV.UK item (a publication, a collection, a guidance page) through
 * the Content API. The item itself is the listing: one request per cycle when nothing moved; its
 * HTML attachments are read only when they are new or the item's `public_updated_at` moved.
 */
import { z } from 'zod';
import type { SourceKind, SourceConfigBase } from '../../core/source-kind';
import { baseFields } from '../config-fields';
import { documentFromContent, followAttachments, parseContentJson } from './content-item';

export interface GovukContentConfig extends SourceConfigBase {
  kind: 'govuk-content';
  /** The page's path on www.gov.uk, e.g. `/government/publications/<slug>`. */
  path: string;
}

const schema = z
  .object({
    ...baseFields,
    kind: z.literal('govuk-content'),
    path: z.string().regex(/^\/[\w\-/.]+$/, 'must be a GOV.UK path starting with "/" (no host, no query)'),
  })
  .strict();

export const govukContent: SourceKind<GovukContentConfig> = {
  kind: 'govuk-content',
  schema: schema as z.ZodType<GovukContentConfig>,
  hosts: (_config, endpoints) => [new URL(endpoints.govuk).host],
  listing: (config, endpoints) => ({ url: `${endpoints.govuk}/api/content${config.path}`, bucket: 'govuk-content' }),
  parseListing(fetched, config, endpoints) {
    const doc = documentFromContent(parseContentJson(fetched, config.id), endpoints.govuk);
    return {
      entries: [
        { docId: doc.docId, url: doc.url, title: doc.title, signal: doc.signal, inline: doc },
        ...followAttachments(doc, endpoints.govuk),
      ],
      next: null,
    };
  },
  parseDetail(fetched, _entry, config, endpoints) {
    return { documents: [documentFromContent(parseContentJson(fetched, config.id), endpoints.govuk)], follow: [] };
  },
};
