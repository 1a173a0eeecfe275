/** The table's key schema and indexes: the one definition used by `ensureTable` (local) and the CDK stack. */
import { INDEX_KEYS } from './items';

export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;
export const TTL_ATTRIBUTE = 'expiresAt';

/** Every index projects all attributes: change-log reads must never need a second lookup per item. */
export const GLOBAL_INDEXES = Object.entries(INDEX_KEYS).map(([indexName, k]) => ({
  indexName,
  partitionKey: k.pk,
  sortKey: k.sk,
}));
