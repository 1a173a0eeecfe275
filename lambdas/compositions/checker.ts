/**
 * The check-sources Lambda's runtime: the table, its leases, the cycle's fetcher and the PDF reader,
 * and nothing that delivers (no mailer, no webhook sender: the sender's Lambda does that).
 */
import { resolve } from 'node:path';
import { DynamoLeases } from '../adapters/dynamodb/dynamodb-leases';
import { DynamoOutbox } from '../adapters/dynamodb/outbox';
import { loadKnownCorpus } from '../adapters/fs/known-correspondence';
import { PdfTextExtractor } from '../adapters/pdf/pdf-text-extractor';
import type { Runtime } from '../composition';
import type { Config } from '../config';
import { systemClock, type Logger } from '../core/ports';
import { cycleFetcher } from './cycle-fetcher';
import { connectStore } from './store-connection';

export type CheckerRuntime = Pick<
  Runtime,
  'config' | 'store' | 'leases' | 'fetcher' | 'extractor' | 'clock' | 'logger' | 'known' | 'outbox' | 'close'
>;

export interface CheckerOptions {
  /** Project root the config's paths resolve against (the bundle's folder in Lambda). */
  root: string;
  /** DynamoDB Local's endpoint, or null for AWS. */
  endpoint: string | null;
  allowPrivateHosts: string[];
  /** The hosts the sources may fetch from, as resolved with the config at synth. */
  allowedHosts: string[];
  logger: Logger;
}

export async function openChecker(config: Config, options: CheckerOptions): Promise<CheckerRuntime> {
  const store = await connectStore(config, options.endpoint);
  const fetcher = cycleFetcher(
    config,
    options.allowedHosts,
    { allowPrivateHosts: options.allowPrivateHosts },
    systemClock,
  );
  return {
    config,
    store,
    leases: new DynamoLeases(store),
    outbox: new DynamoOutbox(store),
    fetcher,
    extractor: new PdfTextExtractor(),
    clock: systemClock,
    logger: options.logger,
    known: loadKnownCorpus(
      resolve(options.root, config.knownCorrespondence),
      resolve(options.root, 'data/parties.json'),
    ),
    close: () => fetcher.close(),
  };
}
