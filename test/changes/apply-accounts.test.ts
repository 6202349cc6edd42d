import { describe, expect, it } from 'vitest';
import { executeChange } from '../../engine/src/changes/registry.js';
import { EngineError } from '../../engine/src/domain/errors.js';
import type { Contact, ContactType, ObservedBudget } from '../../engine/src/observed/types.js';
import type { Action, Change } from '../../engine/src/plan/types.js';
import { applyAws } from '../helpers/apply-aws.js';
import { observedOrganization, planOf, type FakeAccount } from '../helpers/observed.js';
import { minimalTree, type MinimalTree } from '../helpers/tree.js';

const OUS: Record<string, Record<string, unknown>> = {
  Sandbox: { managed: true },
  Other: { managed: false },
};
const ID = '000000000001';
const A: FakeAccount = {
  id: ID,
  name: 'a',
  email: 'a@example.com',
  ouPath: 'Sandbox',
  tags: { 'account-state': 'released', 'account-holder': 'a@example.com' },
};
const SANDBOX = 'ou-root-00000000';
const OTHER = 'ou-root-00000001';
const SEC: Contact = {
  name: 'Security team',
  title: 'CSIRT',
  email: 'sec@example.com',
  phone: '+1 555 0100',
};
const budget = (amount: number): ObservedBudget => ({
  name: `SpaTest-${ID}`,
  amount,
  currency: 'USD',
  notifications: [80, 100].map((threshold) => ({ threshold, subscribers: ['a@example.com'] })),
});

interface Case {
  settings: MinimalTree;
  accounts?: FakeAccount[];
  budgets?: ObservedBudget[];
  contacts?: Record<string, Partial<Record<ContactType, Contact>>>;
}

/** The change of `action` in the plan of `c`, and AWS in memory as the plan saw it. */
function planned(c: Case, action: Action) {
  const org = observedOrganization({
    ous: ['Sandbox', 'Other'],
    accounts: structuredClone(c.accounts ?? [A]),
  });
  const budgets = new Map((c.budgets ?? []).map((b) => [b.name, b]));
  const contacts = new Map(Object.entries(c.contacts ?? {}));
  const read = new Map(
    org.accounts.map((a) => [
      a.id,
      {
        ok: true as const,
        contacts: Object.fromEntries(
          (['billing', 'operations', 'security'] as const).map((t) => [t, contacts.get(a.id)?.[t] ?? null]),
        ),
      },
    ]),
  );
  const plan = planOf(minimalTree({ ...c.settings, ous: c.settings.ous ?? OUS }), org, budgets, {
    accountApi: { trustedAccess: true, contacts: read },
  });
  const change = plan.changes.find((x) => x.action === action) as Change;
  expect(change, `the plan has a ${action}`).toBeDefined();
  return { change, org, ...applyAws(org, { budgets, contacts }) };
}

async function failure(run: Promise<unknown>): Promise<EngineError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}

const IN_SANDBOX = { accounts: { a: { organizationalUnit: 'Sandbox' } } };

