/**
 * `procwatch subscribers`: who receives what (the table's subscribers, the config's and `alerts.to`),
 * with what the table remembers: who unsubscribed, and whose address is suppressed after a bounce or
 * complaint (and why). `add`, `remove` and `import` change the table, local or (`--aws`) deployed:
 * the deployed Lambdas read people from there, never from their bundle. `remove` also erases the
 * address from the delivery rows already written (adapters/dynamodb/delivery-erasure.ts).
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import * as z from 'zod';
import { DeliveryErasure } from '../adapters/dynamodb/delivery-erasure';
import { subscriberSchema, type Config } from '../config';
import { ConfigError, ProcwatchError } from '../core/errors';
import { addressOf, DEFAULT_DIGEST_HOUR, listedSubscribers, type Subscriber } from '../core/subscribers';
import { inertLine } from '../core/text/inert-text';
import { action, EXIT, readConfig, withRuntime, type GlobalOptions } from './cli-context';
import { addDeployedTableOptions, deployedTableTarget, type DeployedTableOptions } from './deployed-table';
import { print, printJson } from './terminal';

export function formatSubscriber(s: Subscriber): string {
  const when =
    s.frequency === 'daily'
      ? `daily at ${String(s.digestHour ?? DEFAULT_DIGEST_HOUR).padStart(2, '0')}:00 London`
      : 'immediate';
  const list = (v?: string[]) => (v?.length ? v.join(', ') : 'all');
  return [
    inertLine(s.email).padEnd(36),
    when.padEnd(24),
    `sources: ${list(s.sources)}; types: ${list(s.types)}; keywords: ${list(s.keywords)}`,
    s.webhooks?.length ? `; webhooks: ${s.webhooks.map((w) => inertLine(w.id)).join(', ')}` : '',
    s.unsubscribedAt ? `  UNSUBSCRIBED ${s.unsubscribedAt.slice(0, 10)}` : '',
    s.suppressedAt ? `  SUPPRESSED ${s.suppressedAt.slice(0, 10)} (${inertLine(s.suppressedReason ?? '')})` : '',
  ].join(' ');
}

/** The JSON row: everything the table row shows, the defaults it prints spelled out too. */
export function subscriberJson(s: Subscriber): Subscriber {
  return {
    ...s,
    ...(s.frequency === 'daily' ? { digestHour: s.digestHour ?? DEFAULT_DIGEST_HOUR } : {}),
    unsubscribedAt: s.unsubscribedAt ?? null,
    suppressedAt: s.suppressedAt ?? null,
    suppressedReason: s.suppressedReason ?? null,
  };
}

/** A people file: a JSON list of subscriber entries as the config writes them, or `{ "subscribers": [...] }`. */
export function parsePeopleFile(text: string, file: string): Subscriber[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError([`${file}: not JSON (${(err as Error).message})`]);
  }
  const list = Array.isArray(json) ? json : (json as { subscribers?: unknown })?.subscribers;
  const parsed = z.array(subscriberSchema).safeParse(list);
  if (!parsed.success)
    throw new ConfigError(parsed.error.issues.map((i) => `${file}: [${i.path.join('.')}] ${i.message}`));
  return parsed.data.map(storedRules);
}

/** What the table keeps of an entry: its rules, without comments or webhooks (those stay in the config). */
function storedRules({ $comment: _c, webhooks: _w, ...s }: z.infer<typeof subscriberSchema>): Subscriber {
  return { ...s, email: addressOf(s.email), frequency: s.frequency ?? 'immediate' };
}

/** The config's people (its subscribers, then `alerts.to` as immediate-everything): `import --from-config`. */
export function peopleOfConfig(config: Config): Subscriber[] {
  const out = new Map<string, Subscriber>();
  for (const to of config.alerts.to) out.set(addressOf(to), { email: addressOf(to), frequency: 'immediate' });
  for (const s of config.subscribers ?? []) out.set(addressOf(s.email), storedRules(s));
  return [...out.values()];
}

const splitList = (v?: string) =>
  v
    ?.split(',')
    .map((x) => x.trim())
    .filter(Boolean);

interface AddOptions {
  keywords?: string;
  sources?: string;
  types?: string;
  daily?: boolean;
  digestHour?: string;
  name?: string;
}

function personFromOptions(email: string, opts: AddOptions): Subscriber {
  const raw = {
    email,
    ...(opts.name ? { name: opts.name } : {}),
    ...(opts.sources ? { sources: splitList(opts.sources) } : {}),
    ...(opts.types ? { types: splitList(opts.types) } : {}),
    ...(opts.keywords ? { keywords: splitList(opts.keywords) } : {}),
    frequency: opts.daily || opts.digestHour ? 'daily' : 'immediate',
    ...(opts.digestHour ? { digestHour: Number(opts.digestHour) } : {}),
  };
  return parsePeopleFile(JSON.stringify([raw]), 'the command line')[0];
}

