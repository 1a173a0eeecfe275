/**
 * The ses-feedback Lambda's runtime: the outbox (to settle a row) and the subscriber items (to
 * suppress an address), with the metric the alarm reads. Nothing that fetches or sends.
 */
import { DynamoOutbox } from '../adapters/dynamodb/outbox';
import { DynamoSubscribers } from '../adapters/dynamodb/subscriber-store';
import { EmfMetrics } from '../adapters/log/emf-metrics';
import { JsonLogger } from '../adapters/log/json-logger';
import type { Config } from '../config';
import type { FeedbackDeps } from '../core/record-feedback';
import { connectStore } from './store-connection';

export interface Feedback {
  deps: FeedbackDeps & { logger: JsonLogger };
  close(): Promise<void>;
}

export async function openFeedback(config: Config, endpoint: string | null): Promise<Feedback> {
  const store = await connectStore(config, endpoint);
  return {
    deps: {
      outbox: new DynamoOutbox(store),
      subscriberStore: new DynamoSubscribers(store),
      logger: new JsonLogger(undefined, { fn: 'ses-feedback' }),
      metrics: new EmfMetrics(),
    },
    close: async () => {},
  };
}
