import { describe, expect, it } from 'vitest';
import type { Readiness } from '../../engine/src/changes/kind.js';
import type { ObservedOrganization } from '../../engine/src/observed/types.js';
import type { Action, Change } from '../../engine/src/plan/types.js';
import { checkInMemory } from '../helpers/apply-aws.js';
import { memoryAws } from '../helpers/memory-aws.js';
import { observedOrganization, planOf, type FakeAccount } from '../helpers/observed.js';
import { minimalTree, type MinimalTree } from '../helpers/tree.js';

const ID = '000000000001';
const A: FakeAccount = { id: ID, name: 'a', email: 'a@example.com', ouPath: 'Sandbox' };
const OUS = { Sandbox: { managed: true }, Other: { managed: false } };
const FILE: MinimalTree = {
  ous: OUS,
  accounts: { a: { organizationalUnit: 'Sandbox', tags: { team: 'x' } } },
};
const NO_FILE: MinimalTree = { ous: { ...OUS, Sandbox: { managed: true, tags: { team: 'x' } } } };

/**
 * Plans `settings`, lets `mutate` change AWS or the change, then checks the change of `action` against the
 * settings `apply` (the same by default): the readiness with its reason.
 */
async function check(
  settings: MinimalTree,
  action: Action,
  mutate: (org: ObservedOrganization, change: Change) => void = () => undefined,
  apply = settings,
): Promise<Readiness> {
  const org = observedOrganization({ ous: ['Sandbox', 'Other'], accounts: [structuredClone(A)] });
  const change = planOf(minimalTree(settings), org).changes.find((c) => c.action === action) as Change;
  expect(change, `the plan has a ${action}`).toBeDefined();
  mutate(org, change);
  const aws = memoryAws(org);
  return checkInMemory(change, aws, org, apply);
}

const move = (path: string) => (o: ObservedOrganization) => {
  o.accounts[0]!.parentId = path === '' ? o.rootId : o.ous.get(path)!.id;
};
const refused = (reason: string) => ({ state: 'refused', reason });

