import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBudgetDirectly, readBack, tagAccount, type SeedSpec } from '../support/seed.js';
import { minimalFor, startEmulator, workspace, type Emulator, type Workspace } from '../helpers/org.js';
import type { MinimalTree } from '../helpers/tree.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

/** The mark of what this environment manages, on every account and OU it manages. */
const MARK = { 'managed-by': 'spa', 'spa-environment': 'SpaTest' };
const tagList = (tags: Record<string, string>) =>
  Object.entries(tags)
    .map(([Key, Value]) => ({ Key, Value }))
    .sort((a, b) => (a.Key < b.Key ? -1 : 1));

const BASE: MinimalTree = {
  defaults: { budget: { amount: 100, thresholds: [80, 100] } },
  ous: {
    Sandbox: { managed: true, ouTags: { owner: 'platform' } },
    'Sandbox/Personal': { costCenter: 'CC-1' },
    Workloads: { managed: false },
  },
};

async function withWorkspace(
  seed: SeedSpec,
  settings: MinimalTree,
  test: (ws: Workspace) => Promise<void>,
): Promise<void> {
  const ws = await workspace(emulator, seed, minimalFor(settings));
  try {
    await test(ws);
  } finally {
    ws.cleanup();
  }
}

async function planAndApply(ws: Workspace) {
  const { plan } = await ws.plan();
  const { outcome } = await ws.apply(['--allow-large']);
  expect(outcome.summary.failed, JSON.stringify(outcome.results.filter((r) => r.status === 'failed'))).toBe(
    0,
  );
  const again = await ws.plan();
  expect(again.plan.changes.map((c) => c.key)).toEqual([]);
  return { plan, outcome, aws: await readBack(ws.aws) };
}

const account = (aws: Awaited<ReturnType<typeof readBack>>, email: string) =>
  aws.accounts.find((a) => a.email === email)!;

