import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBack, tagAccount } from '../support/seed.js';
import { minimalFor, startEmulator, workspace, type Emulator } from '../helpers/org.js';
import type { MinimalTree } from '../helpers/tree.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

const SEED = {
  ous: ['Sandbox', 'Workloads'],
  accounts: ['a', 'b', 'c'].map((n) => ({
    name: n,
    email: `${n}@example.com`,
    ou: 'Sandbox',
    tags: { 'account-state': 'released', 'account-holder': `${n}@example.com`, 'cost-center': 'OLD' },
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
});
