/**
 * Real alerts to deliver: the product's own watch cycle over the composed BSCC replay (t0 baseline,
 * t1 new/changed/withdrawn letters) records changes and pending alerts in DynamoDB Local; `seed`
 * copies them into a fresh table so each scenario starts from the same pending work.
 */
import type { DynamoDbStore } from '../../../lambdas/adapters/dynamodb/dynamodb-store';
import { cycleInput } from '../../../lambdas/cycle-input';
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
    await runCycle(h.runtime, cycleInput(h.config, h.runtime));
    h.replay.setStep('t1');
    await runCycle(h.runtime, cycleInput(h.config, h.runtime));
    const alerts = await h.runtime.store.listAlerts('pending');
    const changes = (await Promise.all(alerts.map((a) => h.runtime.store.getChange(a.changeId)))).filter(
      (c): c is Change => Boolean(c),
    );
    return { changes, alerts };
  } finally {
    await h.close();
  }
}

/** A fresh table holding `recorded` as pending work. */
export async function seed(recorded: Recorded, prefix = 'delivery'): Promise<DynamoDbStore> {
  const store = await freshStore(prefix);
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
