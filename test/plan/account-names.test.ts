import { describe, expect, it } from 'vitest';
import { renamesNeeded } from '../../engine/src/plan/account-api.js';
import { desiredOf, observedOrganization, planOf, type FakeAccount } from '../helpers/observed.js';
import { minimalTree, type MinimalTree } from '../helpers/tree.js';

const OUS: MinimalTree['ous'] = { Sandbox: { managed: true } };
const STATE = { 'account-state': 'released', 'account-holder': 'a@example.com' };
const a = (name: string, extra: Partial<FakeAccount> = {}): FakeAccount => ({
  id: '000000000001',
  name,
  email: 'a@example.com',
  ouPath: 'Sandbox',
  tags: STATE,
  ...extra,
});
const tree = (settings: Record<string, unknown> = {}) =>
  minimalTree({ settings, ous: OUS, accounts: { a: { organizationalUnit: 'Sandbox' } } });

describe('account names', () => {
  it('renames an account with a file to its file name, by default', () => {
    const plan = planOf(tree(), observedOrganization({ ous: ['Sandbox'], accounts: [a('old-name')] }));
    expect(plan.changes).toEqual([
      expect.objectContaining({
        action: 'rename-account',
        address: 'account/a',
        before: { accountName: 'old-name' },
        after: { accountName: 'a' },
        precondition: { parentId: 'ou-root-00000000', name: 'old-name' },
        provenance: { accountName: 'accounts/a.yaml (the file name)' },
      }),
    ]);
    expect(plan.findings).toEqual([]);
    expect(plan.summary.touchedAccounts).toBe(1);
  });

  it('only reports the difference with accountNames: report', () => {
    const plan = planOf(
      tree({ accountNames: 'report' }),
      observedOrganization({ ous: ['Sandbox'], accounts: [a('old-name')] }),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.findings).toEqual([
      expect.objectContaining({ kind: 'name-mismatch', severity: 'warning', accountId: '000000000001' }),
    ]);
    expect(plan.findings[0]!.message).toContain('accountNames: report');
  });

  it('never renames an account without a file, nor a suspended one', () => {
    const plan = planOf(
      minimalTree({ ous: OUS, accounts: { a: { organizationalUnit: 'Sandbox' } } }),
      observedOrganization({
        ous: ['Sandbox'],
        accounts: [
          a('old-name', { status: 'SUSPENDED' }),
          {
            id: '000000000002',
            name: 'any-name',
            email: 'nofile@example.com',
            ouPath: 'Sandbox',
            tags: STATE,
          },
        ],
      }),
    );
    expect(plan.changes.filter((c) => c.action === 'rename-account')).toEqual([]);
    expect(plan.findings.map((f) => f.kind).sort()).toEqual([
      'closed-in-aws',
      'managed-through-ou',
      'name-mismatch',
    ]);
  });

  it('asks for the trusted access of Account Management only when an account is to be renamed', () => {
    const observed = observedOrganization({ ous: ['Sandbox'], accounts: [a('old-name')] });
    expect(renamesNeeded(desiredOf(tree()), observed)).toBe(true);
    expect(renamesNeeded(desiredOf(tree({ accountNames: 'report' })), observed)).toBe(false);
    const same = observedOrganization({ ous: ['Sandbox'], accounts: [a('a')] });
    expect(renamesNeeded(desiredOf(tree()), same)).toBe(false);
  });

  it('blocks the plan with one finding when the trusted access of Account Management is off', () => {
    const plan = planOf(
      tree(),
      observedOrganization({ ous: ['Sandbox'], accounts: [a('old-name')] }),
      new Map(),
      { accountApi: { trustedAccess: false } },
    );
    expect(plan.findings).toEqual([
      expect.objectContaining({ kind: 'account-access-disabled', severity: 'error' }),
    ]);
    expect(plan.findings[0]!.message).toContain(
      'aws organizations enable-aws-service-access --service-principal account.amazonaws.com',
    );
  });
});
