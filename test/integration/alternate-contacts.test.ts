import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../engine/src/plan/types.js';
import {
  putContactDirectly,
  readBack,
  readContacts,
  type SeedSpec,
  type TestContact,
} from '../support/seed.js';
import {
  expectValid,
  minimalFor,
  startEmulator,
  workspace,
  type Emulator,
  type Workspace,
} from '../helpers/org.js';
import type { MinimalTree } from '../helpers/tree.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

const SEC: TestContact = {
  name: 'Security team',
  title: 'CSIRT',
  email: 'sec@example.com',
  phone: '+1 555 0100',
};
const OPS: TestContact = {
  name: 'Platform',
  title: 'Operations',
  email: 'ops@example.com',
  phone: '+1 555 0101',
};
const OLD: TestContact = { name: 'Old', title: 'Former', email: 'old@example.com', phone: '+1 555 0199' };
const released = { 'account-state': 'released' };

const SEED: SeedSpec = {
  ous: ['Sandbox', 'Workloads'],
  accounts: [
    { name: 'a', email: 'a@example.com', ou: 'Sandbox', tags: released },
    { name: 'nofile', email: 'nofile@example.com', ou: 'Sandbox', tags: released },
    { name: 'prod', email: 'prod@example.com', ou: 'Workloads' },
  ],
};
const SETTINGS: MinimalTree = {
  ous: { Sandbox: { managed: true, alternateContacts: { security: SEC } }, Workloads: { managed: false } },
  accounts: {
    a: {
      organizationalUnit: 'Sandbox',
      alternateContacts: { operations: OPS },
      unsetAlternateContacts: ['billing'],
    },
    joiner: { organizationalUnit: 'Sandbox' },
  },
};

async function withWorkspace(seed: SeedSpec, settings: MinimalTree, test: (ws: Workspace) => Promise<void>) {
  const ws = await workspace(emulator, seed, minimalFor(settings));
  try {
    await test(ws);
  } finally {
    ws.cleanup();
  }
}

/** spa plan with extra environment (fewer retries), its plan file read back. */
async function planWith(ws: Workspace, env: Record<string, string>): Promise<{ code: number; plan: Plan }> {
  const r = await ws.spa(['plan', '--out', 'plan.json'], env);
  const plan = JSON.parse(ws.read('plan.json')) as Plan;
  expectValid('plan.schema.json', plan);
  return { code: r.code, plan };
}

describe('alternate contacts, against the emulator', () => {
  it('sets, replaces and removes contacts of every account class, reads them back, and plans nothing more', async () => {
    await withWorkspace(SEED, SETTINGS, async (ws) => {
      const ids = ws.seeded.accountIds;
      const a = ids.get('a@example.com')!;
      const nofile = ids.get('nofile@example.com')!;
      const prod = ids.get('prod@example.com')!;
      await putContactDirectly(ws.aws, a, 'billing', OLD);
      await putContactDirectly(ws.aws, a, 'security', OLD);
      await putContactDirectly(ws.aws, prod, 'security', OLD);
      emulator.gateway.resetCounts();
      const { plan } = await ws.plan();
      // Only the types the settings declare or unset, of managed accounts: a (3 types), nofile (1).
      expect(emulator.gateway.calls.get('GetAlternateContact')).toBe(4);
      const changes = plan.changes.filter((c) => c.action.endsWith('alternate-contact'));
      expect(changes.map((c) => `${c.action} ${c.address}`).sort()).toEqual(
        [
          `put-alternate-contact contact/${nofile}/security`,
          'delete-alternate-contact contact/a/billing',
          'put-alternate-contact contact/a/operations',
          'put-alternate-contact contact/a/security',
          'put-alternate-contact contact/joiner/security',
        ].sort(),
      );
      const { outcome } = await ws.apply(['--allow-large']);
      expect(outcome.summary.failed, JSON.stringify(outcome.results)).toBe(0);
      expect(await readContacts(ws.aws, a)).toEqual({ operations: OPS, security: SEC });
      expect(await readContacts(ws.aws, nofile)).toEqual({ security: SEC });
      expect(await readContacts(ws.aws, prod)).toEqual({ security: OLD });
      const joiner = (await readBack(ws.aws)).accounts.find((x) => x.email === 'joiner@example.com')!;
      expect(await readContacts(ws.aws, joiner.id)).toEqual({ security: SEC });
      const again = await ws.plan();
      expect(again.plan.changes).toEqual([]);
    });
  });

  it('never fails a plan on throttling: retried, then a warning when it keeps throttling', async () => {
    await withWorkspace(SEED, SETTINGS, async (ws) => {
      const gw = emulator.gateway;
      gw.setFaults({ throttle: 0.5, only: (op) => op === 'GetAlternateContact', seed: 7 });
      try {
        const retried = await planWith(ws, {});
        expect(gw.faultsInjected.get('throttle') ?? 0).toBeGreaterThan(0);
        expect(retried.code).toBe(0);
        expect(retried.plan.findings.filter((f) => f.kind === 'contacts-unread')).toEqual([]);
        expect(retried.plan.changes.some((c) => c.action === 'put-alternate-contact')).toBe(true);

        gw.setFaults({ throttle: 1, only: (op) => op === 'GetAlternateContact' });
        const throttled = await planWith(ws, { SPA_AWS_MAX_ATTEMPTS: '3' });
        expect(throttled.code).toBe(0);
        expect(throttled.plan.summary.errors).toBe(0);
        expect(throttled.plan.findings.filter((f) => f.kind === 'contacts-unread')).toHaveLength(2);
        expect(throttled.plan.findings.find((f) => f.kind === 'contacts-unread')!.message).toMatch(
          /TooManyRequestsException/,
        );
        // Accounts whose contacts could not be read get no contact change; the new account still does.
        expect(
          throttled.plan.changes.filter((c) => c.action.endsWith('alternate-contact')).map((c) => c.address),
        ).toEqual(['contact/joiner/security']);
      } finally {
        gw.setFaults(undefined);
      }
    });
  });

  it('blocks the plan, reading no contact, while AWS Account Management has no trusted access', async () => {
    await withWorkspace({ ...SEED, enabled: { accountManagement: false } }, SETTINGS, async (ws) => {
      emulator.gateway.resetCounts();
      const { code, plan } = await planWith(ws, {});
      expect(code).toBe(1);
      expect(plan.findings).toContainEqual(
        expect.objectContaining({ kind: 'account-access-disabled', severity: 'error' }),
      );
      expect(emulator.gateway.calls.get('GetAlternateContact')).toBeUndefined();
    });
  });
});
