import type { LocalDynamo } from '../../lambdas/adapters/dynamodb/dynamodb-local';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __dynamo?: LocalDynamo }).__dynamo?.stop();
}
