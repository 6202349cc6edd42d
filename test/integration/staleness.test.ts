import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPA_TEST_MARK } from '../helpers/observed.js';
import { createBudgetDirectly, readBack, tagAccount } from '../support/seed.js';
import { minimalFor, startEmulator, workspace, type Emulator } from '../helpers/org.js';
import type { MinimalTree } from '../helpers/tree.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

/** An organization as SPA left it: its OUs and accounts carry its mark. */
const SEED = {
  ous: ['Sandbox', 'Workloads'],
  ouTags: { Sandbox: SPA_TEST_MARK, Workloads: SPA_TEST_MARK },
  accounts: ['a', 'b', 'c'].map((n) => ({
    name: n,
    email: `${n}@example.com`,
    ou: 'Sandbox',
    tags: {
      'account-state': 'released',
      'account-holder': `${n}@example.com`,
      'cost-center': 'OLD',
      ...SPA_TEST_MARK,
    },
  })),
};
const SETTINGS: MinimalTree = {
  ous: { Sandbox: { managed: true }, Workloads: { managed: false } },
  accounts: {
    a: { organizationalUnit: 'Sandbox', costCenter: 'NEW' },
    b: { organizationalUnit: 'Sandbox', costCenter: 'NEW' },
    c: { organizationalUnit: 'Sandbox', costCenter: 'OLD' },
  },
};

