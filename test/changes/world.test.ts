import { describe, expect, it } from 'vitest';
import { LIST_FROM, World } from '../../engine/src/changes/world.js';
import type { ObservedBudget } from '../../engine/src/observed/types.js';
import { memoryAws } from '../helpers/memory-aws.js';
import { FULL } from '../helpers/memory-policies.js';
import { observedOrganization } from '../helpers/observed.js';

const ACCOUNTS = Array.from({ length: 3 }, (_, i) => ({
  id: `00000000000${i}`,
  name: `u${i}`,
  email: `u${i}@example.com`,
  ouPath: 'Sandbox',
}));
const SANDBOX = 'ou-root-00000000';
const BUDGET: ObservedBudget = { name: 'SpaTest-1', amount: 5, currency: 'USD', notifications: [] };

/** A World over AWS in memory whose every read is counted, by name. */
function counted(checksPerParent = new Map<string, number>()) {
  const org = observedOrganization({ ous: ['Sandbox', 'Sandbox/Deep'], accounts: structuredClone(ACCOUNTS) });
  const aws = memoryAws(org, new Map([[BUDGET.name, BUDGET]]), new Map(), {
    enabled: true,
    policies: [FULL],
    attached: { Sandbox: [FULL.id] },
  });
  const reads: string[] = [];
  const count = <T extends object>(port: T): T =>
    Object.fromEntries(
      Object.entries(port).map(([name, fn]) => [
        name,
        (...args: unknown[]) => {
          reads.push(name);
          return (fn as (...a: unknown[]) => unknown)(...args);
        },
      ]),
    ) as T;
  const world = new World(
    count(aws.reader),
    count(aws.budgets),
    count(aws.accountApi),
    count(aws.policies),
    checksPerParent,
  );
  return { world, reads, org };
}

