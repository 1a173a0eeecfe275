/**
 * Erasing a removed person's address from the delivery rows already written (`procwatch subscribers
 * remove`). A row's key holds its recipient (`<channel>#<recipient>#<generation>`, and the work
 * index's sort key repeats it), so a row that names the person is rewritten under a placeholder key in
 * one transaction: the old item deleted, the same row put back with every occurrence of the address
 * (recipient, keys, a provider's error text) replaced. Status, times, attempts and alert ids stay, so
 * the counts of sent and failed deliveries stay right. The placeholder is random, one per removal:
 * the rows of one person still group together, but nothing in them leads back to the address (a hash
 * of an address can be reversed by hashing a list of guesses). It has no `@`, so a pending row is
 * skipped by the sender as a recipient no longer subscribed, never mailed.
 */
import { randomBytes } from 'node:crypto';
import { StoreError } from '../../core/errors';
import { addressOf } from '../../core/subscribers';
import type { DynamoTable, Item } from './dynamodb-table';

/** A fresh placeholder for one person's rows. */
export function erasedRecipient(): string {
  return `erased-${randomBytes(9).toString('hex')}`;
}

/** Attempts per row when a sender settles it between the read and the rewrite. */
const ATTEMPTS = 3;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class DeliveryErasure {
  constructor(private readonly table: DynamoTable) {}

  /** Rewrites every delivery row that names `email`; answers how many rows it changed. */
  async eraseAddress(email: string, placeholder: string = erasedRecipient()): Promise<number> {
    const address = addressOf(email);
    const pattern = new RegExp(escapeRegExp(address), 'gi');
    // No index leads from a recipient to its rows: a filtered Scan of the delivery items finds them.
    const rows = await this.table.scanAll({
      FilterExpression: 'entity = :e',
      ExpressionAttributeValues: { ':e': 'delivery' },
    });
    let changed = 0;
    for (const row of rows) {
      if (!mentions(row, pattern)) continue;
      await this.rewrite(row, pattern, placeholder);
      changed++;
    }
    return changed;
  }

  private async rewrite(first: Item, pattern: RegExp, placeholder: string): Promise<void> {
    let row: Item | undefined = first;
    for (let attempt = 1; row && mentions(row, pattern); attempt++) {
      const next = scrubbed(row, pattern, placeholder);
      const key = { pk: row.pk as string, sk: row.sk as string };
      // Conditional on the status read: a sender settling the row meanwhile makes this attempt fail.
      const unchanged = {
        ConditionExpression: '#s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': row.status },
      };
      try {
        if (next.pk === key.pk && next.sk === key.sk) {
          await this.table.transact([{ Put: { Item: next, ...unchanged } }]);
        } else {
          await this.table.transact([
            { Delete: { Key: key, ...unchanged } },
            { Put: { Item: next, ConditionExpression: 'attribute_not_exists(pk)' } },
          ]);
        }
        return;
      } catch (err) {
        if (attempt >= ATTEMPTS || !(err instanceof StoreError)) throw err;
        row = await this.table.get(key);
      }
    }
  }
}

function mentions(item: Item, pattern: RegExp): boolean {
  return Object.values(item).some((v) => typeof v === 'string' && v.search(pattern) >= 0);
}

/** The item with the address replaced in every string attribute; sets (alert ids) and numbers as they were. */
function scrubbed(item: Item, pattern: RegExp, placeholder: string): Item {
  return Object.fromEntries(
    Object.entries(item).map(([k, v]) => [k, typeof v === 'string' ? v.replace(pattern, placeholder) : v]),
  );
}
