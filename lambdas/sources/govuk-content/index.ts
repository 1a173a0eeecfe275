/**
 * `govuk-content`: watches one GOV.UK item (a publication, a collection, a guidance page) through
 * the Content API. The item itself is the listing: one request per cycle when nothing moved. Its HTML
 * attachments are read when they are new or the item's `updated_at` moved, its PDF attachments when
 * they are new or their address or size changed; a collection's members are compared one by one.
 */
import * as z from 'zod';
import type { SourceKind, SourceConfigBase } from '../../core/source-kind';
import { baseFields } from '../config-fields';
import { followAttachments } from './attachments';
import { documentFromContent } from './content-document';
import { parseContentJson } from './content-item';
import { govukHosts, readGovukDetail } from './govuk-detail';
import { memberEvents } from './member-events';

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
  schema: schema,
  hosts: (_config, endpoints) => govukHosts(endpoints),
  listing: (config, endpoints) => ({ url: `${endpoints.govuk}/api/content${config.path}`, bucket: 'govuk-content' }),
  parseListing(fetched, config, endpoints) {
    const doc = documentFromContent(parseContentJson(fetched, config.id));
    return {
      entries: [
        { docId: doc.docId, url: doc.url, title: doc.title, signal: doc.signal, inline: doc },
        ...followAttachments(doc, endpoints),
      ],
      next: null,
    };
  },
  parseDetail: (fetched, entry, config, endpoints) => readGovukDetail(fetched, entry, config.id, endpoints),
  compare: (before, after) => memberEvents(before, after),
  diffsText: true,
};
