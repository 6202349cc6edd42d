import { SPA_TEST_MARK } from '../helpers/observed.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBack } from '../support/seed.js';
import { minimalFor, startEmulator, workspace, type Emulator } from '../helpers/org.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

const awsOperations = (op: string) => !['AssumeRole', 'GetCallerIdentity'].includes(op);

describe('faults between the engine and AWS', () => {
  it('applies 200 changes with 30% of calls throttled and 5% failed, and the next plan is empty', async () => {
    const names = Array.from({ length: 100 }, (_, i) => `user-${String(i).padStart(3, '0')}`);
    const seed = {
      ous: ['Sandbox'],
      ouTags: { Sandbox: SPA_TEST_MARK },
      accounts: names.map((n) => ({ name: n, email: `${n}@example.com`, ou: 'Sandbox' })),
    };
    const ws = await workspace(
      emulator,
      seed,
      minimalFor({ ous: { Sandbox: { managed: true, costCenter: 'CC-1' } } }),
    );
    try {
      // 100 accounts managed through their OU (which carries SPA's mark): a tag change and a lifecycle start each.
      emulator.gateway.setFaults({ throttle: 0.3, fail: 0.05, only: awsOperations, seed: 7 });
      emulator.gateway.resetCounts();
      const { plan } = await ws.plan();
      expect(plan.changes).toHaveLength(200);
      const { result, outcome } = await ws.apply(['--allow-large']);
      expect(result.code).toBe(0);
      expect(outcome.summary).toEqual({ applied: 200, alreadyApplied: 0, failed: 0, skipped: 0 });
      const again = await ws.plan();
      expect(again.plan.changes).toEqual([]);
      const injected = emulator.gateway.faultsInjected;
      expect(injected.get('throttle') ?? 0).toBeGreaterThan(100);
      expect(
        (injected.get('500') ?? 0) + (injected.get('drop-before') ?? 0) + (injected.get('drop-after') ?? 0),
      ).toBeGreaterThan(10);
      emulator.gateway.setFaults(undefined);
      const aws = await readBack(ws.aws);
      expect(
        aws.accounts.filter((a) => a.tags['cost-center'] === 'CC-1' && a.tags['account-state'] === 'vanilla'),
      ).toHaveLength(100);
    } finally {
      emulator.gateway.setFaults(undefined);
      ws.cleanup();
    }
  }, 120_000);

  it('fails the plan with a clear error, and writes no plan file, when a list keeps failing', async () => {
    const ws = await workspace(
      emulator,
      { ous: ['Sandbox'], accounts: [{ name: 'a', email: 'a@example.com', ou: 'Sandbox' }] },
      minimalFor({ ous: { Sandbox: { managed: true } } }),
    );
    try {
      emulator.gateway.setFaults({ alwaysFail: ['ListAccountsForParent'] });
      const r = await ws.spa(['plan', '--out', 'plan.json'], { SPA_AWS_MAX_ATTEMPTS: '4' });
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('spa: AWS ListAccountsForParent failed after 4 attempts: InternalFailure');
      expect(r.stderr).toContain('nothing was read partially');
      expect(existsSync(join(ws.dir, 'plan.json'))).toBe(false);
      expect(emulator.gateway.faultsInjected.get('500:ListAccountsForParent')).toBeGreaterThanOrEqual(4);
    } finally {
      emulator.gateway.setFaults(undefined);
      ws.cleanup();
    }
  });
});