describe('who a change is about: the account file, the account in AWS, and where it is', () => {
  it('is ready when the file and AWS agree with the plan', async () => {
    expect(await check(FILE, 'tag-account')).toEqual({ state: 'ready' });
    expect(await check(NO_FILE, 'tag-account')).toEqual({ state: 'ready' });
  });

  it('refuses a plan whose account the file gives another email or id', async () => {
    const other = (a: Record<string, unknown>): MinimalTree => ({
      ...FILE,
      accounts: { a: { organizationalUnit: 'Sandbox', tags: { team: 'x' }, ...a } },
    });
    expect(await check(FILE, 'tag-account', undefined, other({ email: 'b@example.com' }))).toEqual(
      refused('accounts/a.yaml gives the email b@example.com, the plan a@example.com'),
    );
    expect(await check(FILE, 'tag-account', undefined, other({ id: '000000000099' }))).toEqual(
      refused(`accounts/a.yaml gives the id 000000000099, the plan ${ID}`),
    );
    expect(await check(FILE, 'tag-account', undefined, other({ id: ID }))).toEqual({ state: 'ready' });
  });

  it('refuses an address that names no file, or an account a file manages by id', async () => {
    expect(await check(FILE, 'tag-account', undefined, NO_FILE)).toEqual(
      refused('no account file is named a'),
    );
    expect(
      await check(
        NO_FILE,
        'tag-account',
        (_o, c) => ((c.target as { accountId: string }).accountId = '000000000009'),
      ),
    ).toEqual(refused(`no account file is named ${ID}`));
    expect(await check(NO_FILE, 'tag-account', undefined, FILE)).toEqual(
      refused(`accounts/a.yaml manages account ${ID}: the plan must address it by name`),
    );
    const byId = {
      ...NO_FILE,
      accounts: { b: { organizationalUnit: 'Sandbox', id: ID, email: 'b@example.com' } },
    };
    expect(await check(NO_FILE, 'tag-account', undefined, byId)).toEqual(
      refused(`accounts/b.yaml manages account ${ID}: the plan must address it by name`),
    );
  });

  it('refuses to tag an account its file closes, and to close one its file does not', async () => {
    const closed = {
      ...FILE,
      accounts: { a: { organizationalUnit: 'Sandbox', tags: { team: 'x' }, closed: true } },
    };
    expect(await check(FILE, 'tag-account', undefined, closed)).toEqual(
      refused('accounts/a.yaml closes the account'),
    );
    expect(await check(closed, 'close-account', undefined, FILE)).toEqual(
      refused('accounts/a.yaml does not close the account'),
    );
  });

  it('is stale when the account is gone, has another email, or was moved elsewhere', async () => {
    expect(await check(FILE, 'tag-account', (o) => o.accounts.pop())).toEqual({
      state: 'stale',
      expected: `account ${ID} exists`,
      found: 'it does not',
    });
    expect(await check(FILE, 'tag-account', (o) => (o.accounts[0]!.email = 'z@example.com'))).toEqual({
      state: 'stale',
      expected: `account ${ID} has the email a@example.com`,
      found: 'its email is z@example.com',
    });
    expect(await check(FILE, 'tag-account', move('Other'))).toEqual({
      state: 'stale',
      expected: `account ${ID} in Sandbox`,
      found: 'it is in Other',
    });
    expect(await check(FILE, 'tag-account', move(''))).toEqual({
      state: 'stale',
      expected: `account ${ID} in Sandbox`,
      found: 'it is in the root',
    });
    const planned = (parentId: string) => (o: ObservedOrganization, c: Change) => {
      move('Other')(o);
      (c.precondition as { parentId: string }).parentId = parentId;
    };
    expect(await check(FILE, 'tag-account', planned('ou-gone'))).toEqual({
      state: 'stale',
      expected: `account ${ID} in ou-gone`,
      found: 'it is in Other',
    });
    expect(await check(FILE, 'tag-account', planned('r-root'))).toEqual({
      state: 'stale',
      expected: `account ${ID} in the root`,
      found: 'it is in Other',
    });
  });

  it('accepts an account already moved where its file wants it (an interrupted apply)', async () => {
    const there = { ...FILE, accounts: { a: { organizationalUnit: 'Other', tags: { team: 'x' } } } };
    expect(await check(there, 'tag-account', move('Other'))).toEqual({ state: 'ready' });
  });

  it('refuses an account without a file that is not below a managed OU', async () => {
    expect(
      await check(NO_FILE, 'tag-account', (o, c) => {
        move('Other')(o);
        (c.precondition as { parentId: string }).parentId = o.ous.get('Other')!.id;
      }),
    ).toEqual(refused(`account ${ID} is in Other, which no settings file manages`));
    expect(
      await check(NO_FILE, 'tag-account', (o, c) => {
        move('')(o);
        (c.precondition as { parentId: string }).parentId = o.rootId;
      }),
    ).toEqual(refused(`account ${ID} is in the root, which no settings file manages`));
  });

  it('checks an account this plan creates by its email: ready before and after, in the root only', async () => {
    const NEW: MinimalTree = { ous: OUS, accounts: { b: { organizationalUnit: 'Sandbox' } } };
    const created = (path: string) => (o: ObservedOrganization) =>
      o.accounts.push({
        id: '000000000002',
        name: 'b',
        email: 'b@example.com',
        status: 'ACTIVE',
        parentId: path === '' ? o.rootId : o.ous.get(path)!.id,
        ouPath: path,
        tags: {},
      });
    expect(await check(NEW, 'move-account')).toEqual({ state: 'ready' });
    expect(await check(NEW, 'move-account', created(''))).toEqual({ state: 'ready' });
    expect(await check(NEW, 'move-account', created('Sandbox'))).toEqual({ state: 'done' });
    expect(await check(NEW, 'move-account', created('Other'))).toEqual({
      state: 'stale',
      expected: 'the new account 000000000002 in the root (r-root)',
      found: 'its parent is ou-root-00000001',
    });
  });
});
