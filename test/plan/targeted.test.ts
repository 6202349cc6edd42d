import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../engine/src/domain/digest.js';
import type { ObservedBudget } from '../../engine/src/observed/types.js';
import type { PlanScope } from '../../engine/src/plan/scope.js';
import {
  budgetNamesOf,
  budgetsPart,
  claimedChanges,
  claimOf,
  claimsChange,
  claimsFinding,
  observedPart,
  planIndex,
  type Claim,
} from '../../engine/src/plan/targeted.js';
import type { Change, Finding } from '../../engine/src/plan/types.js';
import { desiredOf, observedOrganization } from '../helpers/observed.js';
import { minimalTree } from '../helpers/tree.js';

type Targeted = Extract<PlanScope, { kind: 'targeted' }>;
const scope = (files: string[], rows: string[] = [], ous: string[] = []): Targeted => ({
  kind: 'targeted',
  files: new Set(files),
  rows: new Set(rows),
  ous: new Set(ous),
});
const claim = (over: Partial<Claim>): Claim => ({
  accounts: new Set(),
  ous: new Set(),
  rows: new Set(),
  ids: new Set(),
  reached: 0,
  ...over,
});

/** alice (found by email), bob (by id), carol (no account yet); CSV rows by id, by email and for alice. */
const desired = desiredOf(
  minimalTree({
    ous: { Sandbox: { managed: true }, 'Sandbox/Team': {}, Other: { managed: false } },
    accounts: {
      alice: { organizationalUnit: 'Sandbox' },
      bob: { id: '000000000002', organizationalUnit: 'Sandbox/Team' },
      carol: { organizationalUnit: 'Sandbox' },
      frank: { id: '000000000007', organizationalUnit: 'Sandbox' },
    },
    csv: { 'owners.csv': 'Account,Tag: owner\n000000000009,x\nzed@example.com,y\nalice@example.com,z\n' },
  }),
);
/** The organization: alice, bob, an account without a file below Sandbox/Team, one elsewhere, one at the root. */
const observed = observedOrganization({
  ous: ['Sandbox', 'Sandbox/Team', 'Sandbox/Team/Data', 'Other', 'SandboxOld', 'Sandbox/Empty'],
  ouTags: { Sandbox: { owner: 'platform' }, 'Sandbox/Team': { team: 't' } },
  accounts: [
    { id: '000000000001', name: 'alice', email: 'alice@example.com', ouPath: 'Sandbox' },
    { id: '000000000002', name: 'bob', email: 'bob@example.com', ouPath: 'Sandbox/Team' },
    { id: '000000000003', name: 'deep', email: 'deep@example.com', ouPath: 'Sandbox/Team/Data' },
    { id: '000000000004', name: 'old', email: 'old@example.com', ouPath: 'SandboxOld' },
    { id: '000000000005', name: 'root', email: 'root@example.com', ouPath: '' },
    {
      id: '000000000006',
      name: 'held',
      email: 'held@example.com',
      ouPath: 'Other',
      tags: { 'account-holder': 'h' },
    },
    // frank's file names this account by id only: its email differs, and it is outside the managed OUs.
    { id: '000000000007', name: 'frank', email: 'franklin@example.com', ouPath: 'Other' },
  ],
  creationsInProgress: ['carol'],
});
const read = (over: Partial<Parameters<typeof observedPart>[1]>) =>
  observedPart(observed, { accountIds: [], ouPaths: [], subtrees: [], ouTagPaths: [], ...over });
const ids = (o: ReturnType<typeof read>) => o.accounts.map((a) => a.id);

