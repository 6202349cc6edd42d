import { describe, expect, it } from 'vitest';
import { isBelow, readsOf, rowKey, scopeOf, type PlanScope } from '../../engine/src/plan/scope.js';
import { sha256Hex } from '../../engine/src/domain/digest.js';
import { minimalTree, type MinimalTree } from '../helpers/tree.js';
import { desiredOf } from '../helpers/observed.js';

/** A small organization: two OUs, two account files (one by id), and a CSV file with a row by id and by email. */
const SPEC: MinimalTree = {
  ous: { Sandbox: {}, 'Sandbox/Team': { budget: { amount: 50 } } },
  accounts: {
    alice: { organizationalUnit: 'Sandbox' },
    bob: { id: '000000000002', organizationalUnit: 'Sandbox/Team' },
  },
  csv: { 'owners.csv': 'Account,Tag: owner\n000000000009,x\nzed@example.com,y\n' },
};
const desired = (spec: Partial<MinimalTree> = {}) => desiredOf(minimalTree({ ...SPEC, ...spec }));
const base = desired();
type Targeted = Extract<PlanScope, { kind: 'targeted' }>;
const scopeOfSets = (files: string[], rows: string[], ous: string[]): Targeted => ({
  kind: 'targeted',
  files: new Set(files),
  rows: new Set(rows),
  ous: new Set(ous),
});

describe('the scope of a pull request', () => {
  it('is empty when nothing differs', () => {
    expect(scopeOf(base, desired())).toEqual(scopeOfSets([], [], []));
  });

  it('names the account files added, removed and changed, and no other', () => {
    const head = desired({
      accounts: {
        alice: { organizationalUnit: 'Sandbox', holder: 'h@example.com' },
        carol: { organizationalUnit: 'Sandbox' },
      },
    });
    expect(scopeOf(base, head)).toEqual(scopeOfSets(['alice', 'carol', 'bob'], [], []));
    expect(scopeOf(head, base)).toEqual(scopeOfSets(['alice', 'bob', 'carol'], [], []));
  });

  it('names the CSV rows without a file that are added, removed or changed, by kind and account', () => {
    const head = desired({
      csv: { 'owners.csv': 'Account,Tag: owner\n000000000009,x2\nnew@example.com,n\n' },
    });
    expect(scopeOf(base, head)).toEqual(
      scopeOfSets([], ['id:000000000009', 'email:new@example.com', 'email:zed@example.com'], []),
    );
  });

  it('names the OU files added, removed or changed, and the account files whose settings they change', () => {
    const head = desired({ ous: { Sandbox: {}, 'Sandbox/Team': { budget: { amount: 60 } }, Lab: {} } });
    // bob's budget comes from Sandbox/Team's file: his desired state changes with it.
    expect(scopeOf(base, head)).toEqual(scopeOfSets(['bob'], [], ['Sandbox/Team', 'Lab']));
  });

  it('is full when the environment changes', () => {
    expect(scopeOf(base, desired({ settings: { environment: 'SpaOther' } }))).toEqual({
      kind: 'full',
      reason: 'the environment changes',
    });
  });

  it('is full when settings.yaml changes', () => {
    expect(scopeOf(base, desired({ defaults: { budget: { amount: 10 } } }))).toEqual({
      kind: 'full',
      reason: 'settings.yaml changes, which reaches every account',
    });
  });

  it('is full, naming the OU, when the service control policies an OU attaches change', () => {
    const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}';
    const withPolicy = (ous: NonNullable<MinimalTree['ous']>) =>
      desired({
        settings: { serviceControlPolicies: { 'deny-s3': { file: 'infra/policies/deny-s3.json' } } },
        files: { 'infra/policies/deny-s3.json': policy },
        ous,
      });
    const attach = { serviceControlPolicies: { attach: ['deny-s3'] } };
    const before = withPolicy({ Sandbox: {}, 'Sandbox/Team': {} });
    const after = withPolicy({ Sandbox: {}, 'Sandbox/Team': attach });
    expect(scopeOf(before, after)).toEqual({
      kind: 'full',
      reason: 'the service control policies of the OU Sandbox/Team change',
    });
    expect(scopeOf(after, before)).toMatchObject({ kind: 'full' });
  });
});

