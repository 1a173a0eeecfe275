/**
 * `govuk-content`: watches one GOV.UK item (a publication, a collection, a guidance page) through
 * the Content API. The item itself is the listing: one request per cycle when nothing moved. Its HTML
 * attachments are read when they are new or the item's `updated_at` moved, its PDF attachments when
 * they are new or their address or size changed; a collection's members are compared one by one.
 */
import type { SourceKind } from '../../core/source-kind';
import { followAttachments } from './attachments';
import { documentFromContent } from './content-document';
import { parseContentJson } from './content-item';
import type { GovukContentConfig } from './declaration';
import { readGovukDetail } from './govuk-detail';
import { memberEvents } from './member-events';

export type { GovukContentConfig } from './declaration';

export const govukContent: SourceKind<GovukContentConfig> = {
  kind: 'govuk-content',
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
