/** Starts one DynamoDB Local (in memory) for the integration tests; each test file uses its own table. */
import { startDynamoDbLocal } from '../../lambdas/adapters/dynamodb/dynamodb-local';

export default async function globalSetup(): Promise<void> {
  const local = await startDynamoDbLocal();
  (globalThis as { __dynamo?: unknown }).__dynamo = local;
  process.env.PROCWATCH_TEST_DYNAMO = local.endpoint;
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}
