import { describe, expect, it } from 'vitest';
import type { Readiness } from '../../engine/src/changes/kind.js';
import type { ObservedBudget } from '../../engine/src/observed/types.js';
import type { Action, Change } from '../../engine/src/plan/types.js';
import { checkInMemory } from '../helpers/apply-aws.js';
import { memoryAws } from '../helpers/memory-aws.js';
import { observedOrganization, planOf } from '../helpers/observed.js';
import { minimalTree, type MinimalTree } from '../helpers/tree.js';

const ID = '000000000001';
const NAME = `SpaTest-${ID}`;
const OUS = { Sandbox: { managed: true } };
const A = { id: ID, name: 'a', email: 'a@example.com', ouPath: 'Sandbox' };
const budget = (amount: number, subscribers = ['a@example.com']): ObservedBudget => ({
  name: NAME,
  amount,
  currency: 'USD',
  notifications: [80, 100].map((threshold) => ({ threshold, subscribers })),
});
const WITH = (amount: number): MinimalTree => ({
  ous: OUS,
  defaults: { budget: { amount } },
  accounts: { a: { organizationalUnit: 'Sandbox' } },
});
const WITHOUT: MinimalTree = { ous: OUS, accounts: { a: { organizationalUnit: 'Sandbox' } } };

/** Plans `settings` over the budget `seen`, lets AWS become `now`, and checks the change of `action`. */
async function check(
  settings: MinimalTree,
  action: Action,
  seen: ObservedBudget | undefined,
  now: ObservedBudget | null = seen ?? null,
  apply = settings,
  edit: (c: Change) => void = () => undefined,
): Promise<{ change: Change; readiness: Readiness }> {
  const org = observedOrganization({ ous: ['Sandbox'], accounts: [A] });
  const plan = planOf(minimalTree(settings), org, new Map(seen ? [[NAME, seen]] : []));
  const change = plan.changes.find((c) => c.action === action) as Change;
  expect(change, `the plan has a ${action}`).toBeDefined();
  edit(change);
  const aws = memoryAws(org, new Map(now ? [[NAME, now]] : []));
  const readiness = await checkInMemory(change, aws, org, apply);
  return { change, readiness };
}

describe('the budget changes: what the plan says, and why apply refuses or finds them stale', () => {
  it('create-budget: refused for a budget the settings do not give; stale when another appeared', async () => {
    const { change, readiness } = await check(WITH(100), 'create-budget', undefined);
    expect(readiness).toEqual({ state: 'ready' });
    expect(change.target).toMatchObject({ accountName: 'a', email: 'a@example.com', accountId: ID });
    expect((await check(WITH(100), 'create-budget', undefined, undefined, WITH(50))).readiness).toEqual({
      state: 'refused',
      reason: 'the settings do not give a this budget',
    });
    expect((await check(WITH(100), 'create-budget', undefined, undefined, WITHOUT)).readiness).toEqual({
      state: 'refused',
      reason: 'the settings do not give a this budget',
    });
    expect((await check(WITH(100), 'create-budget', undefined, budget(5))).readiness).toEqual({
      state: 'stale',
      expected: 'no budget yet',
      found: '5 USD, thresholds 80/100, to a@example.com',
    });
  });

  it('update-budget: says what it changes; stale when the budget is gone or changed since the plan', async () => {
    const { change, readiness } = await check(WITH(100), 'update-budget', budget(50));
    expect(readiness).toEqual({ state: 'ready' });
    expect(change.summary).toMatch(new RegExp(`^update the budget ${NAME} of a to `));
    expect(change.precondition).toMatchObject({ parentId: 'ou-root-00000000' });
    expect((await check(WITH(100), 'update-budget', budget(50), budget(100))).readiness).toEqual({
      state: 'done',
    });
    expect((await check(WITH(100), 'update-budget', budget(50), null)).readiness).toEqual({
      state: 'stale',
      expected: `budget ${NAME} exists`,
      found: 'it does not',
    });
    expect((await check(WITH(100), 'update-budget', budget(50), budget(70))).readiness).toEqual({
      state: 'stale',
      expected: '50 USD, thresholds 80/100, to a@example.com',
      found: '70 USD, thresholds 80/100, to a@example.com',
    });
    expect((await check(WITH(100), 'update-budget', budget(50), budget(50), WITH(60))).readiness).toEqual({
      state: 'refused',
      reason: 'the settings do not give a this budget',
    });
    const renamed = await check(WITH(100), 'update-budget', budget(50), budget(50), WITH(100), (c) => {
      (c.target as { name: string }).name = 'SpaTest-other';
    });
    expect(renamed.readiness).toEqual({
      state: 'refused',
      reason: `the budget of account ${ID} is ${NAME}, not SpaTest-other`,
    });
  });

  it('delete-budget: says why; refused while the settings give a budget; done once gone', async () => {
    const { change, readiness } = await check(WITHOUT, 'delete-budget', budget(50));
    expect(readiness).toEqual({ state: 'ready' });
    expect(change.summary).toBe(`delete the budget ${NAME} of a: no level gives a budget amount`);
    expect(change.after).toBeNull();
    expect(change.provenance).toEqual({});
    expect((await check(WITHOUT, 'delete-budget', budget(50), budget(50), WITH(50))).readiness).toEqual({
      state: 'refused',
      reason: 'the settings still give a a budget',
    });
    expect((await check(WITHOUT, 'delete-budget', budget(50), null)).readiness).toEqual({
      state: 'done',
    });
    expect((await check(WITHOUT, 'delete-budget', budget(50), budget(75))).readiness).toEqual({
      state: 'stale',
      expected: '50 USD, thresholds 80/100, to a@example.com',
      found: '75 USD, thresholds 80/100, to a@example.com',
    });
  });
});
