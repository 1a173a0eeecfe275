/**
 * `procwatch subscribers add | import | remove` as an operator runs them: real child processes on the
 * shared DynamoDB Local. The `--aws` runs reach it the way they reach AWS, through the SDK's own
 * endpoint and credential settings (AWS_ENDPOINT_URL_DYNAMODB, AWS_ACCESS_KEY_ID), so the path an
 * operator takes against the deployed table is the one tested; the table is read back directly.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDbStore } from '../../../lambdas/adapters/dynamodb/dynamodb-store';
import { deliveryItem } from '../../../lambdas/adapters/dynamodb/delivery-items';
import { deliveryKeys } from '../../../lambdas/adapters/dynamodb/items';
import { DynamoSubscribers } from '../../../lambdas/adapters/dynamodb/subscriber-store';
import { newDelivery } from '../../../lambdas/core/delivery-rows';
import { freshStore, testEndpoint } from '../../support/dynamo';

const ROOT = join(__dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'procwatch-subscribers-'));
let store: DynamoDbStore;
let config: string;

beforeAll(async () => {
  store = await freshStore('subscribers-cli');
  const base = JSON.parse(readFileSync(join(ROOT, 'procwatch.config.json'), 'utf8'));
  config = join(dir, 'procwatch.config.json');
  writeFileSync(
    config,
    JSON.stringify({
      ...base,
      alerts: { ...base.alerts, to: ['Desk <desk@campaign.example.net>'] },
      subscribers: [{ email: 'reader@campaign.example.net', frequency: 'daily', keywords: ['dahua'] }],
      store: { dataDir: join(dir, 'data'), table: 'not-this-one', endpoint: testEndpoint() },
    }),
  );
});

function procwatch(...args: string[]) {
  return procwatchWith(config, ...args);
}

function procwatchWith(configFile: string, ...args: string[]) {
  const res = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'bin/procwatch.ts'), '--config', configFile, ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: {
        ...process.env,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        AWS_ENDPOINT_URL_DYNAMODB: testEndpoint(),
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_PROFILE: '',
      },
    },
  );
  return { code: res.status, out: res.stdout, err: res.stderr };
}

const deployed = () => ['--aws', '--table', store.tableName, '--region', 'eu-west-2'];

it("imports the config's people into the deployed table, and lists them with the table's own", () => {
  const imported = procwatch('subscribers', 'import', '--from-config', ...deployed());
  expect(imported).toMatchObject({ code: 0, out: expect.stringMatching(/Imported 2 subscriber/) });
  const added = procwatch(
    'subscribers',
    'add',
    'New <New@Campaign.example.net>',
    '--keywords',
    'hikvision, dahua',
    '--digest-hour',
    '7',
    ...deployed(),
  );
  expect(added.code).toBe(0);

  const listed = procwatch('subscribers', '--json', ...deployed());
  expect(listed.code).toBe(0);
  const people = JSON.parse(listed.out);
  expect(people).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ email: 'desk@campaign.example.net', frequency: 'immediate' }),
      expect.objectContaining({ email: 'reader@campaign.example.net', frequency: 'daily', keywords: ['dahua'] }),
      expect.objectContaining({
        email: 'new@campaign.example.net',
        frequency: 'daily',
        digestHour: 7,
        keywords: ['hikvision', 'dahua'],
      }),
    ]),
  );
  // Each person once, though the config lists two of them as well.
  expect(people.map((p: { email: string }) => p.email).sort()).toEqual([
    'desk@campaign.example.net',
    'new@campaign.example.net',
    'reader@campaign.example.net',
  ]);

  // The table view shows what the JSON holds: every address, its frequency and hour, its rules.
  const table = procwatch('subscribers', ...deployed());
  const row = table.out.split('\n').find((l) => l.startsWith('new@campaign.example.net'))!;
  expect(row).toMatch(/daily at 07:00 London/);
  expect(row).toMatch(/keywords: hikvision, dahua/);
});

/** A sent delivery row to `recipient`, as the sender leaves it. */
async function sentRow(into: DynamoDbStore, subjectId: string, recipient: string): Promise<void> {
  const row = newDelivery({ subjectId, recipient, channel: 'email', generation: 0 }, 'alert', [subjectId], 'x');
  await into.put(deliveryItem({ ...row, status: 'sent', sentAt: '2026-01-01T00:00:00.000Z' }));
}

it('remove erases the item, address and flags, and says when the config still lists the address', async () => {
  await new DynamoSubscribers(store).unsubscribe('reader@campaign.example.net');
  await sentRow(store, 'alert-1', 'reader@campaign.example.net');
  await sentRow(store, 'alert-1', 'desk@campaign.example.net');
  const removed = procwatch('subscribers', 'remove', 'reader@campaign.example.net', ...deployed());
  expect(removed.code).toBe(0);
  expect(removed.out).toMatch(/Erased reader@campaign\.example\.net/);
  expect(removed.out).toMatch(/Replaced the address in 1 delivery row\(s\)/);
  expect(JSON.stringify(await store.scanAll())).not.toContain('reader@campaign.example.net');
  expect(removed.out).toMatch(/config file still lists this address/);
  expect(await store.get(deliveryKeys.subscriber('reader@campaign.example.net'))).toBeUndefined();
  const states = await new DynamoSubscribers(store).listSubscriberStates();
  expect(states.map((s) => s.email)).not.toContain('reader@campaign.example.net');

  const again = procwatch('subscribers', 'remove', 'reader@campaign.example.net', ...deployed());
  expect(again).toMatchObject({ code: 1, out: expect.stringMatching(/is not in[^]*in 0 delivery row/) });
});

it('remove on the local table erases the address from its delivery rows too, and says how many', async () => {
  const local = await freshStore('subscribers-local');
  const localConfig = join(dir, 'local.config.json');
  const file = JSON.parse(readFileSync(config, 'utf8'));
  writeFileSync(localConfig, JSON.stringify({ ...file, store: { ...file.store, table: local.tableName } }));
  await sentRow(local, 'alert-1', 'former@campaign.example.net');
  await sentRow(local, 'alert-2', 'former@campaign.example.net');
  const removed = procwatchWith(localConfig, 'subscribers', 'remove', 'former@campaign.example.net');
  expect(removed).toMatchObject({ code: 0, out: expect.stringMatching(/in 2 delivery row\(s\)/) });
  expect(JSON.stringify(await local.scanAll())).not.toContain('former@campaign.example.net');
});

it('refuses --aws without a table, and --table without --aws (exit 2)', () => {
  expect(procwatch('subscribers', '--aws', '--region', 'eu-west-2').code).toBe(2);
  expect(procwatch('subscribers', '--table', store.tableName).code).toBe(2);
  expect(procwatch('subscribers', 'import', ...deployed()).err).toMatch(/a file or --from-config/);
});

it('imports a people file; an entry the config schema refuses is refused with where it is', () => {
  const file = join(dir, 'people.json');
  writeFileSync(file, JSON.stringify([{ email: 'filed@campaign.example.net', sources: ['procurement-bills'] }]));
  expect(procwatch('subscribers', 'import', file, ...deployed())).toMatchObject({ code: 0 });
  writeFileSync(file, JSON.stringify([{ email: 'not an address' }]));
  const bad = procwatch('subscribers', 'import', file, ...deployed());
  expect(bad.code).toBe(2);
  expect(bad.err).toMatch(/people\.json: \[0\.email\] must be an e-mail address/);
});
