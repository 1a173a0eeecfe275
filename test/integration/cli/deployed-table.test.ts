/**
 * `procwatch export --aws`: the change log saved from the deployed table before a teardown, as the
 * operator runs it (a real child process; the SDK pointed at the shared DynamoDB Local through its
 * own endpoint setting, the way it reaches AWS otherwise). The local store is never opened.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDbStore } from '../../../lambdas/adapters/dynamodb/dynamodb-store';
import type { Change } from '../../../lambdas/core/model';
import { freshStore, testEndpoint } from '../../support/dynamo';
import { seedChangeLog } from '../api/seed-change-log';

const ROOT = join(__dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'procwatch-deployed-'));
let store: DynamoDbStore;
let seeded: Change[];
let config: string;

beforeAll(async () => {
  store = await freshStore('deployed-export');
  seeded = await seedChangeLog(store);
  const base = JSON.parse(readFileSync(join(ROOT, 'procwatch.config.json'), 'utf8'));
  config = join(dir, 'procwatch.config.json');
  // A local endpoint that answers nothing: the command must not reach the local store at all.
  writeFileSync(
    config,
    JSON.stringify({ ...base, store: { dataDir: join(dir, 'data'), endpoint: 'http://127.0.0.1:9' } }),
  );
});

function procwatch(...args: string[]) {
  const res = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'bin/procwatch.ts'), '--config', config, ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: {
        ...process.env,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        AWS_ENDPOINT_URL_DYNAMODB: testEndpoint(),
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
      },
    },
  );
  return { code: res.status, out: res.stdout, err: res.stderr };
}

it('exports every change of the deployed table as JSON and as CSV', () => {
  const json = procwatch('export', '--format', 'json', '--aws', '--table', store.tableName, '--region', 'eu-west-2');
  expect(json.code).toBe(0);
  const ids = (JSON.parse(json.out) as Change[]).map((c) => c.changeId).sort();
  expect(ids).toEqual(seeded.map((c) => c.changeId).sort());
  expect(json.err).toMatch(new RegExp(`exported ${seeded.length} change`));

  const csv = procwatch('export', '--aws', '--table', store.tableName, '--region', 'eu-west-2');
  expect(csv.code).toBe(0);
  // A header and one line per change (no seeded field holds a line break).
  expect(csv.out.split(/\r?\n/).filter(Boolean)).toHaveLength(seeded.length + 1);
});