describe('what a targeted plan claims', () => {
  it('claims the files in scope and the accounts read, and counts those read and those to create', () => {
    const part = read({ accountIds: ['000000000001', '000000000002'] });
    const c = claimOf(scope(['alice', 'carol']), [desired], part);
    expect(c.accounts).toEqual(new Set(['alice', 'carol', '000000000001', '000000000002']));
    expect(c.ids).toEqual(new Set(['000000000001', '000000000002']));
    expect(c.ous).toEqual(new Set());
    // alice is matched by her email, carol matches no account read: two read and one to create.
    expect(c.reached).toBe(3);
    // alice's CSV row (line 4) is claimed with her file.
    expect(c.rows).toEqual(new Set(['tags-csv/owners.csv:4']));
  });

  it('counts a file whose id is read as reached once, and claims the CSV rows in scope by file and line', () => {
    const part = read({ accountIds: ['000000000002'] });
    const c = claimOf(
      scope(['bob'], ['id:000000000009', 'email:zed@example.com'], ['Sandbox']),
      [desired],
      part,
    );
    expect(c.reached).toBe(1);
    expect(c.rows).toEqual(new Set(['tags-csv/owners.csv:2', 'tags-csv/owners.csv:3']));
    expect(c.ous).toEqual(new Set(['Sandbox']));
  });

  it('counts a file whose id names no account read as one to create, whatever its email', () => {
    const files = desiredOf(
      minimalTree({
        ous: { Sandbox: {} },
        accounts: {
          dave: { id: '000000000001', organizationalUnit: 'Sandbox' },
          erin: { id: '000000000077', email: 'alice@example.com', organizationalUnit: 'Sandbox' },
          gus: { id: '000000000078', organizationalUnit: 'Sandbox' },
        },
      }),
    );
    const part = read({ accountIds: ['000000000001'] });
    // dave is read by id (his email differs); erin's email is alice's, read; gus matches nothing read.
    expect(claimOf(scope(['dave', 'erin', 'gus']), [files], part).reached).toBe(2);
  });

  it('holds the changes of its accounts (by file or id), of its OU files and of their contacts, never policies', () => {
    const c = claim({ accounts: new Set(['alice', '000000000007']), ous: new Set(['Sandbox/Team']) });
    const claims = (address: string) => claimsChange(c, { address });
    expect(claims('account/alice')).toBe(true);
    expect(claims('budget/alice')).toBe(true);
    expect(claims('account/000000000007')).toBe(true);
    expect(claims('contact/alice/BILLING')).toBe(true);
    expect(claims('ou/Sandbox/Team')).toBe(true);
    expect(claims('account/bob')).toBe(false);
    expect(claims('contact/bob/BILLING')).toBe(false);
    expect(claims('ou/Sandbox')).toBe(false);
    expect(claims('ou/alice')).toBe(false);
    expect(claims('policy/alice')).toBe(false);
    expect(
      claimsChange(claim({ accounts: new Set(['alice/BILLING']) }), { address: 'contact/alice/BILLING' }),
    ).toBe(false);
  });

  it('holds the changes its changes wait for, at any depth, in the order of the plan', () => {
    const change = (key: string, dependsOn: string[] = []) =>
      ({ key, address: key.slice(key.indexOf(':') + 1), dependsOn }) as unknown as Change;
    const all = [
      change('create-ou:ou/Sandbox'),
      change('create-ou:ou/Sandbox/Team', ['create-ou:ou/Sandbox']),
      change('create-ou:ou/Lab'),
      change('create-account:account/carol'),
      change('move-account:account/carol', ['create-account:account/carol', 'create-ou:ou/Sandbox/Team']),
      change('tag-account:account/bob', ['create-ou:ou/Gone']),
    ];
    const keys = (c: Claim) => claimedChanges(c, all).map((x) => x.key);
    expect(keys(claim({ accounts: new Set(['carol']) }))).toEqual([
      'create-ou:ou/Sandbox',
      'create-ou:ou/Sandbox/Team',
      'create-account:account/carol',
      'move-account:account/carol',
    ]);
    expect(keys(claim({ accounts: new Set(['bob']) }))).toEqual(['tag-account:account/bob']);
    expect(keys(claim({}))).toEqual([]);
  });

  it('holds the findings of its changes, of the accounts read and of its CSV rows', () => {
    const c = claim({
      accounts: new Set(['alice']),
      ids: new Set(['000000000002']),
      rows: new Set(['tags-csv/owners.csv:2']),
    });
    const finding = (f: Partial<Finding>) =>
      ({ kind: 'other', severity: 'error', message: 'm', ...f }) as Finding;
    expect(claimsFinding(c, finding({ address: 'account/alice' }))).toBe(true);
    expect(claimsFinding(c, finding({ address: 'account/bob', accountId: '000000000002' }))).toBe(false);
    expect(claimsFinding(c, finding({ accountId: '000000000002' }))).toBe(true);
    expect(claimsFinding(c, finding({ accountId: '000000000001' }))).toBe(false);
    const row = (line: number, kind = 'csv-unmatched') =>
      finding({ kind, file: 'tags-csv/owners.csv', line } as Partial<Finding>);
    expect(claimsFinding(c, row(2))).toBe(true);
    expect(claimsFinding(c, row(3))).toBe(false);
    expect(claimsFinding(c, row(2, 'csv-conflict'))).toBe(false);
  });
});

