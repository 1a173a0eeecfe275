/** A store on the shared DynamoDB Local, in a table of its own so test files never see each other's data. */
import { DynamoDbStore } from '../../lambdas/adapters/dynamodb/dynamodb-store';

let counter = 0;

export function testEndpoint(): string {
  const endpoint = process.env.PROCWATCH_TEST_DYNAMO;
  if (!endpoint) throw new Error('DynamoDB Local is not running: integration tests need the jest globalSetup.');
  return endpoint;
}

export async function freshStore(prefix = 'test'): Promise<DynamoDbStore> {
  const table = `${prefix}-${process.pid}-${Date.now()}-${counter++}`;
  const store = DynamoDbStore.connect(table, {
    endpoint: testEndpoint(),
    region: 'eu-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await store.ensureTable();
  return store;
}
