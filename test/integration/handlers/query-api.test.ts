/**
 * The query-api handler counts a 5xx answer into the `Problems` metric: the router turns a failure
 * into a response (so the function itself never errors), and this count is the only way the alarm
 * hears of it. The handler is driven with API Gateway events on DynamoDB Local; the table vanishing
 * under a warm instance is the server-side failure, and the EMF line it writes on stdout is read back.
 */
import { join } from 'node:path';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { METRICS_NAMESPACE, PROBLEMS_METRIC, STACK_NAME_ENV } from '../../../lambdas/adapters/log/emf-metrics';
import type { ApiGatewayV2Event } from '../../../lambdas/http/api-gateway-event';
import { freshStore, testEndpoint } from '../../support/dynamo';
import { writeRepoLambdaConfig } from '../../support/lambda-config';

const ROOT = join(__dirname, '..', '..', '..');
const STACK = 'CampaignWatch';
const ENV = {
  PROCWATCH_CONFIG_PATH: writeRepoLambdaConfig(),
  PROCWATCH_WEB_DIR: join(ROOT, 'web'),
  PROCWATCH_CURSOR_SECRET: 'cursor-key-for-the-handler-test-0123456789',
  PROCWATCH_UNSUBSCRIBE_SECRET: 'unsubscribe-key-for-the-handler-test-012345',
  [STACK_NAME_ENV]: STACK,
  AWS_REGION: 'eu-west-2',
};
const saved: Record<string, string | undefined> = {};
let table: string;
let handler: (event: ApiGatewayV2Event) => Promise<{ statusCode: number; body: string }>;

const event = (rawPath: string, rawQueryString = ''): ApiGatewayV2Event => ({
  rawPath,
  rawQueryString,
  headers: { host: 'api.example.test' },
  requestContext: { http: { method: 'GET' }, domainName: 'api.example.test' },
});

/** The EMF records the handler writes on stdout while `run` runs (other log lines pass through). */
async function emfDuring(run: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return lines.filter((l) => l.includes('"_aws"')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

beforeAll(async () => {
  table = (await freshStore('query-api-handler')).tableName;
  const env = { ...ENV, PROCWATCH_DYNAMO_ENDPOINT: testEndpoint(), PROCWATCH_TABLE: table };
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  // The metric's dimension is read when the handler's module loads, as in a cold Lambda.
  ({ handler } = await import('../../../lambdas/handlers/query-api'));
}, 60_000);

afterAll(async () => {
  const { closeHandlerRuntime } = await import('../../../lambdas/handlers/handler-runtime');
  await closeHandlerRuntime();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

it('writes nothing for a 200, and one Problems count with the stack as its dimension for a 500', async () => {
  let answer = { statusCode: 0, body: '' };
  expect(await emfDuring(async () => (answer = await handler(event('/changes', 'limit=2'))))).toEqual([]);
  expect(answer.statusCode).toBe(200);

  // The warm instance keeps its composition; its table is gone, which only the server can be blamed for.
  const client = new DynamoDBClient({
    endpoint: testEndpoint(),
    region: 'eu-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await client.send(new DeleteTableCommand({ TableName: table }));
  client.destroy();

  const records = await emfDuring(async () => (answer = await handler(event('/changes', 'limit=2'))));
  expect(answer.statusCode).toBe(500);
  expect(records).toHaveLength(1);
  expect(records[0]).toEqual(
    expect.objectContaining({ [PROBLEMS_METRIC]: 1, Stack: STACK, problem: 'ApiServerErrors' }),
  );
  expect(records[0]._aws).toEqual(
    expect.objectContaining({
      CloudWatchMetrics: [
        { Namespace: METRICS_NAMESPACE, Dimensions: [['Stack']], Metrics: [{ Name: PROBLEMS_METRIC, Unit: 'Count' }] },
      ],
    }),
  );
}, 60_000);
