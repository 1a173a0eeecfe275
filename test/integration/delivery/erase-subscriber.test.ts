/**
 * Removing a person erases their address from every item of the table, the delivery rows already
 * written included, while the rows keep their status and history: a person added, real alerts
 * delivered to them (sent, one failed for good with the provider's error naming them, one retried),
 * then removed; the whole table read back. DynamoDB Local, real alerts.
 */
import { DeliveryErasure } from '../../../lambdas/adapters/dynamodb/delivery-erasure';
import type { DynamoDbStore } from '../../../lambdas/adapters/dynamodb/dynamodb-store';
import { DynamoSubscribers } from '../../../lambdas/adapters/dynamodb/subscriber-store';
import { DeliveryError } from '../../../lambdas/core/errors';
import type { Mailer } from '../../../lambdas/core/ports';
import { runDelivery } from '../../../lambdas/core/run-delivery';
import { deliveryDeps, only, recordRealAlerts, seed, type Recorded } from './seeded-alerts';

const GONE = 'gone.reader@example.org';
const STAYS = 'stays@example.org';

let recorded: Recorded;
beforeAll(async () => {
  recorded = await recordRealAlerts();
}, 120_000);

/** Accepts everything but the first message to GONE (refused for good, naming them) and the second (once). */
function choosyMailer(): Mailer {
  let toGone = 0;
  return {
    name: 'choosy',
    async send(message) {
      if (message.to.some((t) => t.toLowerCase().includes(GONE))) {
        toGone++;
        if (toGone === 1) throw new DeliveryError(`Address blacklisted: <${GONE.toUpperCase()}>`, true);
        if (toGone === 2) throw new DeliveryError('try again later', false);
      }
      return { messageId: `m-${message.messageId}` };
    },
  };
}

type Row = Record<string, unknown>;
const deliveries = async (store: DynamoDbStore) => (await store.scanAll()).filter((i) => i.entity === 'delivery');
const statusCounts = (rows: Row[]) =>
  rows.reduce<Record<string, number>>((n, r) => ({ ...n, [String(r.status)]: (n[String(r.status)] ?? 0) + 1 }), {});

it('leaves no item that names the removed person, and every delivery row with its status and history', async () => {
  const letters = only(recorded, ['new-correspondence', 'changed-correspondence']);
  const store = await seed(letters, 'erase-subscriber');
  const people = new DynamoSubscribers(store);
  await people.addSubscriber({ email: GONE, frequency: 'immediate' });
  await people.addSubscriber({ email: STAYS, frequency: 'immediate' });
  await runDelivery(deliveryDeps(store, choosyMailer()), {
    from: 'procurement-watch <alerts@campaign.example.net>',
    to: [],
    sourceNames: [{ id: 'bscc-correspondence', name: 'BSCC correspondence on GOV.UK' }],
  });
  const before = await deliveries(store);
  const gone = before.filter((r) => r.recipient === GONE);
  expect(gone.length).toBeGreaterThanOrEqual(2);
  expect(gone.map((r) => r.status)).toEqual(expect.arrayContaining(['sent', 'failed']));
  expect(JSON.stringify(await store.scanAll()).toLowerCase()).toContain(GONE);

  const rows = await new DeliveryErasure(store).eraseAddress(`Gone Reader <${GONE.toUpperCase()}>`);
  expect(await people.removeSubscriber(GONE)).toBe(true);

  expect(rows).toBe(gone.length);
  const everything = await store.scanAll();
  expect(JSON.stringify(everything).toLowerCase()).not.toContain(GONE);
  const after = await deliveries(store);
  expect(after).toHaveLength(before.length);
  expect(statusCounts(after)).toEqual(statusCounts(before));
  // The other person's rows are untouched; the erased ones share one placeholder, with no address in it.
  expect(after.filter((r) => r.recipient === STAYS)).toEqual(
    expect.arrayContaining(before.filter((r) => r.recipient === STAYS)),
  );
  const placeholders = new Set(after.filter((r) => r.recipient !== STAYS).map((r) => r.recipient));
  expect(placeholders.size).toBe(1);
  expect([...placeholders][0]).toMatch(/^erased-[0-9a-f]{18}$/);
  const erased = after.filter((r) => r.recipient !== STAYS);
  expect(erased.map((r) => [r.status, r.attempts, r.sentAt ?? null, r.alertIds])).toEqual(
    expect.arrayContaining(gone.map((r) => [r.status, r.attempts, r.sentAt ?? null, r.alertIds])),
  );
  expect(String(erased.find((r) => r.status === 'failed')?.lastError)).toMatch(/blacklisted: <erased-/);

  // A second run finds nothing more to change.
  expect(await new DeliveryErasure(store).eraseAddress(GONE)).toBe(0);
}, 60_000);
