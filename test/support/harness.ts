/**
 * An integration harness: the real product runtime (DynamoDB Local, undici fetcher, outbox mailer)
 * pointed at a real local replay server. Sleeps are instant so retries do not slow the suite;
 * nothing else is faked. With `smtp`, mail goes the way `procwatch run` sends it: the config's
 * `mailer.kind: smtp` through openMailSetup and deliverInput, to a real SMTP server on loopback.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { loadConfigFile } from '../../lambdas/adapters/fs/config-file';
import { deliverInput, openMailSetup, type MailSetup } from '../../lambdas/adapters/mail/mail-setup';
import { OutboxMailer } from '../../lambdas/adapters/mail/outbox-mailer';
import { ReplayServer } from '../../devtools/replay/replay-server';
import type { FetcherOptions } from '../../lambdas/adapters/http/undici-fetcher';
import { silentLogger } from '../../lambdas/adapters/log/json-logger';
import { openRuntime, type Runtime } from '../../lambdas/composition';
import { allSitesAt, type Config } from '../../lambdas/config';
import { cycleInput } from '../../lambdas/cycle-input';
import { sourceKinds } from '../../lambdas/sources';
import type { Clock, Logger, Mailer } from '../../lambdas/core/ports';
import { watchOnce, type WatchInput } from '../../lambdas/core/watch-once';
import { testEndpoint } from './dynamo';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

export const ROOT = join(__dirname, '..', '..');

export const instantClock: Clock = { now: () => new Date(), sleep: async () => undefined };

export interface Harness {
  replay: ReplayServer;
  runtime: Runtime;
  config: Config;
  outbox: string;
  /** The SMTP server the mail went to (with `smtp`), else null. */
  sink: SmtpSink | null;
  /** What a cycle is given: the CLI's cycle input and, with `smtp`, its delivery input. */
  input(): WatchInput;
  /** One watch cycle; `deps` swaps ports (a fault-injecting store) for this cycle only. */
  cycle(step?: string, deps?: Parameters<typeof watchOnce>[0]): ReturnType<typeof watchOnce>;
  emails(): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

let tables = 0;

/**
 * What the demo's step t1 raises on the two BSCC sources, sorted: the Northmoor letter corrected; the
 * Home Office publication and its letter withdrawn (GOV.UK's way: gone from search, notice on the
 * item); new letters to and from Hikvision — one HTML (4 September 2023), one HTML (30 March 2022)
 * and one PDF (12 January 2024).
 */
export const T1_ALERTS = [
  'document-changed',
  'document-withdrawn',
  'document-withdrawn',
  'new-correspondence',
  'new-correspondence',
  'new-correspondence',
];

/** The foundation's two BSCC sources: tests of the core cycle watch only these. */
export const BSCC_SOURCES = ['bscc-correspondence', 'never-again-publication'];

export interface HarnessOptions {
  replayRoot?: string;
  /** The replay step served first (default t0). */
  step?: string;
  configFile?: string;
  sources?: string[];
  config?: (c: Config) => Config;
  mailer?: Mailer;
  logger?: Logger;
  clock?: Clock;
  fetcher?: Partial<FetcherOptions>;
  /** Table-name prefix, so a suite's tables are recognisable in DynamoDB Local. */
  tablePrefix?: string;
  /** Deliver over SMTP to a real server the harness starts, composed as the CLI composes it. */
  smtp?: boolean;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const replay = await new ReplayServer(options.replayRoot ?? join(ROOT, 'demo/replay')).start(options.step ?? 't0');
  const base = loadConfigFile(options.configFile ?? join(ROOT, 'procwatch.config.json'));
  let config: Config = {
    ...base,
    endpoints: allSitesAt(replay.url, base.endpoints),
    store: { ...base.store, table: `${options.tablePrefix ?? 'it'}-${process.pid}-${Date.now()}-${tables++}` },
  };
  if (options.sources) config = { ...config, sources: config.sources.filter((s) => options.sources!.includes(s.id)) };
  if (options.config) config = options.config(config);
  const outbox = mkdtempSync(join(tmpdir(), 'procwatch-outbox-'));
  const sink = options.smtp ? await startSmtpSink() : null;
  let mail: MailSetup | null = null;
  if (sink) {
    const smtp = { host: '127.0.0.1', port: sink.port, timeoutMs: 10_000 };
    config = { ...config, mailer: { ...config.mailer, kind: 'smtp', smtp } };
    // No environment: the development unsubscribe secret, never a developer's own.
    mail = await openMailSetup(config, { root: ROOT, env: {} });
  }
  const runtime = await openRuntime(config, {
    root: ROOT,
    dynamoEndpoint: testEndpoint(),
    allowPrivateHosts: [replay.host],
    clock: options.clock ?? instantClock,
    logger: options.logger ?? silentLogger,
    mailer: options.mailer ?? mail?.mailer ?? new OutboxMailer(outbox),
    fetcher: { timeoutMs: 2000, backoffBaseMs: 1, ...options.fetcher },
  });
  const input = (): WatchInput => ({
    ...cycleInput(config, runtime, { kinds: sourceKinds }),
    ...(mail ? deliverInput(config, mail) : {}),
  });
  return {
    replay,
    runtime,
    config,
    outbox,
    sink,
    input,
    async cycle(step?: string, deps?: Parameters<typeof watchOnce>[0]) {
      if (step) replay.setStep(step);
      return watchOnce(deps ?? runtime, input());
    },
    async emails() {
      const files = readdirSync(outbox)
        .filter((f) => f.endsWith('.eml'))
        .sort();
      return Promise.all(files.map((f) => simpleParser(readFileSync(join(outbox, f)))));
    },
    async close() {
      (mail?.mailer as { close?: () => void } | undefined)?.close?.();
      await runtime.close();
      await replay.stop();
      await sink?.close();
    },
  };
}
