/**
 * Plain BatchWriteItem puts, 25 items a call, with consumed capacity summed: the naive monitor's
 * snapshot writes and the query benchmark's bulk seeding. Bench-only: the product never writes
 * without a condition.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type Item = Record<string, unknown>;

export class BatchWriter {
  readonly capacity = { write: 0, calls: 0, items: 0 };
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    endpoint: string,
    private readonly table: string,
  ) {
    const client = new DynamoDBClient({
      endpoint,
      region: 'eu-west-2',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 6,
    });
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async putAll(items: Item[], concurrency = 1): Promise<void> {
    const batches: Item[][] = [];
    for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
    let next = 0;
    const worker = async () => {
      while (next < batches.length) await this.put(batches[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  }

  private async put(batch: Item[]): Promise<void> {
    let pending = batch.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length; attempt++) {
      const res = await this.doc.send(
        new BatchWriteCommand({ RequestItems: { [this.table]: pending }, ReturnConsumedCapacity: 'TOTAL' }),
      );
      this.capacity.calls++;
      for (const c of res.ConsumedCapacity ?? []) this.capacity.write += c.CapacityUnits ?? 0;
      this.capacity.items += pending.length - (res.UnprocessedItems?.[this.table]?.length ?? 0);
      pending = (res.UnprocessedItems?.[this.table] ?? []) as typeof pending;
      if (pending.length) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** Math.min(attempt, 6)));
    }
  }
}
