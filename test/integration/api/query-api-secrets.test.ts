/**
 * The query-api Lambda as the stack deploys it: the environment carries only the ARNs of the two
 * signing secrets (PROCWATCH_CURSOR_SECRET_ARN, PROCWATCH_UNSUBSCRIBE_SECRET_ARN), and the handler
 * reads their values from Secrets Manager (a local stand-in for its API, reached through the SDK's
 * own AWS_ENDPOINT_URL_SECRETS_MANAGER) once per cold start, then signs cursors and verifies
 * unsubscribe tokens with them.
 */
import { join } from 'node:path';
import { parseChangeFilter } from '../../../lambdas/core/query-changes';
import { verifyCursor } from '../../../lambdas/http/signed-cursor';
import { createUnsubscribeToken } from '../../../lambdas/core/unsubscribe-token';
import type { ApiGatewayV2Event } from '../../../lambdas/http/api-gateway-event';
import { freshStore, testEndpoint } from '../../support/dynamo';
import { startSecretsManagerStandIn, type SecretsManagerStandIn } from '../delivery/secrets-manager-stand-in';
import { seedChangeLog } from './seed-change-log';
import { writeRepoLambdaConfig } from '../../support/lambda-config';

const ROOT = join(__dirname, '..', '..', '..');
const CURSOR_ARN = 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:SigningSecretsCursor-AbCdEf';
const UNSUBSCRIBE_ARN = 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:SigningSecretsUnsubscribe-GhIjKl';
const CURSOR_VALUE = 'cursor-key-generated-by-secrets-manager-0123456789';
const UNSUBSCRIBE_VALUE = 'unsubscribe-key-generated-by-secrets-manager-0123';
const ENV = [
  'PROCWATCH_CONFIG_PATH',
  'PROCWATCH_DYNAMO_ENDPOINT',
  'PROCWATCH_TABLE',
  'PROCWATCH_WEB_DIR',
  'PROCWATCH_CURSOR_SECRET',
  'PROCWATCH_UNSUBSCRIBE_SECRET',
  'PROCWATCH_CURSOR_SECRET_ARN',
  'PROCWATCH_UNSUBSCRIBE_SECRET_ARN',
  'AWS_ENDPOINT_URL_SECRETS_MANAGER',
  'AWS_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
];
const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));
let secrets: SecretsManagerStandIn;
let handler: (
  event: ApiGatewayV2Event,
) => Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;

function event(method: string, pathAndQuery: string, body?: string): ApiGatewayV2Event {
  const [rawPath, rawQueryString = ''] = pathAndQuery.split('?');
  return {
    rawPath,
    rawQueryString,
    headers: { host: 'api.example.test' },
    requestContext: { http: { method }, domainName: 'api.example.test' },
    ...(body ? { body } : {}),
  };
}

beforeAll(async () => {
  const store = await freshStore('api-secrets');
  await seedChangeLog(store);
  secrets = await startSecretsManagerStandIn({ [CURSOR_ARN]: CURSOR_VALUE, [UNSUBSCRIBE_ARN]: UNSUBSCRIBE_VALUE });
  for (const k of ['PROCWATCH_CURSOR_SECRET', 'PROCWATCH_UNSUBSCRIBE_SECRET']) delete process.env[k];
  Object.assign(process.env, {
    PROCWATCH_CONFIG_PATH: writeRepoLambdaConfig(),
    PROCWATCH_DYNAMO_ENDPOINT: testEndpoint(),
    PROCWATCH_TABLE: store.tableName,
    PROCWATCH_WEB_DIR: join(ROOT, 'web'),
    PROCWATCH_CURSOR_SECRET_ARN: CURSOR_ARN,
    PROCWATCH_UNSUBSCRIBE_SECRET_ARN: UNSUBSCRIBE_ARN,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
    AWS_REGION: 'eu-west-2',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  ({ handler } = await import('../../../lambdas/handlers/query-api'));
}, 60_000);

afterAll(async () => {
  const { closeHandlerRuntime } = await import('../../../lambdas/handlers/handler-runtime');
  await closeHandlerRuntime();
  await secrets.close();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

it('signs cursors with the cursor key it read by ARN, and follows them', async () => {
  const first = await handler(event('GET', '/changes?limit=2'));
  expect(first.statusCode).toBe(200);
  const cursor: string = JSON.parse(first.body).cursor;
  expect(verifyCursor(cursor, parseChangeFilter({}), CURSOR_VALUE)).toEqual(expect.any(String));
  expect(() => verifyCursor(cursor, parseChangeFilter({}), 'some-other-cursor-key-0123456789')).toThrow();
  const second = await handler(event('GET', `/changes?limit=2&cursor=${encodeURIComponent(cursor)}`));
  expect(second.statusCode).toBe(200);
  expect(JSON.parse(second.body).items).toHaveLength(2);
});

it('verifies unsubscribe tokens signed with the unsubscribe key it read by ARN, and refuses others', async () => {
  const good = createUnsubscribeToken('reader@example.org', UNSUBSCRIBE_VALUE);
  const forged = createUnsubscribeToken('reader@example.org', 'someone-elses-key-0123456789');
  expect((await handler(event('GET', `/unsubscribe?token=${encodeURIComponent(good)}`))).statusCode).toBe(200);
  expect((await handler(event('GET', `/unsubscribe?token=${encodeURIComponent(forged)}`))).statusCode).toBe(400);
});

it('read each secret once, at the cold start, not per request', () => {
  expect(secrets.targets.every((t) => t === 'secretsmanager.GetSecretValue')).toBe(true);
  expect([...secrets.requested].sort()).toEqual([CURSOR_ARN, UNSUBSCRIBE_ARN]);
});
