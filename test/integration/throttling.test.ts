import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrganizationsClient, ListRootsCommand } from '@aws-sdk/client-organizations';
import { SPA_TEST_MARK } from '../helpers/observed.js';
import { minimalFor, startEmulator, workspace, type Emulator } from '../helpers/org.js';
import { REALISTIC_RATES, TokenBuckets } from '../support/aws-rates.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

describe('throttling like AWS in the emulator gateway', () => {
  it('refills a bucket at its rate and never lends more than its burst', () => {
    let now = 0;
    const buckets = new TokenBuckets(
      { ...REALISTIC_RATES, organizationsRead: { rate: 2, burst: 3 } },
      () => now,
    );
    const takes = () => Array.from({ length: 5 }, () => buckets.take('organizations', 'ListParents'));
    expect(takes()).toEqual([true, true, true, false, false]);
    now = 1000;
    expect(takes()).toEqual([true, true, false, false, false]);
    // Another operation has its own bucket; writes share one across operations; STS is never throttled.
    expect(buckets.take('organizations', 'ListRoots')).toBe(true);
    expect(buckets.take('organizations', 'TagResource')).toBe(true);
    expect(buckets.take('organizations', 'UntagResource')).toBe(true);
    expect(buckets.take('organizations', 'MoveAccount')).toBe(false);
    expect(Array.from({ length: 50 }, () => buckets.take('other', 'AssumeRole')).every(Boolean)).toBe(true);
  });

  it('answers TooManyRequestsException with HTTP 400 beyond the rate, as Organizations does', async () => {
    const gw = emulator.gateway;
    gw.setRates({ ...REALISTIC_RATES, organizationsRead: { rate: 0.001, burst: 1 } });
    try {
      const client = new OrganizationsClient({
        endpoint: gw.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
        maxAttempts: 1,
      });
      const first = await client.send(new ListRootsCommand({})).then(
        () => 'answered',
        (e: { name: string }) => e.name,
      );
      // The first call passes the gateway (moto answers, even without an organization); the second is throttled.
      expect(first).not.toBe('TooManyRequestsException');
      const second = await client.send(new ListRootsCommand({})).catch((e: unknown) => e);
      expect(second).toMatchObject({
        name: 'TooManyRequestsException',
        $metadata: { httpStatusCode: 400 },
      });
      expect(gw.throttled.get('ListRoots')).toBe(1);
    } finally {
      gw.setRates(undefined);
    }
  });

  it('plans and applies under the realistic rates: throttled calls are retried, the next plan is empty', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `user-${String(i).padStart(3, '0')}`);
    const ws = await workspace(
      emulator,
      {
        ous: ['Sandbox'],
        ouTags: { Sandbox: SPA_TEST_MARK },
        accounts: names.map((n) => ({ name: n, email: `${n}@example.com`, ou: 'Sandbox' })),
      },
      minimalFor({ ous: { Sandbox: { managed: true, costCenter: 'CC-1' } } }),
    );
    const gw = emulator.gateway;
    try {
      // Tight rates, so that a small organization meets them: what a large one meets at the realistic rates.
      gw.setRates({
        ...REALISTIC_RATES,
        organizationsRead: { rate: 20, burst: 5 },
        organizationsWrite: { rate: 5, burst: 1 },
      });
      gw.resetCounts();
      const { plan } = await ws.plan();
      expect(plan.changes).toHaveLength(80);
      const { result, outcome } = await ws.apply(['--allow-large']);
      expect(result.code, result.stderr).toBe(0);
      expect(outcome.summary).toEqual({ applied: 80, alreadyApplied: 0, failed: 0, skipped: 0 });
      const throttledCalls = [...gw.throttled.values()].reduce((a, b) => a + b, 0);
      expect(throttledCalls).toBeGreaterThan(0);
      const again = await ws.plan();
      expect(again.plan.changes).toEqual([]);
    } finally {
      gw.setRates(undefined);
      ws.cleanup();
    }
  }, 120_000);
});
