import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANIZATION } from '../support/demo-org.js';
import { generatedOrganization } from '../support/generated-org.js';
import { readBack } from '../support/seed.js';
import { minimalFor, sampleFor, startEmulator, workspace, type Emulator } from '../helpers/org.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

describe('plan, apply, plan again', () => {
  it('converges on the sample settings and the demo organization', async () => {
    const ws = await workspace(emulator, DEMO_ORGANIZATION, sampleFor);
    try {
      const first = await ws.plan();
      expect(first.result.code).toBe(0);
      expect(first.plan.summary.changes).toBeGreaterThan(20);
      expect(first.plan.large.isLarge).toBe(true);

      const refused = await ws.apply();
      expect(refused.result.code).toBe(1);
      expect(refused.outcome.refusal?.code).toBe('large-plan');
      expect(
        (await readBack(ws.aws)).accounts.find((a) => a.email === 'frank.sandbox@example.com')?.status,
      ).toBe('ACTIVE');

      const applied = await ws.apply(['--allow-large']);
      expect(applied.result.code).toBe(0);
      expect(applied.outcome.outcome).toBe('applied');
      expect(applied.outcome.summary.applied).toBe(first.plan.changes.length);

      const second = await ws.plan(['--detailed-exitcode']);
      expect(second.plan.changes).toEqual([]);
      expect(second.result.code).toBe(0);
      expect(second.result.stdout).toContain('Plan: no changes');
    } finally {
      ws.cleanup();
    }
  });

  it('converges on a generated organization of 300 accounts', async () => {
    const generated = generatedOrganization(300);
    const ws = await workspace(emulator, generated.seed, minimalFor(generated.settings));
    try {
      const first = await ws.plan();
      expect(first.plan.summary.errors).toBe(0);
      expect(first.plan.summary.byAction['create-account']).toBe(20);
      expect(first.plan.summary.byAction['move-account']).toBe(40);
      expect(first.plan.summary.managedAccounts).toBe(300);
      const applied = await ws.apply(['--allow-large']);
      expect(applied.outcome.summary).toMatchObject({ failed: 0, skipped: 0 });
      const second = await ws.plan(['--detailed-exitcode']);
      expect(second.plan.changes).toEqual([]);
      expect(second.result.code).toBe(0);
      const aws = await readBack(ws.aws);
      const members = aws.accounts.filter((a) => a.id !== ws.managementAccountId);
      expect(members).toHaveLength(300);
      expect(new Set(members.map((a) => a.email)).size).toBe(300);
      expect(
        members.every(
          (a) => a.tags['account-state'] === 'vanilla' && a.tags['cost-owner'] && !a.tags.OldCostCenter,
        ),
      ).toBe(true);
      expect(aws.budgets).toHaveLength(300);
    } finally {
      ws.cleanup();
    }
  }, 180_000);
});