describe('what apply knows of AWS: read once, on demand, refreshed when asked', () => {
  it('reads the OU tree once and knows the root, the OUs by path, and the paths by id', async () => {
    const { world, reads } = counted();
    expect(await world.rootId()).toBe('r-root');
    expect(await world.ouId('')).toBe('r-root');
    expect(await world.ouId('Sandbox')).toBe(SANDBOX);
    expect(await world.ouId('Nowhere')).toBeUndefined();
    expect(await world.ouPathOf('r-root')).toBe('');
    expect(await world.ouPathOf(SANDBOX)).toBe('Sandbox');
    expect(await world.ouPathOf('ou-unknown')).toBeUndefined();
    await world.addOu({ id: 'ou-new', name: 'New', path: 'Sandbox/New', parentId: SANDBOX, tags: {} });
    expect(await world.ouId('Sandbox/New')).toBe('ou-new');
    expect(await world.ouPathOf('ou-new')).toBe('Sandbox/New');
    expect(reads).toEqual(['readOuTree']);
  });

  it('finds accounts by email in any case from one scan, and scans again when asked', async () => {
    const { world, reads, org } = counted();
    expect((await world.accountByEmail('U1@Example.com'))?.id).toBe('000000000001');
    org.accounts.push({ ...org.accounts[0]!, id: '000000000009', email: 'new@example.com' });
    expect(await world.accountByEmail('new@example.com')).toBeUndefined();
    expect((await world.accountByEmail('new@example.com', true))?.id).toBe('000000000009');
    expect(reads).toEqual(['accountsByEmail', 'accountsByEmail']);
  });

  it('knows an account this run created without scanning, by its email in lower case', async () => {
    const { world, reads } = counted();
    await world.addAccount('New@Example.com', { id: '000000000009', name: 'new', status: 'ACTIVE' });
    expect((await world.accountByEmail('new@example.com'))?.id).toBe('000000000009');
    expect(reads).toEqual([]);
    const scanned = counted();
    expect(await scanned.world.accountByEmail('u0@example.com')).toBeDefined();
    await scanned.world.addAccount('b@example.com', { id: '000000000008', name: 'b', status: 'ACTIVE' });
    expect((await scanned.world.accountByEmail('u0@example.com'))?.id).toBe('000000000000');
    expect((await scanned.world.accountByEmail('b@example.com'))?.id).toBe('000000000008');
    expect(scanned.reads).toEqual(['accountsByEmail']);
  });

  it('reads a few accounts alone, and keeps the tags read with them', async () => {
    const { world, reads } = counted(new Map([[SANDBOX, LIST_FROM]]));
    expect((await world.account('000000000001', SANDBOX))?.name).toBe('u1');
    expect(await world.account('000000000007')).toBeUndefined();
    expect(await world.tagsOf('000000000001')).toMatchObject({ 'managed-by': 'spa' });
    expect(reads).toEqual(['readAccount', 'readAccount']);
  });

  it(`lists the parent once when more than ${LIST_FROM} of its accounts are checked`, async () => {
    const { world, reads } = counted(new Map([[SANDBOX, LIST_FROM + 1]]));
    expect((await world.account('000000000001', SANDBOX))?.name).toBe('u1');
    expect((await world.account('000000000002', SANDBOX))?.name).toBe('u2');
    // Not in that parent's listing (moved): read alone.
    expect(await world.account('000000000007', SANDBOX)).toBeUndefined();
    expect(await world.account('000000000000')).toBeDefined();
    expect(reads).toEqual(['accountsIn', 'readAccount', 'readAccount']);
  });

  it('reads tags, parents, budgets, contacts and policies once each unless refreshed', async () => {
    const { world, reads } = counted();
    for (let i = 0; i < 2; i++) {
      expect(await world.tagsOf('000000000000')).toMatchObject({ 'managed-by': 'spa' });
      expect(await world.parentOf('000000000000')).toBe(SANDBOX);
      expect(await world.budget(BUDGET.name)).toEqual(BUDGET);
      expect(await world.contact('000000000000', 'billing')).toBeNull();
      expect(await world.contact('000000000001', 'billing')).toBeNull();
      expect(await world.contact('000000000000', 'security')).toBeNull();
      expect((await world.policyByName('FullAWSAccess'))?.id).toBe(FULL.id);
      expect((await world.policy(FULL.id, 'SpaTest'))?.managed).toBe(false);
      expect((await world.policiesFor(SANDBOX))?.map((p) => p.id)).toEqual([FULL.id]);
    }
    const once = [
      'readTags',
      'readParent',
      'readBudget',
      'readContacts',
      'readContacts',
      'readContacts',
      'listPolicies',
      'readPolicy',
      'policiesFor',
    ];
    expect(reads).toEqual(once);
    await world.tagsOf('000000000000', true);
    await world.parentOf('000000000000', true);
    await world.budget(BUDGET.name, true);
    await world.policyByName('FullAWSAccess', true);
    await world.policiesFor(SANDBOX, true);
    expect(reads.slice(once.length)).toEqual([
      'readTags',
      'readParent',
      'readBudget',
      'listPolicies',
      'policiesFor',
    ]);
  });

  it('knows a policy this run created, with or without a scan before', async () => {
    const { world, reads } = counted();
    world.addPolicy({ id: 'p-new', name: 'SpaTest-p', awsManaged: false });
    expect((await world.policyByName('SpaTest-p'))?.id).toBe('p-new');
    expect(reads).toEqual([]);
    // Only what this run created is known until a scan is asked for.
    expect(await world.policyByName('FullAWSAccess')).toBeUndefined();
    expect((await world.policyByName('FullAWSAccess', true))?.id).toBe(FULL.id);
    world.addPolicy({ id: 'p-two', name: 'SpaTest-q', awsManaged: false });
    expect((await world.policyByName('SpaTest-q'))?.id).toBe('p-two');
    expect((await world.policyByName('FullAWSAccess'))?.id).toBe(FULL.id);
    expect(reads).toEqual(['listPolicies']);
  });
});
