/**
 * Wires every adapter to its port: the CLI, the demo and the tests build their runtime here. Each
 * Lambda handler has a composition of its own in lambdas/compositions/ with only what it uses, built
 * from the same pieces (the table's connection, the cycle's fetcher), so all run the same code.
 */
import { join, resolve } from 'node:path';
import type { KnownCorpus } from './core/classify-document';
import type { Clock, Leases, Logger, Mailer, Metrics, TextExtractor, WebhookSender } from './core/ports';
import { PdfTextExtractor } from './adapters/pdf/pdf-text-extractor';
import { DynamoLeases } from './adapters/dynamodb/dynamodb-leases';
import { noMetrics, systemClock } from './core/ports';
import { allowedHosts, type Config } from './config';
import { DynamoOutbox } from './adapters/dynamodb/outbox';
import { DynamoSubscribers } from './adapters/dynamodb/subscriber-store';
import type { DynamoDbStore } from './adapters/dynamodb/dynamodb-store';
import { loadKnownCorpus } from './adapters/fs/known-correspondence';
import type { UndiciFetcher, FetcherOptions } from './adapters/http/undici-fetcher';
import { OutboxMailer } from './adapters/mail/outbox-mailer';
import { HttpsWebhookSender } from './adapters/webhook/https-webhook-sender';
import { JsonLogger } from './adapters/log/json-logger';
import { ConfigError } from './core/errors';
import { cycleFetcher } from './compositions/cycle-fetcher';
import { connectStore } from './compositions/store-connection';

export interface Runtime {
  config: Config;
  store: DynamoDbStore;
  /** One cycle writes at a time (core/cycle-lock), on the same table. */
  leases: Leases;
  /** Reads PDF attachments (loaded on first use). */
  extractor: TextExtractor;
  /**
   * The outbox on the same table, the only delivery store there is: every entry point (Lambdas,
   * CLI, demo, tests) delivers through it, so exactly-once holds across runs and the tests exercise
   * what ships.
   */
  outbox: DynamoOutbox;
  /** Unsubscribes and suppressions (SUBSCRIBER# items) on the same table. */
  subscriberStore: DynamoSubscribers;
  /** EMF counters in Lambda (the alarm reads them); nothing locally. */
  metrics: Metrics;
  fetcher: UndiciFetcher;
  mailer: Mailer;
  /** POSTs the webhook channel's rows (the fetcher's address guard, no redirects). */
  webhooks: WebhookSender;
  clock: Clock;
  logger: Logger;
  known: KnownCorpus;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Project root: relative paths in the config resolve against it. */
  root?: string;
  /** Where the known correspondence and parties are read when not under `root` (a global install's own). */
  dataRoot?: string;
  /** Use this DynamoDB endpoint (a running DynamoDB Local, or AWS when absent and `aws` is set). */
  dynamoEndpoint?: string;
  /** Talk to real DynamoDB with the ambient AWS credentials (Lambda). */
  aws?: boolean;
  /** Keep DynamoDB Local's data in memory instead of under the data folder. */
  inMemory?: boolean;
  /** Hosts that may resolve to loopback (the replay server). */
  allowPrivateHosts?: string[];
  clock?: Clock;
  logger?: Logger;
  mailer?: Mailer;
  webhooks?: WebhookSender;
  metrics?: Metrics;
  fetcher?: Partial<FetcherOptions>;
  /**
   * Starts a DynamoDB Local when no endpoint is given (the CLI passes devtools/local's launcher, so that
   * dev tool never reaches a Lambda bundle). `dbPath` is absent for an in-memory store.
   */
  launchLocal?: (dbPath: string | undefined) => Promise<LocalStore>;
}

/** A DynamoDB Local this runtime started, and stops on close. */
export interface LocalStore {
  endpoint: string;
  stop(): Promise<void>;
}

export async function openRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const root = options.root ?? process.cwd();
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? new JsonLogger();
  let local: LocalStore | null = null;
  let endpoint: string | null = null;
  if (!options.aws) {
    endpoint = options.dynamoEndpoint ?? config.store.endpoint ?? null;
    if (!endpoint) {
      if (!options.launchLocal) {
        throw new ConfigError(['No DynamoDB endpoint: set store.endpoint in the config, or run through the CLI.']);
      }
      local = await options.launchLocal(options.inMemory ? undefined : resolve(root, config.store.dataDir, 'dynamodb'));
      endpoint = local.endpoint;
    }
  }
  let store: DynamoDbStore;
  try {
    store = await connectStore(config, endpoint);
  } catch (err) {
    // A JVM we started must not outlive a runtime that never opened.
    await local?.stop();
    throw err;
  }
  const fetcher = cycleFetcher(config, allowedHosts(config), options, clock);
  const mailer =
    options.mailer ??
    new OutboxMailer(resolve(root, String(config.mailer.dir ?? join(config.store.dataDir, 'outbox'))));
  const webhooks = options.webhooks ?? new HttpsWebhookSender({ userAgent: config.userAgent });
  const data = options.dataRoot ?? root;
  const known = loadKnownCorpus(resolve(data, config.knownCorrespondence), resolve(data, 'data/parties.json'));
  return {
    config,
    store,
    leases: new DynamoLeases(store),
    extractor: new PdfTextExtractor(),
    outbox: new DynamoOutbox(store),
    subscriberStore: new DynamoSubscribers(store),
    metrics: options.metrics ?? noMetrics,
    fetcher,
    mailer,
    webhooks,
    clock,
    logger,
    known,
    async close() {
      await fetcher.close();
      if (webhooks instanceof HttpsWebhookSender) await webhooks.close();
      await local?.stop();
    },
  };
}

export interface Probe {
  fetcher: UndiciFetcher;
  extractor: TextExtractor;
  clock: Clock;
  close(): Promise<void>;
}

/** `procwatch doctor`'s ends: the cycle's own fetcher and PDF reader, and no store. */
export function openProbe(config: Config, options: Pick<RuntimeOptions, 'allowPrivateHosts' | 'fetcher'> = {}): Probe {
  const fetcher = cycleFetcher(config, allowedHosts(config), options, systemClock);
  return { fetcher, extractor: new PdfTextExtractor(), clock: systemClock, close: () => fetcher.close() };
}
