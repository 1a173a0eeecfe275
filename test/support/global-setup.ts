/** Starts one DynamoDB Local (in memory) for the integration tests; each test file uses its own table. */
import { startDynamoDbLocal } from '../../devtools/local/dynamodb-local';
import { missingRequirements } from './requirements';

export default async function globalSetup(): Promise<void> {
  // `npx jest` without `npm test`'s first step still stops before the slow part, in the same sentences.
  const missing = missingRequirements();
  if (missing.length) throw new Error(`the tests cannot run on this machine yet:\n  - ${missing.join('\n  - ')}`);
  const local = await startDynamoDbLocal();
  (globalThis as { __dynamo?: unknown }).__dynamo = local;
  process.env.PROCWATCH_TEST_DYNAMO = local.endpoint;
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}