describe('the apply step of the account and budget changes', () => {
  it('move-account: plans the move from where it is, moves it, and does nothing once there', async () => {
    const { change, ctx, calls } = planned(
      { settings: { accounts: { a: { organizationalUnit: 'Other' } } } },
      'move-account',
    );
    expect(change).toMatchObject({
      reason: 'differs',
      summary: 'move a from Sandbox to Other',
      before: { organizationalUnit: 'Sandbox' },
      after: { organizationalUnit: 'Other' },
      precondition: { parentId: SANDBOX },
      dependsOn: [],
    });
    expect(change.provenance.organizationalUnit).toMatch(/^accounts\/a\.yaml:\d+/);
    expect(await executeChange(change, ctx)).toEqual({
      changed: true,
      message: 'moved to Other',
      resourceId: ID,
    });
    expect(calls).toEqual([['moveAccount', ID, SANDBOX, OTHER]]);
    expect(await executeChange(change, ctx)).toEqual({
      changed: false,
      message: 'already in Other',
      resourceId: ID,
    });
    expect(calls).toHaveLength(1);
  });

  it('move-account: a new account is moved from the root after its creation, found by its email', async () => {
    const { change, ctx, calls, org } = planned(
      { settings: { accounts: { b: { organizationalUnit: 'Sandbox' } } }, accounts: [] },
      'move-account',
    );
    expect(change).toMatchObject({
      reason: 'new',
      summary: 'move the new account b from the root to Sandbox',
      before: { organizationalUnit: '' },
      precondition: { newAccount: true },
      dependsOn: ['create-account:account/b'],
    });
    const error = await failure(executeChange(change, ctx));
    expect(error.code).toBe('account-not-found');
    expect(error.message).toBe('account b (b@example.com) does not exist');
    org.accounts.push({
      id: '000000000002',
      name: 'b',
      email: 'b@example.com',
      status: 'ACTIVE',
      parentId: 'r-root',
      ouPath: '',
      tags: {},
    });
    expect(await executeChange(change, ctx)).toEqual({
      changed: true,
      message: 'moved to Sandbox',
      resourceId: '000000000002',
    });
    expect(calls).toEqual([['moveAccount', '000000000002', 'r-root', SANDBOX]]);
  });

  it('move-account: refuses a move into an OU that is gone', async () => {
    const { change, ctx, calls, org } = planned(
      { settings: { accounts: { a: { organizationalUnit: 'Other' } } } },
      'move-account',
    );
    org.ous.delete('Other');
    const error = await failure(executeChange(change, ctx));
    expect(error.code).toBe('ou-missing');
    expect(error.message).toBe('OU Other does not exist');
    expect(calls).toEqual([]);
  });

  it('close-account: closes an active account, once', async () => {
    const { change, ctx, calls } = planned(
      { settings: { accounts: { a: { organizationalUnit: 'Sandbox', closed: true } } } },
      'close-account',
    );
    expect(await executeChange(change, ctx)).toEqual({
      changed: true,
      message: 'closed (suspended; AWS deletes it after 90 days)',
      resourceId: ID,
    });
    expect(calls).toEqual([['closeAccount', ID]]);
    expect(await executeChange(change, ctx)).toEqual({
      changed: false,
      message: 'already SUSPENDED',
      resourceId: ID,
    });
    expect(calls).toHaveLength(1);
  });

  it('tag-account: writes the tags it sets, removes the ones it unsets, and says which', async () => {
    const { change, ctx, calls } = planned(
      { settings: { accounts: { a: { organizationalUnit: 'Sandbox', tags: { team: 'x' } } } } },
      'tag-account',
    );
    expect(await executeChange(change, ctx)).toEqual({ changed: true, message: 'set team', resourceId: ID });
    (change.after as { tags: Record<string, string | null> }).tags = { team: 'y', cost: 'z', old: null };
    expect(await executeChange(change, ctx)).toEqual({
      changed: true,
      message: 'set team, cost; removed old',
      resourceId: ID,
    });
    expect(calls).toEqual([
      ['tagResource', ID, { team: 'x' }],
      ['untagResource', ID, []],
      ['tagResource', ID, { team: 'y', cost: 'z' }],
      ['untagResource', ID, ['old']],
    ]);
  });

  it('rename-account: writes the name the settings give', async () => {
    const { change, ctx, calls } = planned(
      { settings: IN_SANDBOX, accounts: [{ ...A, name: 'old-name' }] },
      'rename-account',
    );
    expect(await executeChange(change, ctx)).toEqual({
      changed: true,
      message: 'renamed to a',
      resourceId: ID,
    });
    expect(calls).toEqual([['putAccountName', ID, 'a']]);
  });

  it('start-lifecycle: sets the first state unless the lifecycle set one meanwhile', async () => {
    const { change, ctx, calls, org } = planned(
      { settings: IN_SANDBOX, accounts: [{ ...A, tags: {} }] },
      'start-lifecycle',
    );
    const [key, value] = Object.entries((change.after as { tags: Record<string, string> }).tags)[0]!;
    expect(await executeChange(change, ctx)).toEqual({
      changed: true,
      message: `${key} = ${value}`,
      resourceId: ID,
    });
    expect(calls).toEqual([['tagResource', ID, { [key]: value }]]);
    org.accounts[0]!.tags[key] = 'expired';
    expect(await executeChange(change, ctx)).toEqual({
      changed: false,
      message: `${key} is already expired`,
      resourceId: ID,
    });
    expect(calls).toHaveLength(1);
  });

  it('put-alternate-contact: writes the contact of its type', async () => {
    const { change, ctx, calls } = planned(
      {
        settings: {
          accounts: { a: { organizationalUnit: 'Sandbox', alternateContacts: { security: SEC } } },
        },
      },
      'put-alternate-contact',
    );
    expect(await executeChange(change, ctx)).toEqual({
      changed: true,
      message: 'security contact: Security team (CSIRT) <sec@example.com> +1 555 0100',
      resourceId: ID,
    });
    expect(calls).toEqual([['putContact', ID, 'security', SEC]]);
  });

  it('delete-alternate-contact: removes the contact of its type, and says when there was none', async () => {
    const { change, ctx, calls } = planned(
      {
        settings: { accounts: { a: { organizationalUnit: 'Sandbox', unsetAlternateContacts: ['billing'] } } },
        contacts: { [ID]: { billing: SEC } },
      },
      'delete-alternate-contact',
    );
    expect(await executeChange(change, ctx)).toEqual({
      changed: true,
      message: 'billing contact removed',
      resourceId: ID,
    });
    expect(calls).toEqual([['deleteContact', ID, 'billing']]);
    ctx.accountApi.deleteContact = () => Promise.resolve(false);
    expect(await executeChange(change, ctx)).toEqual({
      changed: false,
      message: 'no such contact',
      resourceId: ID,
    });
  });

  it('create-budget: creates the budget of the account with a notification per threshold', async () => {
    const { change, ctx, calls, budgets } = planned(
      { settings: { ...IN_SANDBOX, defaults: { budget: { amount: 100 } } } },
      'create-budget',
    );
    const want = (change.after as { budget: { thresholds: number[]; subscribers: string[] } }).budget;
    const desired = {
      name: `SpaTest-${ID}`,
      accountId: ID,
      amount: 100,
      currency: 'USD',
      notifications: want.thresholds.map((threshold) => ({ threshold, subscribers: want.subscribers })),
    };
    expect(desired.notifications.length).toBeGreaterThan(0);
    expect(await executeChange(change, ctx)).toEqual({
      changed: true,
      message: `created SpaTest-${ID}`,
      resourceId: `SpaTest-${ID}`,
    });
    expect(calls).toEqual([['createBudget', desired]]);
    // Created meanwhile as the settings want it: nothing more to write.
    budgets.set(`SpaTest-${ID}`, {
      ...budget(100),
      notifications: want.thresholds.map((threshold) => ({ threshold, subscribers: want.subscribers })),
    });
    expect(await executeChange(change, ctx)).toEqual({
      changed: false,
      message: `SpaTest-${ID} is up to date`,
      resourceId: `SpaTest-${ID}`,
    });
  });

  it('create-budget: a budget created meanwhile with another amount is updated; one that cannot be read fails', async () => {
    const { change, ctx, calls, budgets } = planned(
      { settings: { ...IN_SANDBOX, defaults: { budget: { amount: 100 } } } },
      'create-budget',
    );
    ctx.world.budgetStore.createBudget = () => {
      budgets.set(`SpaTest-${ID}`, budget(5));
      return Promise.resolve(false);
    };
    expect(await executeChange(change, ctx)).toEqual({
      changed: true,
      message: `updated SpaTest-${ID}`,
      resourceId: `SpaTest-${ID}`,
    });
    expect(calls).toEqual([['updateBudget', expect.objectContaining({ amount: 100 }), budget(5)]]);
    budgets.clear();
    ctx.world.budgetStore.createBudget = () => Promise.resolve(false);
    const error = await failure(executeChange(change, ctx));
    expect(error.code).toBe('budget-missing');
    expect(error.message).toBe(`budget SpaTest-${ID} could not be created nor read`);
  });

  it('update-budget: brings the budget to the amount the settings give', async () => {
    const { change, ctx, calls } = planned(
      { settings: { ...IN_SANDBOX, defaults: { budget: { amount: 100 } } }, budgets: [budget(50)] },
      'update-budget',
    );
    expect(await executeChange(change, ctx)).toEqual({
      changed: true,
      message: `updated SpaTest-${ID}`,
      resourceId: `SpaTest-${ID}`,
    });
    expect(calls).toEqual([
      [
        'updateBudget',
        expect.objectContaining({ name: `SpaTest-${ID}`, accountId: ID, amount: 100 }),
        budget(50),
      ],
    ]);
  });

  it('delete-budget: deletes the budget by its name', async () => {
    const { change, ctx, calls } = planned({ settings: IN_SANDBOX, budgets: [budget(50)] }, 'delete-budget');
    expect(await executeChange(change, ctx)).toEqual({
      changed: true,
      message: `deleted SpaTest-${ID}`,
      resourceId: `SpaTest-${ID}`,
    });
    expect(calls).toEqual([['deleteBudget', `SpaTest-${ID}`]]);
  });
});
