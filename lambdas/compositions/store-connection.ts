/**
 * The evidence table, opened once per entry point: in AWS with the ambient credentials, or on a
 * DynamoDB Local endpoint (created there on first use). Every composition opens it here, so the CLI,
 * the tests and each Lambda reach the same table the same way.
 */
import { DynamoDbStore } from '../adapters/dynamodb/dynamodb-store';
import type { Config } from '../config';

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** `endpoint` null: AWS. Otherwise a DynamoDB Local, whose table is created when missing. */
export async function connectStore(config: Config, endpoint: string | null): Promise<DynamoDbStore> {
  if (endpoint === null) {
    return DynamoDbStore.connect(config.store.table, config.store.region ? { region: config.store.region } : {});
  }
  const store = DynamoDbStore.connect(config.store.table, {
    endpoint,
    region: config.store.region ?? 'eu-west-2',
    credentials: LOCAL_CREDENTIALS,
  });
  await store.ensureTable();
  return store;
}
