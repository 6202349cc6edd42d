import { describe, expect, it } from 'vitest';
import { closeQuota } from '../../engine/src/plan/build-plan.js';
import { planDigest } from '../../engine/src/plan/digest.js';
import { minimalTree, type MinimalTree } from '../helpers/tree.js';
import { observedOrganization, planOf, type FakeAccount } from '../helpers/observed.js';

const OUS: MinimalTree['ous'] = { Sandbox: { managed: true }, Other: { managed: false } };
const tree = (spec: MinimalTree) => minimalTree({ ous: OUS, ...spec });
const org = (accounts: FakeAccount[], extra: Partial<Parameters<typeof observedOrganization>[0]> = {}) =>
  observedOrganization({ ous: ['Sandbox', 'Other'], accounts, ...extra });

describe('matching account files to AWS accounts', () => {
  it('matches by id when the file gives one, and reports a different email', () => {
    const plan = planOf(
      tree({ accounts: { a: { id: '000000000001', organizationalUnit: 'Sandbox' } } }),
      org([{ id: '000000000001', name: 'a', email: 'other@example.com', ouPath: 'Sandbox' }]),
    );
    expect(plan.findings).toEqual([
      expect.objectContaining({ kind: 'email-mismatch', severity: 'error', accountId: '000000000001' }),
    ]);
    expect(plan.changes).toEqual([]);
  });

  it('reports a file that matches two AWS accounts, one by id and one by email', () => {
    const plan = planOf(
      tree({ accounts: { a: { id: '000000000001', organizationalUnit: 'Sandbox' } } }),
      org([
        { id: '000000000001', name: 'a', email: 'x@example.com', ouPath: 'Sandbox' },
        { id: '000000000002', name: 'b', email: 'a@example.com', ouPath: 'Sandbox' },
      ]),
    );
    expect(plan.findings.map((f) => f.kind)).toContain('ambiguous-match');
  });

  it('reports an id that no account has, since an account cannot be created with a given id', () => {
    const plan = planOf(
      tree({ accounts: { a: { id: '000000000009', organizationalUnit: 'Sandbox' } } }),
      org([]),
    );
    expect(plan.findings).toEqual([expect.objectContaining({ kind: 'id-not-found', severity: 'error' })]);
    expect(plan.changes).toEqual([]);
  });

  it('matches by email whatever its case', () => {
    const plan = planOf(
      tree({ accounts: { a: { email: 'A@Example.COM', organizationalUnit: 'Sandbox' } } }),
      org([
        {
          id: '000000000001',
          name: 'a',
          email: 'a@example.com',
          ouPath: 'Sandbox',
          tags: { 'account-state': 'released', 'account-holder': 'A@Example.COM' },
        },
      ]),
    );
    expect(plan.changes).toEqual([]);
  });

  it('does not create an account whose creation is in progress', () => {
    const plan = planOf(
      tree({ accounts: { a: { organizationalUnit: 'Sandbox' } } }),
      org([], { creationsInProgress: ['a'] }),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.findings).toEqual([expect.objectContaining({ kind: 'creation-in-progress' })]);
  });
});

describe('CSV rows at plan time', () => {
  it('applies rows by id and by email to an account without a file, and reports a conflict between them', () => {
    const csv = {
      'a.csv': 'Account,Tag: owner\n000000000001,by-id\n',
      'b.csv': 'Account,Tag: owner\nnf@example.com,by-email\n',
    };
    const plan = planOf(
      tree({ csv }),
      org([{ id: '000000000001', name: 'nf', email: 'nf@example.com', ouPath: 'Sandbox' }]),
    );
    expect(plan.findings).toContainEqual(
      expect.objectContaining({ kind: 'csv-conflict', severity: 'error', file: 'tags-csv/b.csv', line: 2 }),
    );
  });

  it('reports rows that match no managed account as errors', () => {
    const plan = planOf(
      tree({ csv: { 'a.csv': 'Account,Tag: owner\nunmanaged@example.com,x\n' } }),
      org([{ id: '000000000001', name: 'u', email: 'unmanaged@example.com', ouPath: 'Other' }]),
    );
    expect(plan.findings).toEqual([
      expect.objectContaining({ kind: 'csv-unmatched', severity: 'error', file: 'tags-csv/a.csv', line: 2 }),
    ]);
    expect(plan.summary.errors).toBe(1);
  });
});

describe('guards', () => {
  it('computes the close quota as AWS does: 10% of members, at least 10, at most 1,000', () => {
    expect([closeQuota(5), closeQuota(150), closeQuota(4000), closeQuota(20000)]).toEqual([
      10, 15, 400, 1000,
    ]);
  });

  it('marks a plan large when it touches more than the configured share of managed accounts', () => {
    const accounts = Array.from({ length: 10 }, (_, i) => ({
      id: `00000000000${i}`,
      name: `n${i}`,
      email: `n${i}@example.com`,
      ouPath: 'Sandbox',
      tags: { 'account-state': 'released', 'account-holder': `n${i}@example.com` },
    }));
    const small = planOf(
      tree({ csv: { 'a.csv': 'Account,Tag: x\nn1@example.com,1\nn2@example.com,1\n' } }),
      org(accounts),
    );
    expect(small.large).toEqual({ isLarge: false, reasons: [], sharePercent: 20 });
    const large = planOf(
      tree({ csv: { 'a.csv': 'Account,Tag: x\nn1@example.com,1\nn2@example.com,1\nn3@example.com,1\n' } }),
      org(accounts),
    );
    expect(large.large.reasons).toEqual(['touches 3 of 10 managed accounts (30%, more than 20%)']);
  });

  it('refuses to plan more than 50 tags on an account', () => {
    const tags = Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`t${i}`, 'v']));
    const plan = planOf(
      tree({ accounts: { a: { organizationalUnit: 'Sandbox', tags: { mine: 'x' } } } }),
      org([{ id: '000000000001', name: 'a', email: 'a@example.com', ouPath: 'Sandbox', tags }]),
    );
    expect(plan.findings).toContainEqual(
      expect.objectContaining({ kind: 'too-many-tags', severity: 'error' }),
    );
  });

  it('never plans to close the management account', () => {
    const plan = planOf(
      tree({ accounts: { mgmt: { organizationalUnit: 'Sandbox', closed: true } } }),
      org([{ id: '123456789012', name: 'mgmt', email: 'mgmt@example.com', ouPath: 'Sandbox' }]),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.findings).toEqual([
      expect.objectContaining({ kind: 'management-account', severity: 'error' }),
    ]);
  });
});

describe('the digest', () => {
  it('is shared by two plans of the same changes, and differs when a change differs', () => {
    const spec = tree({ accounts: { a: { organizationalUnit: 'Sandbox', tags: { x: '1' } } } });
    const observed = org([{ id: '000000000001', name: 'a', email: 'a@example.com', ouPath: 'Other' }]);
    const one = planOf(spec, observed);
    const two = { ...planOf(spec, observed), createdAt: '2030-01-01T00:00:00.000Z', findings: [] };
    expect(planDigest(two)).toBe(one.digest);
    expect(planDigest({ ...one, changes: [...one.changes].reverse() })).toBe(one.digest);
    const other = planOf(
      tree({ accounts: { a: { organizationalUnit: 'Sandbox', tags: { x: '2' } } } }),
      observed,
    );
    expect(other.digest).not.toBe(one.digest);
  });
});