function stillInConfig(config: Config, email: string): boolean {
  const key = addressOf(email);
  return [...config.alerts.to, ...(config.subscribers ?? []).map((s) => s.email)].some((a) => addressOf(a) === key);
}

export function registerSubscribers(program: Command): void {
  const cmd = addDeployedTableOptions(
    program
      .command('subscribers')
      .description(
        'list who receives alerts (sources, types, keywords, frequency), who unsubscribed, who is suppressed',
      )
      .option('--json', 'print JSON'),
  ).action(
    action(async (opts: DeployedTableOptions & { json?: boolean }) => {
      const target = deployedTableTarget(readConfig(program.opts<GlobalOptions>()), opts);
      const states = await withRuntime(target.config, target.runtime, (rt) =>
        rt.subscriberStore.listSubscriberStates(),
      );
      const subs = listedSubscribers(target.config.subscribers, target.config.alerts.to, states);
      if (opts.json) printJson(subs.map(subscriberJson));
      else for (const s of subs) print(`${formatSubscriber(s)}\n`);
      return EXIT.ok;
    }),
  );

  // The --aws options are the parent's (commander reads a parent's options wherever they stand on the line).
  const where = () => cmd.opts<DeployedTableOptions>();
  cmd
    .command('add <email>')
    .description('add a person to the table (or replace their rules); a stored unsubscribe or suppression stays')
    .option('--keywords <list>', 'comma-separated watched terms: only alerts matching one')
    .option('--sources <list>', 'comma-separated source ids (default: every source)')
    .option('--types <list>', 'comma-separated alert types (default: every type)')
    .option('--daily', 'one digest a day instead of each alert as it comes')
    .option('--digest-hour <hour>', 'hour of the daily digest, Europe/London (implies --daily)')
    .option('--name <name>', 'their name, for your own list')
    .action(
      action(async (email: string, opts: AddOptions) => {
        const person = personFromOptions(email, opts);
        const target = deployedTableTarget(readConfig(program.opts<GlobalOptions>()), where());
        await withRuntime(target.config, target.runtime, (rt) => rt.subscriberStore.addSubscriber(person));
        print(`Added ${inertLine(person.email)} to ${target.config.store.table}.\n`);
        return EXIT.ok;
      }),
    );

  cmd
    .command('remove <email>')
    .description(
      "erase a person's item (address, rules, unsubscribe and suppression) and their address in delivery rows",
    )
    .action(
      action(async (email: string) => {
        const config = readConfig(program.opts<GlobalOptions>());
        const target = deployedTableTarget(config, where());
        // Rows first: should the run stop between the two, the item is still there to run remove again.
        const { erased, rows } = await withRuntime(target.config, target.runtime, async (rt) => {
          const changed = await new DeliveryErasure(rt.store).eraseAddress(email);
          return { rows: changed, erased: await rt.subscriberStore.removeSubscriber(email) };
        });
        const who = inertLine(addressOf(email));
        const table = target.config.store.table;
        print(erased ? `Erased ${who} from ${table}.\n` : `${who} is not in ${table}.\n`);
        print(`Replaced the address in ${rows} delivery row(s) with a placeholder; their status and history stay.\n`);
        // The deployed Lambdas never read the file's addresses, but local runs still would.
        if (stillInConfig(config, email))
          print('The config file still lists this address: remove it there too, or local runs keep mailing it.\n');
        return erased || rows > 0 ? EXIT.ok : EXIT.failure;
      }),
    );

  cmd
    .command('import [file]')
    .description("add every person of a JSON file (a list of subscriber entries), or the config's (--from-config)")
    .option('--from-config', "import the config's subscribers and alerts.to")
    .action(
      action(async (file: string | undefined, opts: { fromConfig?: boolean }) => {
        if (!file === !opts.fromConfig)
          throw new ProcwatchError('usage', 'subscribers import takes a file or --from-config (one of the two).');
        const config = readConfig(program.opts<GlobalOptions>());
        const people = file ? parsePeopleFile(readFileSync(file, 'utf8'), file) : peopleOfConfig(config);
        const target = deployedTableTarget(config, where());
        await withRuntime(target.config, target.runtime, async (rt) => {
          for (const p of people) await rt.subscriberStore.addSubscriber(p);
        });
        print(`Imported ${people.length} subscriber(s) into ${target.config.store.table}.\n`);
        return EXIT.ok;
      }),
    );
}