describe('the part of the organization a targeted plan reads', () => {
  it('holds the accounts asked for by id, and the OUs on their chains, without tags unless asked', () => {
    const part = read({ accountIds: ['000000000002', '000000000005', '000000000006'] });
    expect(ids(part)).toEqual(['000000000002', '000000000005', '000000000006']);
    expect([...part.ous.keys()]).toEqual(['Sandbox', 'Sandbox/Team', 'Other']);
    expect(part.ous.get('Sandbox')).not.toHaveProperty('tags');
    expect(part.ous.get('Sandbox/Team')).toMatchObject({
      id: observed.ous.get('Sandbox/Team')!.id,
      name: 'Team',
    });
    expect(part).toMatchObject({ organizationId: 'o-exampleorg1', managementAccountId: '123456789012' });
  });

  it('holds every account and OU below a sub-tree, not those of an OU whose name only starts alike', () => {
    const part = read({ subtrees: ['Sandbox'], ouTagPaths: ['Sandbox/Team'] });
    expect(ids(part)).toEqual(['000000000001', '000000000002', '000000000003']);
    expect([...part.ous.keys()]).toEqual(['Sandbox', 'Sandbox/Team', 'Sandbox/Team/Data', 'Sandbox/Empty']);
    // The OU's own tags and the marks of what SPA manages (managed-by, spa-environment).
    expect(part.ous.get('Sandbox/Team')!.tags).toEqual({
      team: 't',
      'managed-by': 'spa',
      'spa-environment': 'SpaTest',
    });
    expect(part.ous.get('Sandbox')).not.toHaveProperty('tags');
  });

  it('holds the OUs of the paths asked for and above them, with the tags asked for', () => {
    const part = read({ ouPaths: ['Sandbox/Team/Data'], ouTagPaths: ['Sandbox'] });
    expect(ids(part)).toEqual([]);
    expect([...part.ous.keys()]).toEqual(['Sandbox', 'Sandbox/Team', 'Sandbox/Team/Data']);
    expect(part.ous.get('Sandbox')!.tags).toEqual({
      owner: 'platform',
      'managed-by': 'spa',
      'spa-environment': 'SpaTest',
    });
  });

  it('reads the creations in progress unless told no account can be created, or an account asked for is missing', () => {
    expect(read({}).creationsInProgress).toEqual(['carol']);
    expect(read({ creations: true }).creationsInProgress).toEqual(['carol']);
    expect(read({ creations: false, accountIds: ['000000000001'] }).creationsInProgress).toEqual([]);
    expect(
      read({ creations: false, accountIds: ['000000000001', '000000000099'] }).creationsInProgress,
    ).toEqual(['carol']);
  });

  it('reads the budgets of the accounts read, and only those that exist', () => {
    const part = read({ accountIds: ['000000000001', '000000000002'] });
    expect(budgetNamesOf('SpaTest', part)).toEqual(['SpaTest-000000000001', 'SpaTest-000000000002']);
    const budget = (name: string): ObservedBudget => ({
      name,
      amount: 1,
      currency: 'USD',
      notifications: [],
    });
    const all = new Map(['SpaTest-000000000001', 'SpaTest-000000000003'].map((n) => [n, budget(n)]));
    expect(budgetsPart(all, budgetNamesOf('SpaTest', part))).toEqual(
      new Map([['SpaTest-000000000001', budget('SpaTest-000000000001')]]),
    );
  });
});

describe('the index a full plan keeps for targeted plans', () => {
  it('names the accounts a plan may show, and only a digest of the email of the others', () => {
    const ix = planIndex(desired, observed);
    // alice by email, bob by id, deep below a managed OU, held by the reserved holder tag, frank by id alone.
    expect(ix.accounts).toEqual([
      ['000000000001', 'alice@example.com'],
      ['000000000002', 'bob@example.com'],
      ['000000000003', 'deep@example.com'],
      ['000000000006', 'held@example.com'],
      ['000000000007', 'franklin@example.com'],
    ]);
    expect(ix.otherEmails).toEqual([sha256Hex('old@example.com'), sha256Hex('root@example.com')]);
    expect(ix.ous).toEqual([...observed.ous.values()].map((o) => [o.id, o.path]));
  });

  it('shows an account that carries the reserved state tag', () => {
    const tagged = observedOrganization({
      ous: ['Other'],
      accounts: [
        {
          id: '000000000008',
          name: 'x',
          email: 'x@example.com',
          ouPath: 'Other',
          tags: { 'account-state': 'released' },
        },
      ],
    });
    expect(planIndex(desired, tagged).accounts).toEqual([['000000000008', 'x@example.com']]);
  });
});
