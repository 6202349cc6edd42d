import { describe, expect, it } from 'vitest';
import { ACTION_ORDER, checkChange, compareChanges, KINDS } from '../../engine/src/changes/registry.js';
import { World } from '../../engine/src/changes/world.js';
import type { Readiness } from '../../engine/src/changes/kind.js';
import { indexDesired } from '../../engine/src/desired/index-of.js';
import type { ObservedOrganization } from '../../engine/src/observed/types.js';
import type { Action, Change } from '../../engine/src/plan/types.js';
import { memoryAws } from '../helpers/memory-aws.js';
import { desiredOf, observedOrganization, planOf, type FakeAccount } from '../helpers/observed.js';
import { minimalTree, type MinimalTree } from '../helpers/tree.js';

const ID = '000000000001';
const OUS = { Sandbox: { managed: true } };
const OLD: FakeAccount = { id: ID, name: 'old-name', email: 'a@example.com', ouPath: 'Sandbox' };
const FILE: MinimalTree = { ous: OUS, accounts: { a: { organizationalUnit: 'Sandbox' } } };
const CLOSED: MinimalTree = { ous: OUS, accounts: { a: { organizationalUnit: 'Sandbox', closed: true } } };

function plan(settings: MinimalTree, account: FakeAccount = OLD) {
  const org = observedOrganization({ ous: ['Sandbox'], accounts: [structuredClone(account)] });
  return { org, plan: planOf(minimalTree(settings), org) };
}

async function check(
  settings: MinimalTree,
  action: Action,
  mutate: (org: ObservedOrganization, change: Change) => void = () => undefined,
  apply = settings,
  account: FakeAccount = OLD,
): Promise<Readiness> {
  const { org, plan: p } = plan(settings, account);
  const change = p.changes.find((c) => c.action === action) as Change;
  expect(change, `the plan has a ${action}`).toBeDefined();
  mutate(org, change);
  const aws = memoryAws(org);
  return checkChange(change, {
    world: new World(aws.reader, aws.budgets, aws.accountApi, aws.policies),
    environment: 'SpaTest',
    managementAccountId: org.managementAccountId,
    desired: indexDesired(desiredOf(minimalTree(apply))),
  });
}

describe('renaming and closing an account', () => {
  it('plans a rename from the name in AWS to the file name', () => {
    const change = plan(FILE).plan.changes.find((c) => c.action === 'rename-account')!;
    expect(change).toMatchObject({
      reason: 'differs',
      summary: `rename account ${ID} from "old-name" to "a"`,
      before: { accountName: 'old-name' },
      after: { accountName: 'a' },
      provenance: { accountName: 'accounts/a.yaml (the file name)' },
      dependsOn: [],
      precondition: { parentId: 'ou-root-00000000', name: 'old-name' },
    });
  });

  it('reports the names it does not change, and why', () => {
    const report = plan({ ...FILE, settings: { accountNames: 'report' } }).plan;
    expect(report.changes.some((c) => c.action === 'rename-account')).toBe(false);
    expect(report.findings.find((f) => f.kind === 'name-mismatch')?.message).toBe(
      `account ${ID} is named "old-name" in AWS and "a" in git; settings.yaml says accountNames: report, so names are not changed (rename it in the AWS console, or rename the file)`,
    );
    const closing = plan(CLOSED).plan;
    expect(closing.changes.some((c) => c.action === 'rename-account')).toBe(false);
    expect(closing.findings.find((f) => f.kind === 'name-mismatch')?.message).toBe(
      `account ${ID} is named "old-name" in AWS and "a" in git; the account is not active or is being closed, so it is not renamed`,
    );
  });

  it('rename: refused, stale or done, each with its reason', async () => {
    expect(await check(FILE, 'rename-account')).toEqual({ state: 'ready' });
    expect(
      await check(FILE, 'rename-account', undefined, { ...FILE, settings: { accountNames: 'report' } }),
    ).toEqual({
      state: 'refused',
      reason: 'settings.yaml says accountNames: report',
    });
    expect(
      await check(
        FILE,
        'rename-account',
        (_o, c) => ((c.after as { accountName: string }).accountName = 'z'),
      ),
    ).toEqual({ state: 'refused', reason: 'accounts/a.yaml names the account a' });
    expect(await check(FILE, 'rename-account', (o) => (o.accounts[0]!.name = 'a'))).toEqual({
      state: 'done',
    });
    expect(await check(FILE, 'rename-account', (o) => (o.accounts[0]!.name = 'third'))).toEqual({
      state: 'stale',
      expected: 'the account is named "old-name"',
      found: 'it is named "third"',
    });
  });

  it('plans a close with where it is asked, and refuses to close the management account', async () => {
    const change = plan(CLOSED).plan.changes.find((c) => c.action === 'close-account')!;
    expect(change).toMatchObject({
      reason: 'requested',
      summary: `close a (${ID}, a@example.com): the account is suspended, then deleted by AWS after 90 days`,
      before: { status: 'ACTIVE' },
      after: { status: 'SUSPENDED' },
      dependsOn: [],
      precondition: { status: 'ACTIVE', parentId: 'ou-root-00000000' },
    });
    expect(change.provenance.closed).toMatch(/^accounts\/a\.yaml:\d+/);
    expect(await check(CLOSED, 'close-account')).toEqual({ state: 'ready' });
    expect(await check(CLOSED, 'close-account', (o) => (o.managementAccountId = ID))).toEqual({
      state: 'refused',
      reason: 'the management account cannot be closed',
    });
  });

  it('runs the kinds in their order, then by address', () => {
    expect(ACTION_ORDER[0]).toBe('close-account');
    expect(ACTION_ORDER.map((a) => KINDS[a].order)).toEqual(
      [...ACTION_ORDER.map((a) => KINDS[a].order)].sort((x, y) => x - y),
    );
    const c = (action: Action, address: string) => ({ action, address }) as Change;
    expect(compareChanges(c('tag-account', 'account/a'), c('tag-account', 'account/b'))).toBe(-1);
    expect(compareChanges(c('tag-account', 'account/b'), c('tag-account', 'account/a'))).toBe(1);
    expect(compareChanges(c('tag-account', 'account/a'), c('tag-account', 'account/a'))).toBe(0);
    expect(compareChanges(c('close-account', 'account/z'), c('tag-account', 'account/a'))).toBeLessThan(0);
  });
});
