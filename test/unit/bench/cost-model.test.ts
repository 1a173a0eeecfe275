/** The cost model's arithmetic on hand-made unit costs: schedule counts, the hourly heartbeat, naive rewrites. */
import { ASSUMPTIONS, monthlyBill, PRICES, type UnitCosts } from '../../../bench/cost-model';

const units: UnitCosts = {
  quiet: { requests: 1, bytes: 40_000, rcu: 6, ms: 10, logBytes: 160 },
  heartbeatWcu: 1,
  perChange: { requests: 2, rcu: 1, wcu: 40, ms: 50, alerts: 1 },
  naivePerSource: { requests: 221, bytes: 2_000_000, rcu: 5, ms: 3000, logBytes: 60, wcu: 1000 },
  storedKbPerDocument: 12,
  loadMs: 300,
};

describe('monthlyBill', () => {
  it('invokes each schedule group once per tick, whatever its number of sources', () => {
    const one = monthlyBill(
      { name: 'a', groups: { govuk: 1, parliament: 1, legislation: 1 }, documentsPerSource: 100, strategy: 'product' },
      units,
    );
    const ten = monthlyBill(
      {
        name: 'b',
        groups: { govuk: 10, parliament: 10, legislation: 10 },
        documentsPerSource: 100,
        strategy: 'product',
      },
      units,
    );
    expect(one.invocations).toBe(30 * 96 + 30 * 24 + 30);
    expect(ten.invocations).toBe(one.invocations);
    expect(ten.httpRequests).toBeCloseTo(one.httpRequests * 10, 6);
  });

  it('charges a quiet source one state write an hour, and changes on top', () => {
    const bill = monthlyBill({ name: 'a', groups: { govuk: 2 }, documentsPerSource: 100, strategy: 'product' }, units);
    const changes = 2 * ASSUMPTIONS.changesPerSourcePerDay * ASSUMPTIONS.days;
    expect(bill.writeUnits).toBe(2 * 30 * 24 * units.heartbeatWcu + changes * units.perChange.wcu);
    expect(bill.emails).toBe(changes * ASSUMPTIONS.recipients);
    expect(bill.cost['DynamoDB writes']).toBeCloseTo((bill.writeUnits / 1e6) * PRICES.dynamoPerMillionWrites, 10);
  });

  it('charges the naive monitor its full rewrite every cycle', () => {
    const bill = monthlyBill({ name: 'n', groups: { govuk: 2 }, documentsPerSource: 100, strategy: 'naive' }, units);
    expect(bill.writeUnits).toBe(30 * 96 * 2 * units.naivePerSource.wcu);
    expect(bill.total).toBeCloseTo(
      Object.values(bill.cost).reduce((a, b) => a + b, 0),
      10,
    );
  });
});
