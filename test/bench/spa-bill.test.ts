import { describe, expect, it } from 'vitest';
import type { Phase, SpaCostRun } from './spa-cost.js';
import { monthlyBill, PRICES } from './spa-prices.js';
import { ASSUMPTIONS, metersOf, monthUsage } from './spa-usage.js';

const phase = (over: Partial<Phase>): Phase => ({
  name: 'p',
  events: 10,
  spread: false,
  calls: {},
  spaEvents: 0,
  forwardedEvents: 0,
  invocations: {},
  logBytes: 0,
  ...over,
});

describe("SPA's own bill", () => {
  it('prices each meter from the one table, the fixed part apart from what grows with the accounts', () => {
    const bill = monthlyBill(
      {
        lambdaRequests: { perAccount: 0, fixed: 1_000_000 },
        costExplorerRequests: { perAccount: 0.5, fixed: 0 },
        codeBuildMinutes: { perAccount: 10, fixed: 0 },
      },
      1000,
    );
    const line = (m: string) => bill.lines.find((l) => l.meter === m)!;
    expect(line('lambdaRequests')).toMatchObject({ quantity: 1_000_000, usd: 0.2 });
    expect(line('costExplorerRequests')).toMatchObject({ quantity: 500, usd: 5 });
    expect(line('codeBuildMinutes')).toMatchObject({ quantity: 10_000, usd: 50 });
    expect(bill.usd).toBeCloseTo(55.2, 10);
    expect(bill.usdWithoutBuilds).toBeCloseTo(5.2, 10);
    expect(bill.lines.map((l) => l.meter).slice(0, 3)).toEqual([
      'codeBuildMinutes',
      'costExplorerRequests',
      'lambdaRequests',
    ]);
    for (const p of Object.values(PRICES)) expect(p.source).toMatch(/^aws\.amazon\.com\//);
  });

  it('turns counted calls into meters: reads and writes, transactions twice, free APIs left out', () => {
    const m = metersOf(
      phase({
        calls: {
          'dynamodb GetItem': 3,
          'dynamodb Query': 1,
          'dynamodb PutItem': 2,
          'dynamodb TransactWriteItems': 1,
          's3 GET': 5,
          's3 PUT': 1,
          'ce GetCostAndUsage': 2,
          'ce GetCostForecast': 1,
          'organizations ListTagsForResource': 40,
          'sts AssumeRole': 9,
        },
        spaEvents: 4,
        forwardedEvents: 2,
      }),
    );
    expect(m).toMatchObject({
      dynamoDbReadUnits: 4,
      dynamoDbWriteUnits: 4,
      s3Reads: 5,
      s3Writes: 1,
      costExplorerRequests: 3,
      eventBridgeCustomEvents: 4,
      eventBridgeCrossAccountEvents: 2,
    });
    expect(Object.keys(m)).not.toContain('organizations');
  });

  it('counts an invocation per message for events spread over the month, the batches of a burst as they came', () => {
    const invocations = { activity: { count: 1, ms: 2000, messages: 10 } };
    const burst = metersOf(phase({ invocations }));
    const spread = metersOf(phase({ invocations, spread: true }));
    expect([burst.lambdaRequests, burst.sqsRequests]).toEqual([1, 12]);
    expect([spread.lambdaRequests, spread.sqsRequests]).toEqual([10, 30]);
    // The activity handler has 256 MB: 2 s of it are half a GB-second.
    expect(burst.lambdaGbSeconds).toBe(0.5);
  });

  it('scales each phase by how often its event happens per account and month', () => {
    const run: SpaCostRun = {
      accounts: 10,
      sweep: { calls: { 'dynamodb Query': 1 }, ms: 100 },
      phases: [phase({ events: 10, calls: { 'ce GetCostAndUsage': 30 } })],
      rates: [0.1],
    };
    const usage = monthUsage(run, { accounts: 1000, requests: 50, files: 4, wallMs: 10_000 });
    // 3 requests per event, 0.1 event a month; 2 cost reports of 50 requests per 1,000 accounts; the inventory's pages.
    const inventory = (1 / ASSUMPTIONS.accountsPerCostPage) * (52 / 12);
    expect(usage.costExplorerRequests!.perAccount).toBeCloseTo(0.3 + 0.1 + inventory, 12);
    expect(usage.costExplorerRequests!.fixed).toBe(0);
    expect(usage.dynamoDbReadUnits).toEqual({ perAccount: 0, fixed: ASSUMPTIONS.sweeperRunsPerMonth });
    expect(usage.codeBuildMinutes!.perAccount).toBeCloseTo(
      ASSUMPTIONS.windowsPerMonth * (ASSUMPTIONS.purgeMinutes + ASSUMPTIONS.prepareMinutes),
      12,
    );
  });
});
