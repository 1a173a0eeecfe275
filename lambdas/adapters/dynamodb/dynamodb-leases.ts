/**
 * The Leases port on the same table: one item per lock (`LOCK#<name>` / `LEASE`), taken and
 * released with conditional writes, so two runs on two machines agree on who holds it. The item
 * carries a TTL a day past its lease, so a crashed holder's item is eventually cleaned up too.
 */
import type { LeaseHolder, Leases } from '../../core/ports';
import { isConditionFailed, type DynamoTable } from './dynamodb-table';
import { TTL_ATTRIBUTE } from './table-schema';

const key = (name: string) => ({ pk: `LOCK#${name}`, sk: 'LEASE' });

export class DynamoLeases implements Leases {
  constructor(private readonly table: DynamoTable) {}

  async acquire(name: string, owner: string, now: Date, leaseMs: number) {
    const until = new Date(now.getTime() + leaseMs);
    try {
      await this.table.update({
        Key: key(name),
        UpdateExpression: 'SET entity = :e, #o = :o, since = if_not_exists(since, :now), #u = :u, #ttl = :ttl',
        ConditionExpression: 'attribute_not_exists(pk) OR #u < :now OR #o = :o',
        ExpressionAttributeNames: { '#o': 'owner', '#u': 'until', '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: {
          ':e': 'lease',
          ':o': owner,
          ':now': now.toISOString(),
          ':u': until.toISOString(),
          ':ttl': Math.floor(until.getTime() / 1000) + 86_400,
        },
      });
      return { acquired: true as const };
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
      const item = await this.table.get(key(name));
      const holder: LeaseHolder = {
        owner: text(item?.owner, 'another run'),
        since: text(item?.since, ''),
        until: text(item?.until, ''),
      };
      return { acquired: false as const, holder };
    }
  }

  async release(name: string, owner: string): Promise<void> {
    try {
      await this.table.delete(key(name), {
        ConditionExpression: '#o = :o',
        ExpressionAttributeNames: { '#o': 'owner' },
        ExpressionAttributeValues: { ':o': owner },
      });
    } catch (err) {
      // Someone else took it after our lease ran out: it is theirs now.
      if (!isConditionFailed(err)) throw err;
    }
  }
}

/** A stored attribute read back as text: anything else (a missing or mangled item) is the fallback. */
function text(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}