describe('every change kind, verified by reading AWS back', () => {
  it('creates missing OUs, nested, with their tags, and tags existing OUs', async () => {
    await withWorkspace(
      { ous: ['Sandbox'] },
      { ...BASE, ous: { ...BASE.ous, 'Sandbox/Personal/Interns': { ouTags: { cohort: '2026' } } } },
      async (ws) => {
        const { plan } = await planAndApply(ws);
        expect(plan.changes.filter((c) => c.action === 'create-ou').map((c) => c.address)).toEqual([
          'ou/Sandbox/Personal',
          'ou/Sandbox/Personal/Interns',
          'ou/Workloads',
        ]);
        expect(plan.changes.find((c) => c.address === 'ou/Sandbox/Personal/Interns')!.dependsOn).toEqual([
          'create-ou:ou/Sandbox/Personal',
        ]);
        expect(plan.changes.find((c) => c.action === 'tag-ou')).toMatchObject({
          address: 'ou/Sandbox',
          after: { tags: { owner: 'platform', ...MARK } },
        });
        const { ListOrganizationalUnitsForParentCommand, ListTagsForResourceCommand } =
          await import('@aws-sdk/client-organizations');
        const org = ws.aws.organizations;
        const personal = (
          await org.send(
            new ListOrganizationalUnitsForParentCommand({ ParentId: ws.seeded.ouIds.get('Sandbox')! }),
          )
        ).OrganizationalUnits!;
        expect(personal.map((o) => o.Name)).toEqual(['Personal']);
        const interns = (
          await org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: personal[0]!.Id! }))
        ).OrganizationalUnits!;
        expect(interns.map((o) => o.Name)).toEqual(['Interns']);
        expect(
          (await org.send(new ListTagsForResourceCommand({ ResourceId: interns[0]!.Id! }))).Tags,
        ).toEqual(tagList({ cohort: '2026', ...MARK }));
        expect(
          (await org.send(new ListTagsForResourceCommand({ ResourceId: ws.seeded.ouIds.get('Sandbox')! })))
            .Tags,
        ).toEqual(tagList({ owner: 'platform', ...MARK }));
      },
    );
  });

  it('creates an account, moves it into its OU, tags it, hands it to the lifecycle and gives it a budget', async () => {
    await withWorkspace(
      { ous: ['Sandbox', 'Sandbox/Personal', 'Workloads'] },
      {
        ...BASE,
        accounts: {
          'new-joiner': {
            holder: 'nj@example.com',
            organizationalUnit: 'Sandbox/Personal',
            tags: { project: 'x' },
          },
        },
      },
      async (ws) => {
        const { plan, aws } = await planAndApply(ws);
        expect(plan.changes.filter((c) => c.address === 'account/new-joiner').map((c) => c.action)).toEqual([
          'create-account',
          'move-account',
          'start-lifecycle',
        ]);
        const a = account(aws, 'new-joiner@example.com');
        expect(a).toMatchObject({ name: 'new-joiner', status: 'ACTIVE', parentPath: 'Sandbox/Personal' });
        expect(a.tags).toEqual({
          'account-holder': 'nj@example.com',
          'account-state': 'vanilla',
          'cost-center': 'CC-1',
          'managed-by': 'spa',
          project: 'x',
          'spa-environment': 'SpaTest',
        });
        expect(aws.budgets).toEqual([{ name: `SpaTest-${a.id}`, amount: 100, thresholds: [80, 100] }]);
      },
    );
  });

  it('moves an account to the OU of its file, sets, changes and removes tags', async () => {
    await withWorkspace(
      {
        ous: ['Sandbox', 'Sandbox/Personal', 'Workloads'],
        accounts: [
          {
            name: 'a',
            email: 'a@example.com',
            ou: 'Workloads',
            tags: { 'managed-by': 'terraform', Legacy: 'yes', untouched: '1', 'account-state': 'released' },
          },
        ],
      },
      {
        ...BASE,
        defaults: { ...BASE.defaults, unsetTags: ['Legacy'] },
        accounts: { a: { organizationalUnit: 'Sandbox/Personal' } },
      },
      async (ws) => {
        const { plan, aws } = await planAndApply(ws);
        const tagChange = plan.changes.find((c) => c.action === 'tag-account')!;
        expect(tagChange.before.tags).toEqual({
          Legacy: 'yes',
          'account-holder': null,
          'cost-center': null,
          'managed-by': 'terraform',
          'spa-environment': null,
        });
        expect(tagChange.after.tags).toEqual({
          Legacy: null,
          'account-holder': 'a@example.com',
          'cost-center': 'CC-1',
          'managed-by': 'spa',
          'spa-environment': 'SpaTest',
        });
        // The account carries the mark before the apply role moves it.
        expect(plan.changes.find((c) => c.action === 'move-account')!.dependsOn).toEqual([tagChange.key]);
        expect(tagChange.provenance['tags.cost-center']).toBe('organizational-units/Sandbox/Personal.yaml:2');
        const a = account(aws, 'a@example.com');
        expect(a.parentPath).toBe('Sandbox/Personal');
        // additive policy: undeclared keys stay; the lifecycle's state is never touched.
        expect(a.tags).toEqual({
          'account-holder': 'a@example.com',
          'account-state': 'released',
          'cost-center': 'CC-1',
          'managed-by': 'spa',
          'spa-environment': 'SpaTest',
          untouched: '1',
        });
      },
    );
  });

  it('removes undeclared tags in the authoritative policy, except reserved and ignored ones', async () => {
    await withWorkspace(
      {
        ous: ['Sandbox', 'Sandbox/Personal', 'Workloads'],
        accounts: [
          {
            name: 'a',
            email: 'a@example.com',
            ou: 'Sandbox/Personal',
            tags: { stray: '1', 'aws-backup': 'daily', 'account-state': 'assigned' },
          },
        ],
      },
      {
        ...BASE,
        settings: { tagPolicy: { mode: 'authoritative', ignore: ['aws-backup'] } },
        accounts: { a: { organizationalUnit: 'Sandbox/Personal' } },
      },
      async (ws) => {
        const { plan, aws } = await planAndApply(ws);
        expect(plan.changes.find((c) => c.action === 'tag-account')!.provenance['tags.stray']).toMatch(
          /authoritative/,
        );
        expect(account(aws, 'a@example.com').tags).toEqual({
          'account-holder': 'a@example.com',
          'account-state': 'assigned',
          'aws-backup': 'daily',
          'cost-center': 'CC-1',
          'managed-by': 'spa',
          'spa-environment': 'SpaTest',
        });
      },
    );
  });

  it('manages an account without a file below a managed OU: tags and budget, never a move', async () => {
    await withWorkspace(
      {
        ous: ['Sandbox', 'Sandbox/Personal', 'Sandbox/Personal/Extra', 'Workloads'],
        accounts: [{ name: 'nofile', email: 'nofile@example.com', ou: 'Sandbox/Personal/Extra' }],
      },
      {
        ...BASE,
        csv: { 'finops.csv': 'Account,Tag: cost-owner,Budget\nnofile@example.com,fin@example.com,300\n' },
      },
      async (ws) => {
        const { plan, aws } = await planAndApply(ws);
        const id = account(aws, 'nofile@example.com').id;
        expect(plan.findings).toContainEqual(
          expect.objectContaining({ kind: 'managed-through-ou', accountId: id }),
        );
        expect(
          plan.changes
            .filter((c) => 'accountId' in c.target && c.target.accountId === id)
            .map((c) => c.action),
        ).toEqual(['tag-account', 'start-lifecycle', 'create-budget']);
        expect(account(aws, 'nofile@example.com')).toMatchObject({
          parentPath: 'Sandbox/Personal/Extra',
          tags: {
            'account-holder': 'nofile@example.com',
            'account-state': 'vanilla',
            'cost-center': 'CC-1',
            'cost-owner': 'fin@example.com',
            'managed-by': 'spa',
          },
        });
        expect(aws.budgets).toEqual([{ name: `SpaTest-${id}`, amount: 300, thresholds: [80, 100] }]);
      },
    );
  });

  it('reports an account that left SPA and never shows unmanaged ones', async () => {
    await withWorkspace(
      {
        ous: ['Sandbox', 'Sandbox/Personal', 'Workloads'],
        accounts: [
          { name: 'gone', email: 'gone@example.com', ou: 'Workloads', tags: { 'account-state': 'released' } },
          { name: 'prod', email: 'prod@example.com', ou: 'Workloads', tags: { team: 'payments' } },
        ],
      },
      BASE,
      async (ws) => {
        const { plan, aws } = await planAndApply(ws);
        const gone = account(aws, 'gone@example.com');
        const prod = account(aws, 'prod@example.com');
        expect(plan.findings).toContainEqual(
          expect.objectContaining({ kind: 'no-longer-managed', accountId: gone.id }),
        );
        expect(JSON.stringify(plan)).not.toContain(prod.id);
        expect(gone.tags).toEqual({ 'account-state': 'released' });
        expect(prod.tags).toEqual({ team: 'payments' });
      },
    );
  });

  it('updates a budget whose amount, thresholds and subscribers differ, and deletes one no level asks for', async () => {
    // moto lacks UpdateBudget and the subscriber operations: the test gateway answers them (test/support/aws-gateway.ts).
    await withWorkspace(
      {
        ous: ['Sandbox', 'Sandbox/Personal', 'Workloads'],
        accounts: [
          {
            name: 'a',
            email: 'a@example.com',
            ou: 'Sandbox/Personal',
            tags: { 'account-state': 'released' },
          },
          { name: 'b', email: 'b@example.com', ou: 'Workloads', tags: { 'account-state': 'released' } },
        ],
      },
      {
        ...BASE,
        accounts: {
          a: {
            holder: 'new-holder@example.com',
            organizationalUnit: 'Sandbox/Personal',
            budget: { amount: 450, thresholds: [50, 100] },
          },
          b: { organizationalUnit: 'Workloads' },
        },
        defaults: {},
      },
      async (ws) => {
        const ids = ws.seeded.accountIds;
        await createBudgetDirectly(
          ws.aws,
          `SpaTest-${ids.get('a@example.com')}`,
          ids.get('a@example.com')!,
          100,
          [80, 100],
          ['old-holder@example.com'],
        );
        await createBudgetDirectly(
          ws.aws,
          `SpaTest-${ids.get('b@example.com')}`,
          ids.get('b@example.com')!,
          100,
          [80],
          ['b@example.com'],
        );
        const { plan, aws } = await planAndApply(ws);
        const update = plan.changes.find((c) => c.action === 'update-budget')!;
        expect(update.before.budget).toEqual({
          name: `SpaTest-${ids.get('a@example.com')}`,
          amount: 100,
          currency: 'USD',
          thresholds: [80, 100],
          subscribers: ['old-holder@example.com'],
        });
        expect(update.after.budget).toMatchObject({
          amount: 450,
          thresholds: [50, 100],
          subscribers: [
            'arn:aws:sns:us-east-1:' + ws.managementAccountId + ':SpaBudgetAlerts',
            'new-holder@example.com',
          ],
        });
        expect(plan.changes.find((c) => c.action === 'delete-budget')!.address).toBe('budget/b');
        expect(aws.budgets).toEqual([
          { name: `SpaTest-${ids.get('a@example.com')}`, amount: 450, thresholds: [50, 100] },
        ]);
      },
    );
  });

  it('closes an account with closed: true, first and loud, and plans nothing else for it', async () => {
    await withWorkspace(
      {
        ous: ['Sandbox', 'Sandbox/Personal', 'Workloads'],
        accounts: [{ name: 'leaver', email: 'leaver@example.com', ou: 'Workloads' }],
      },
      {
        ...BASE,
        accounts: { leaver: { organizationalUnit: 'Sandbox/Personal', closed: true, tags: { x: 'y' } } },
      },
      async (ws) => {
        const { plan } = await ws.plan();
        expect(plan.changes.filter((c) => c.address === 'account/leaver').map((c) => c.action)).toEqual([
          'close-account',
        ]);
        expect(plan.changes[0]).toMatchObject({ action: 'close-account', destructive: true });
        expect(plan.large.reasons).toContain('closes 1 account');
        await ws.apply(['--allow-large']);
        const aws = await readBack(ws.aws);
        expect(account(aws, 'leaver@example.com')).toMatchObject({
          status: 'SUSPENDED',
          parentPath: 'Workloads',
          tags: {},
        });
        const again = await ws.plan();
        expect(again.plan.changes).toEqual([]);
      },
    );
  });

  it('keeps the lifecycle state that an account already has', async () => {
    await withWorkspace(
      {
        ous: ['Sandbox', 'Sandbox/Personal', 'Workloads'],
        accounts: [
          { name: 'a', email: 'a@example.com', ou: 'Sandbox/Personal', tags: { 'account-state': 'expired' } },
        ],
      },
      { ...BASE, accounts: { a: { organizationalUnit: 'Sandbox/Personal' } } },
      async (ws) => {
        const { plan, aws } = await planAndApply(ws);
        expect(plan.changes.some((c) => c.action === 'start-lifecycle')).toBe(false);
        expect(account(aws, 'a@example.com').tags['account-state']).toBe('expired');
        await tagAccount(ws.aws, account(aws, 'a@example.com').id, { 'account-state': 'released' });
        expect((await ws.plan()).plan.changes).toEqual([]);
      },
    );
  });
});
