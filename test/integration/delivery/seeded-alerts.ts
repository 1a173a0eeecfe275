/**
 * Real alerts to deliver: the product's own watch cycle over the composed BSCC replay (t0 baseline,
 * t1 new/changed/withdrawn letters) records changes and alerts (not yet expanded) in DynamoDB
 * Local; `seed` copies them into a fresh table so each scenario starts from the same work.
 * `deliveryDeps` wires the same adapters `openRuntime` does (lambdas/composition.ts) on that table.
 */
import type { DynamoDbStore } from '../../../lambdas/adapters/dynamodb/dynamodb-store';
import { deliveryFromItem } from '../../../lambdas/adapters/dynamodb/delivery-items';
import { deliveryKeys } from '../../../lambdas/adapters/dynamodb/items';
import { DynamoOutbox } from '../../../lambdas/adapters/dynamodb/outbox';
import { DynamoSubscribers } from '../../../lambdas/adapters/dynamodb/subscriber-store';
import { silentLogger } from '../../../lambdas/adapters/log/json-logger';
import type { DeliverDeps } from '../../../lambdas/core/delivery-context';
import type { Delivery, DeliveryKey } from '../../../lambdas/core/model';
import type { Mailer, Metrics } from '../../../lambdas/core/ports';
import { loadConfigFile } from '../../../lambdas/adapters/fs/config-file';
import { openRuntime, type Runtime } from '../../../lambdas/composition';
import { testEndpoint } from '../../support/dynamo';
import { instantClock, ROOT } from '../../support/harness';
import { join } from 'node:path';
import type { Clock } from '../../../lambdas/core/ports';
import { cycleInput } from '../../../lambdas/cycle-input';
import { sourceKinds } from '../../../lambdas/sources';
import type { Alert, Change } from '../../../lambdas/core/model';
import { runCycle } from '../../../lambdas/core/run-cycle';
import { freshStore } from '../../support/dynamo';
import { startHarness } from '../../support/harness';

export interface Recorded {
  changes: Change[];
  alerts: Alert[];
}

export async function recordRealAlerts(): Promise<Recorded> {
  const h = await startHarness();
  try {
    await runCycle(h.runtime, cycleInput(h.config, h.runtime, { kinds: sourceKinds }));
    h.replay.setStep('t1');
    await runCycle(h.runtime, cycleInput(h.config, h.runtime, { kinds: sourceKinds }));
    const alerts = await h.runtime.outbox.listUnexpanded();
    const changes = (await Promise.all(alerts.map((a) => h.runtime.store.getChange(a.changeId)))).filter(
      (c): c is Change => Boolean(c),
    );
    return { changes, alerts };
  } finally {
    await h.close();
  }
}

/** A fresh table (or `into`) holding `recorded` as work to deliver. */
export async function seed(recorded: Recorded, prefix = 'delivery', into?: DynamoDbStore): Promise<DynamoDbStore> {
  const store = into ?? (await freshStore(prefix));
  for (const change of recorded.changes) {
    await store.recordChange({
      changes: [change],
      alerts: recorded.alerts.filter((a) => a.changeId === change.changeId),
    });
  }
  return store;
}

/** The same change as recorded, but on a page whose title and summary carry markup (escaping tests). */
export function hostileCopy(change: Change, alert: Alert): Recorded {
  const title = `<script>alert("pwned")</script> BSCC letter <img src=x onerror=alert(1)>`;
  const hostile: Change = {
    ...change,
    changeId: `${change.changeId}-hostile`,
    title,
    summary: `${change.summary} <b onclick="x()">bold</b>`,
    url: 'javascript:alert(1)',
  };
  return {
    changes: [hostile],
    alerts: [{ ...alert, alertId: hostile.changeId, changeId: hostile.changeId, subject: `Changed: ${title}` }],
  };
}

/** The delivery ports on `store`, as the composition builds them; `over` swaps any of them. */
export function deliveryDeps(store: DynamoDbStore, mailer: Mailer, over: Partial<DeliverDeps> = {}): DeliverDeps {
  return {
    store,
    outbox: new DynamoOutbox(store),
    subscriberStore: new DynamoSubscribers(store),
    mailer,
    logger: silentLogger,
    clock: instantClock,
    ...over,
  };
}

/** One delivery row read back from the table (generation 0, email, unless given). */
export async function rowOf(
  store: DynamoDbStore,
  subjectId: string,
  recipient: string,
  over: Partial<DeliveryKey> = {},
): Promise<Delivery | null> {
  const key: DeliveryKey = { subjectId, recipient, channel: 'email', generation: 0, ...over };
  const item = await store.get(deliveryKeys.row(key));
  return item ? deliveryFromItem(item) : null;
}

/** Only the recorded alerts of these types (and their changes). */
export function only(recorded: Recorded, types: string[]): Recorded {
  const alerts = recorded.alerts.filter((a) => types.includes(a.type));
  const ids = new Set(alerts.map((a) => a.changeId));
  return { alerts, changes: recorded.changes.filter((c) => ids.has(c.changeId)) };
}

/** The runtime `openRuntime` builds for the Lambdas and the CLI (lambdas/composition.ts), on `store`'s table. */
export async function runtimeOn(
  store: DynamoDbStore,
  mailer: Mailer,
  clock: Clock,
  metrics?: Metrics,
): Promise<Runtime> {
  const base = loadConfigFile(join(ROOT, 'procwatch.config.json'));
  const config = { ...base, store: { ...base.store, table: store.tableName } };
  const options = { root: ROOT, dynamoEndpoint: testEndpoint(), mailer, clock, metrics, logger: silentLogger };
  return openRuntime(config, options);
}
