import type { LocalDynamo } from '../../devtools/local/dynamodb-local';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __dynamo?: LocalDynamo }).__dynamo?.stop();
}