describe('a plan that AWS has moved away from', () => {
  it('is refused whole (exit 4) when a touched tag changed, and nothing is applied', async () => {
    const ws = await workspace(emulator, SEED, minimalFor(SETTINGS));
    try {
      const { plan } = await ws.plan();
      expect(plan.changes.map((c) => c.key)).toEqual(['tag-account:account/a', 'tag-account:account/b']);
      await tagAccount(ws.aws, ws.seeded.accountIds.get('a@example.com')!, { 'cost-center': 'SOMEONE-ELSE' });
      const { result, outcome } = await ws.apply(['--allow-large']);
      expect(result.code).toBe(4);
      expect(outcome.outcome).toBe('refused');
      expect(outcome.refusal).toMatchObject({
        code: 'stale-plan',
        stale: [
          {
            change: 'tag-account:account/a',
            expected: 'cost-center = "OLD"',
            found: 'cost-center = "SOMEONE-ELSE"',
          },
        ],
      });
      const aws = await readBack(ws.aws);
      expect(aws.accounts.find((x) => x.email === 'b@example.com')!.tags['cost-center']).toBe('OLD');
    } finally {
      ws.cleanup();
    }
  });

  it('is refused when a planned move no longer starts from the same OU', async () => {
    const ws = await workspace(
      emulator,
      SEED,
      minimalFor({
        ...SETTINGS,
        accounts: {
          ...SETTINGS.accounts,
          a: { organizationalUnit: 'Workloads', costCenter: 'OLD' },
          b: { organizationalUnit: 'Sandbox', costCenter: 'OLD' },
        },
      }),
    );
    try {
      const { plan } = await ws.plan();
      expect(plan.changes.map((c) => c.key)).toEqual(['move-account:account/a']);
      const { MoveAccountCommand, CreateOrganizationalUnitCommand } =
        await import('@aws-sdk/client-organizations');
      const org = ws.aws.organizations;
      const other = await org.send(
        new CreateOrganizationalUnitCommand({ ParentId: ws.seeded.rootId, Name: 'Elsewhere' }),
      );
      await org.send(
        new MoveAccountCommand({
          AccountId: ws.seeded.accountIds.get('a@example.com')!,
          SourceParentId: ws.seeded.ouIds.get('Sandbox')!,
          DestinationParentId: other.OrganizationalUnit!.Id!,
        }),
      );
      const { result, outcome } = await ws.apply(['--allow-large']);
      expect(result.code).toBe(4);
      expect(outcome.refusal!.stale![0]!.change).toBe('move-account:account/a');
    } finally {
      ws.cleanup();
    }
  });

  it('still applies when the changes happened elsewhere: other accounts, other tags, the lifecycle state', async () => {
    const ws = await workspace(emulator, SEED, minimalFor(SETTINGS));
    try {
      await ws.plan();
      const id = (n: string) => ws.seeded.accountIds.get(`${n}@example.com`)!;
      await tagAccount(ws.aws, id('c'), { 'cost-center': 'CHANGED', 'account-state': 'expired' });
      await tagAccount(ws.aws, id('a'), { 'account-state': 'expired', other: 'tag' });
      const { result, outcome } = await ws.apply(['--allow-large']);
      expect(result.code).toBe(0);
      expect(outcome.summary).toMatchObject({ applied: 2, failed: 0 });
      const aws = await readBack(ws.aws);
      expect(aws.accounts.find((x) => x.email === 'a@example.com')!.tags).toMatchObject({
        'cost-center': 'NEW',
        'account-state': 'expired',
        other: 'tag',
      });
    } finally {
      ws.cleanup();
    }
  });

  it('counts a change that AWS already shows as already applied, not as stale', async () => {
    const ws = await workspace(emulator, SEED, minimalFor(SETTINGS));
    try {
      await ws.plan();
      await tagAccount(ws.aws, ws.seeded.accountIds.get('a@example.com')!, { 'cost-center': 'NEW' });
      const { result, outcome } = await ws.apply(['--allow-large']);
      expect(result.code).toBe(0);
      expect(outcome.results.map((r) => [r.change, r.status])).toEqual([
        ['tag-account:account/a', 'already-applied'],
        ['tag-account:account/b', 'applied'],
      ]);
    } finally {
      ws.cleanup();
    }
  });

  it('is refused when someone changed a budget the plan updates', async () => {
    const ws = await workspace(
      emulator,
      SEED,
      minimalFor({ ...SETTINGS, defaults: { budget: { amount: 100 } } }),
    );
    try {
      const id = ws.seeded.accountIds.get('a@example.com')!;
      const subscribers = [
        'a@example.com',
        `arn:aws:sns:us-east-1:${ws.managementAccountId}:SpaBudgetAlerts`,
      ];
      await createBudgetDirectly(ws.aws, `SpaTest-${id}`, id, 50, [80, 100], subscribers);
      const { plan } = await ws.plan();
      expect(plan.changes.map((c) => c.key)).toContain('update-budget:budget/a');
      const { DeleteBudgetCommand } = await import('@aws-sdk/client-budgets');
      await ws.aws.budgets.send(
        new DeleteBudgetCommand({ AccountId: ws.managementAccountId, BudgetName: `SpaTest-${id}` }),
      );
      await createBudgetDirectly(ws.aws, `SpaTest-${id}`, id, 75, [80, 100], subscribers);
      const { result, outcome } = await ws.apply(['--allow-large']);
      expect(result.code).toBe(4);
      expect(outcome.refusal!.stale!.map((x) => x.change)).toEqual(['update-budget:budget/a']);
      expect(outcome.refusal!.stale![0]!.found).toContain('75 USD');
      expect((await readBack(ws.aws)).budgets.find((b) => b.name === `SpaTest-${id}`)!.amount).toBe(75);
    } finally {
      ws.cleanup();
    }
  });

  it('counts an account someone else closed meanwhile as already closed', async () => {
    const ws = await workspace(
      emulator,
      SEED,
      minimalFor({
        ...SETTINGS,
        accounts: { ...SETTINGS.accounts, c: { organizationalUnit: 'Sandbox', closed: true } },
      }),
    );
    try {
      const { plan } = await ws.plan();
      expect(plan.changes.map((c) => c.key)).toContain('close-account:account/c');
      const { CloseAccountCommand } = await import('@aws-sdk/client-organizations');
      await ws.aws.organizations.send(
        new CloseAccountCommand({ AccountId: ws.seeded.accountIds.get('c@example.com')! }),
      );
      const { result, outcome } = await ws.apply(['--allow-large']);
      expect(result.code).toBe(0);
      expect(outcome.results.find((r) => r.action === 'close-account')!.status).toBe('already-applied');
    } finally {
      ws.cleanup();
    }
  });
});
