/** What every delivery use-case is given (deps, input) and gives back (the report), and who is subscribed. */
import type { Alert } from './model';
import type {
  ChangeLog,
  Clock,
  DocumentStore,
  Logger,
  Mailer,
  Metrics,
  Outbox,
  SubscriberStore,
  WebhookSender,
} from './ports';
import { listedSubscribers, type Subscriber } from './subscribers';

/** The points a crash-injection test may stop delivery at (test/integration/delivery/crash-injection.test.ts). */
export type DeliveryStep = 'expanded' | 'claimed' | 'accepted' | 'settled';

export interface DeliverDeps {
  /** The changes and alerts to send; a source's documents for what a baseline e-mail lists. */
  store: ChangeLog & Pick<DocumentStore, 'listDocuments'>;
  outbox: Outbox;
  subscriberStore: SubscriberStore;
  mailer: Mailer;
  /** POSTs the webhook channel's rows; without it those rows fail (`no webhook sender`). */
  webhooks?: WebhookSender;
  logger: Logger;
  clock?: Clock;
  /** `DeliveriesFailed` on every permanent failure: the operator's alarm. */
  metrics?: Metrics;
  /** Called after each step; throwing here stops delivery as a crash would (tests only). */
  onStep?: (step: DeliveryStep, subjectId: string) => void;
}

export interface UnsubscribeLinks {
  /** The one-click endpoint; the token is appended as `?token=`. */
  baseUrl: string;
  secret: string;
  mailto?: string;
}

export interface DeliverInput {
  from: string;
  /** Legacy recipients: everyone, immediately, everything. */
  to: string[];
  subscribers?: Subscriber[];
  unsubscribe?: UnsubscribeLinks;
  /** The configured sources: their names in emails, and what a baseline email lists. */
  sourceNames?: { id: string; name?: string }[];
  /** The web page's public address: each alert then links to its change there. */
  publicUrl?: string;
  /** Claims of a row before a temporary failure becomes `failed`. */
  maxAttempts?: number;
  /** Tries inside one claim, with exponential backoff, before the row waits for a later run. */
  inlineTries?: number;
  backoffMs?: number;
  leaseMs?: number;
}

export interface DeliveryReport {
  /** Alerts that went out in an email of their own in this run. */
  sent: Alert[];
  failed: { subjectId: string; recipient: string; reason: string; alert: Alert | null }[];
  /** Emails handed to the provider in this run (alerts and digests). */
  messages: number;
  /** Webhook POSTs the endpoints accepted in this run. */
  webhooks: number;
  /** Rows sent again after their sender's lease ran out: the provider may already have had them. */
  resent: number;
  /** Rows left for a later run after temporary failures. */
  retrying: number;
  digests: number;
  /** Alerts expanded into rows in this run. */
  expanded: number;
  /** Rows not sent because their recipient unsubscribed, was suppressed or left the config meanwhile. */
  skipped: number;
}

export function emptyReport(): DeliveryReport {
  return {
    sent: [],
    failed: [],
    messages: 0,
    webhooks: 0,
    resent: 0,
    retrying: 0,
    digests: 0,
    expanded: 0,
    skipped: 0,
  };
}

/** Everyone the config and the table name, with their stored flags; read once per run, and only when there is work. */
export function subscribedPeople(deps: Pick<DeliverDeps, 'subscriberStore'>, input: DeliverInput) {
  let people: Promise<Subscriber[]> | null = null;
  return (): Promise<Subscriber[]> =>
    (people ??= deps.subscriberStore
      .listSubscriberStates()
      .then((states) => listedSubscribers(input.subscribers, input.to, states)));
}
