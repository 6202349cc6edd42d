import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBack, type SeedSpec } from '../support/seed.js';
import { minimalFor, startEmulator, workspace, type Emulator } from '../helpers/org.js';
import type { MinimalTree } from '../helpers/tree.js';

// moto lacks PutAccountName: the test gateway answers it and shows the new names (test/support/aws-gateway.ts).
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

const SEED: SeedSpec = {
  ous: ['Sandbox'],
  accounts: [
    { name: 'old-name', email: 'a@example.com', ou: 'Sandbox', tags: { 'account-state': 'released' } },
    {
      name: 'nofile-name',
      email: 'nofile@example.com',
      ou: 'Sandbox',
      tags: { 'account-state': 'released' },
    },
  ],
};
const SETTINGS: MinimalTree = {
  ous: { Sandbox: { managed: true } },
  accounts: { a: { organizationalUnit: 'Sandbox' } },
};

describe('account names', () => {
  it('renames an account with a file to its file name, reads it back, and plans nothing more', async () => {
    const ws = await workspace(emulator, SEED, minimalFor(SETTINGS));
    try {
      const { plan } = await ws.plan();
      const id = ws.seeded.accountIds.get('a@example.com')!;
      expect(plan.changes.filter((c) => c.action === 'rename-account')).toEqual([
        expect.objectContaining({
          address: 'account/a',
          target: expect.objectContaining({ accountId: id }) as unknown,
          before: { accountName: 'old-name' },
          after: { accountName: 'a' },
        }),
      ]);
      const { outcome } = await ws.apply(['--allow-large']);
      expect(outcome.results.find((r) => r.action === 'rename-account')).toMatchObject({
        status: 'applied',
        resourceId: id,
      });
      const aws = await readBack(ws.aws);
      expect(aws.accounts.find((x) => x.id === id)!.name).toBe('a');
      // Accounts without a file keep the name AWS gives them.
      expect(aws.accounts.find((x) => x.email === 'nofile@example.com')!.name).toBe('nofile-name');
      const again = await ws.plan();
      expect(again.plan.changes).toEqual([]);
    } finally {
      ws.cleanup();
    }
  });

  it('refuses to plan a rename while AWS Account Management has no trusted access', async () => {
    const ws = await workspace(
      emulator,
      { ...SEED, enabled: { accountManagement: false } },
      minimalFor(SETTINGS),
    );
    try {
      const { result, plan } = await ws.plan();
      expect(result.code).toBe(1);
      expect(plan.findings).toContainEqual(
        expect.objectContaining({ kind: 'account-access-disabled', severity: 'error' }),
      );
      expect(result.stdout).toContain('enable-aws-service-access --service-principal account.amazonaws.com');
    } finally {
      ws.cleanup();
    }
  });

  it('only reports a different name with accountNames: report', async () => {
    const ws = await workspace(
      emulator,
      SEED,
      minimalFor({ ...SETTINGS, settings: { accountNames: 'report' } }),
    );
    try {
      emulator.gateway.resetCounts();
      const { plan } = await ws.plan();
      expect(plan.changes.some((c) => c.action === 'rename-account')).toBe(false);
      expect(plan.findings).toContainEqual(expect.objectContaining({ kind: 'name-mismatch' }));
      expect(emulator.gateway.calls.get('ListAWSServiceAccessForOrganization')).toBeUndefined();
    } finally {
      ws.cleanup();
    }
  });
});