describe('the reads of a targeted scope', () => {
  const index = new Map([
    ['alice@example.com', '000000000001'],
    ['zed@example.com', '000000000026'],
  ]);

  it('reads the accounts of the files in scope by id, or by email through the index, with their OU', () => {
    const read = readsOf(scopeOfSets(['bob', 'alice'], [], []), [base], index);
    expect(read).toEqual({
      accountIds: ['000000000001', '000000000002'],
      ouPaths: ['Sandbox', 'Sandbox/Team'],
      subtrees: [],
      ouTagPaths: [],
      scanEmails: [],
    });
  });

  it('leaves out the files and rows that are not in scope', () => {
    expect(readsOf(scopeOfSets([], [], []), [base], index)).toEqual({
      accountIds: [],
      ouPaths: [],
      subtrees: [],
      ouTagPaths: [],
      scanEmails: [],
    });
  });

  it('reads CSV rows by id as they are and by email through the index', () => {
    const read = readsOf(scopeOfSets([], ['id:000000000009', 'email:zed@example.com'], []), [base], index);
    expect(read.accountIds).toEqual(['000000000009', '000000000026']);
    expect(read.ouPaths).toEqual([]);
  });

  it('reads the OUs in scope with every account below them and their tags', () => {
    const read = readsOf(scopeOfSets([], [], ['Sandbox/Team', 'Lab']), [base], index);
    expect(read).toEqual({
      accountIds: [],
      ouPaths: ['Lab', 'Sandbox/Team'],
      subtrees: ['Lab', 'Sandbox/Team'],
      ouTagPaths: ['Lab', 'Sandbox/Team'],
      scanEmails: [],
    });
  });

  it('finds an email whatever its case, and scans for one that only a digest names', () => {
    const head = desired({
      accounts: {
        alice: { email: 'Alice@Example.COM', organizationalUnit: 'Sandbox' },
        carol: { email: 'Carol@Example.com', organizationalUnit: 'Sandbox' },
        dan: { organizationalUnit: 'Sandbox' },
      },
    });
    const others = new Set([sha256Hex('carol@example.com')]);
    const read = readsOf(scopeOfSets(['alice', 'carol', 'dan'], [], []), [head], index, others);
    expect(read.accountIds).toEqual(['000000000001']);
    expect(read.scanEmails).toEqual(['carol@example.com']);
    expect(read.ouPaths).toEqual(['Sandbox']);
  });

  it('reads what either side names: a file moved to another OU reads both OUs', () => {
    const head = desired({
      accounts: {
        alice: { organizationalUnit: 'Sandbox/Team' },
        bob: { id: '000000000002', organizationalUnit: 'Sandbox/Team' },
      },
    });
    expect(readsOf(scopeOfSets(['alice'], [], []), [base, head], index).ouPaths).toEqual([
      'Sandbox',
      'Sandbox/Team',
    ]);
  });
});

describe('paths and rows', () => {
  it('holds a path below its root at any depth, and the root itself, but not a sibling sharing its prefix', () => {
    expect(isBelow('Sandbox', 'Sandbox')).toBe(true);
    expect(isBelow('Sandbox/Team/Data', 'Sandbox')).toBe(true);
    expect(isBelow('SandboxOld', 'Sandbox')).toBe(false);
    expect(isBelow('Sandbox', 'Sandbox/Team')).toBe(false);
  });

  it('keys a CSV row by its kind and account', () => {
    expect(rowKey({ kind: 'email', account: 'a@example.com' })).toBe('email:a@example.com');
    expect(rowKey({ kind: 'id', account: '000000000001' })).toBe('id:000000000001');
  });
});
