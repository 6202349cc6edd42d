import { describe, expect, it } from 'vitest';
import type { DesiredOrganization } from '../../engine/src/desired/types.js';
import type { ScopeReadRequest } from '../../engine/src/ports/organization.js';
import { makePlan } from '../../engine/src/plan/make-plan.js';
import { makeTargetedPlans, type TargetedOutcome } from '../../engine/src/plan/make-targeted.js';
import type { Plan } from '../../engine/src/plan/types.js';
import { memoryAws } from '../helpers/memory-aws.js';
import { desiredOf, observedOrganization } from '../helpers/observed.js';
import { minimalTree, type MinimalTree } from '../helpers/tree.js';

const STATE = (holder: string) => ({ 'account-state': 'released', 'account-holder': holder });
const SEC = { name: 'Security', title: 'CSIRT', email: 'sec@example.com', phone: '+1 555 0100' };
/** alice and bob (by id) below Sandbox, an account without a file below it, and one outside SPA's OUs. */
const SPEC: MinimalTree = {
  ous: { Sandbox: { managed: true } },
  defaults: { alternateContacts: { security: SEC } },
  accounts: {
    alice: { organizationalUnit: 'Sandbox', holder: 'alice@example.com' },
    bob: { id: '000000000002', organizationalUnit: 'Sandbox', holder: 'bob@example.com' },
  },
};
const desired = (spec: Partial<MinimalTree> = {}) => desiredOf(minimalTree({ ...SPEC, ...spec }));
const withAccounts = (accounts: MinimalTree['accounts']) =>
  desired({ accounts: { ...SPEC.accounts, ...accounts } });

function world() {
  const observed = observedOrganization({
    ous: ['Sandbox', 'Elsewhere'],
    accounts: [
      {
        id: '000000000001',
        name: 'alice',
        email: 'alice@example.com',
        ouPath: 'Sandbox',
        tags: STATE('alice@example.com'),
      },
      {
        id: '000000000002',
        name: 'bob',
        email: 'bob@example.com',
        ouPath: 'Sandbox',
        tags: STATE('bob@example.com'),
      },
      {
        id: '000000000003',
        name: 'team',
        email: 'team@example.com',
        ouPath: 'Sandbox',
        tags: STATE('team@example.com'),
      },
      { id: '000000000004', name: 'payments', email: 'payments@example.com', ouPath: 'Elsewhere' },
    ],
  });
  const contacts = new Map(
    ['000000000001', '000000000002', '000000000003'].map((id) => [id, { security: SEC }]),
  );
  const aws = memoryAws(observed, new Map(), contacts);
  const requests: ScopeReadRequest[] = [];
  let scans = 0;
  let contactReads = 0;
  const reader = {
    ...aws.reader,
    readScope: (r: ScopeReadRequest) => (requests.push(r), aws.reader.readScope(r)),
    accountsByEmail: () => (scans++, aws.reader.accountsByEmail()),
  };
  const accountApi = {
    ...aws.accountApi,
    readContacts: (...args: Parameters<typeof aws.accountApi.readContacts>) => (
      contactReads++,
      aws.accountApi.readContacts(...args)
    ),
  };
  const clock = { now: () => new Date('2026-11-27T12:00:00Z'), sleep: () => Promise.resolve() };
  const ports = { reader, budgets: aws.budgets, accountApi, policies: aws.policies, clock };
  const phases: string[] = [];
  return {
    requests,
    phases,
    counts: () => ({ scans, contactReads }),
    /** The drift run's full plan of main; the counts start after it. */
    reference: async () => {
      const plan = await makePlan({ ...ports, desired: desired() });
      scans = contactReads = 0;
      return plan;
    },
    targeted: (base: DesiredOrganization, head: DesiredOrganization, reference: Plan | undefined) =>
      makeTargetedPlans({ ...ports, base, head, reference, phase: (t) => phases.push(t) }),
  };
}
const summary = (p: Plan) => p.changes.map((c) => `${c.action} ${c.address}`);
const plans = (o: TargetedOutcome) => {
  if (o.kind !== 'targeted') throw new Error(`expected targeted plans, got: ${o.reason}`);
  return o;
};

describe('the targeted plans of a pull request', () => {
  it('plan one edited account from its account alone, standing on the reference full plan', async () => {
    const w = world();
    const reference = await w.reference();
    const { head, base } = plans(
      await w.targeted(
        desired(),
        withAccounts({ alice: { organizationalUnit: 'Sandbox', holder: 'al@example.com' } }),
        reference,
      ),
    );
    expect(summary(head)).toEqual(['tag-account account/alice']);
    expect(summary(base)).toEqual([]);
    expect(w.requests).toEqual([
      expect.objectContaining({
        accountIds: ['000000000001'],
        ouPaths: ['Sandbox'],
        subtrees: [],
        creations: false,
      }),
    ]);
    expect(w.requests[0]!.ouHints).toEqual(
      new Map((reference.index?.ous ?? []).map(([id, path]) => [id, path])),
    );
    expect(head.scope).toEqual({
      kind: 'targeted',
      accounts: 1,
      subjects: ['000000000001', 'alice'],
      ous: [],
      reference: { createdAt: reference.createdAt, commit: reference.git.commit, digest: reference.digest },
    });
    expect(head.guards).toEqual(reference.guards);
    expect(w.phases).toContain('reading 1 account(s) and 0 OU sub-tree(s)');
    // The contacts to read are the same on both sides: they are read once.
    expect(w.counts()).toEqual({ scans: 0, contactReads: 1 });
  });

  it('reads the contacts of each side when they differ', async () => {
    const w = world();
    const reference = await w.reference();
    const head = withAccounts({
      alice: {
        organizationalUnit: 'Sandbox',
        holder: 'alice@example.com',
        alternateContacts: { billing: SEC },
      },
    });
    const { head: plan } = plans(await w.targeted(desired(), head, reference));
    expect(summary(plan)).toEqual(['put-alternate-contact contact/alice/billing']);
    expect(w.counts().contactReads).toBe(2);
  });

  it('creates the account of a new file, reading the creations in progress', async () => {
    const w = world();
    const { head } = plans(
      await w.targeted(
        desired(),
        withAccounts({ carol: { organizationalUnit: 'Sandbox' } }),
        await w.reference(),
      ),
    );
    expect(summary(head)).toEqual([
      'create-account account/carol',
      'move-account account/carol',
      'put-alternate-contact contact/carol/security',
      'start-lifecycle account/carol',
    ]);
    expect(w.requests).toEqual([expect.objectContaining({ accountIds: [], creations: true })]);
    expect(head.scope).toMatchObject({ accounts: 1, subjects: ['carol'] });
  });

  it('finds with one scan an account a new file adopts that the reference names only by digest', async () => {
    const w = world();
    const head = withAccounts({ payments: { organizationalUnit: 'Sandbox' } });
    const { head: plan } = plans(await w.targeted(desired(), head, await w.reference()));
    expect(w.counts().scans).toBe(1);
    // Its email is not in the index: the file may create an account, so the creations in progress are read.
    expect(w.requests[0]).toMatchObject({ accountIds: ['000000000004'], creations: true });
    expect(summary(plan)).toContain('move-account account/payments');
  });

  it('plans an OU file in scope with every account below it', async () => {
    const w = world();
    const head = desired({ ous: { Sandbox: { managed: true, tags: { team: 'sandbox' } } } });
    const { head: plan } = plans(await w.targeted(desired(), head, await w.reference()));
    // The OU's tags go to every account below it, the one without a file included.
    expect(summary(plan)).toEqual([
      'tag-account account/000000000003',
      'tag-account account/alice',
      'tag-account account/bob',
    ]);
    expect(plan.scope).toMatchObject({
      kind: 'targeted',
      accounts: 3,
      subjects: ['000000000001', '000000000002', '000000000003', 'alice', 'bob'],
      ous: ['Sandbox'],
    });
    expect(w.requests[0]).toMatchObject({ subtrees: ['Sandbox'], ouTagPaths: ['Sandbox'] });
    expect(w.phases).toContain('reading 2 account(s) and 1 OU sub-tree(s)');
  });

  it('holds the OU that the account of a new file waits for, though no file in scope is an OU file', async () => {
    const w = world();
    const ous = { Sandbox: { managed: true }, Lab: { managed: true } };
    const base = desired({ ous });
    const head = desired({ ous, accounts: { ...SPEC.accounts, carol: { organizationalUnit: 'Lab' } } });
    const { head: plan, base: before } = plans(await w.targeted(base, head, await w.reference()));
    expect(summary(plan)).toEqual([
      'create-ou ou/Lab',
      'create-account account/carol',
      'move-account account/carol',
      'put-alternate-contact contact/carol/security',
      'start-lifecycle account/carol',
    ]);
    expect(plan.scope).toMatchObject({ subjects: ['carol'], ous: ['Lab'] });
    expect(summary(before)).toEqual([]);
    expect(before.scope).toMatchObject({ subjects: ['carol'], ous: [] });
  });
});

describe('a full plan instead of targeted plans', () => {
  const cases: [string, (reference: Plan) => Plan | undefined, string][] = [
    ['there is no reference', () => undefined, 'no full plan of the base branch to stand on'],
    [
      'the reference is targeted',
      (r) => ({ ...r, scope: { kind: 'targeted', accounts: 1 } }),
      'the reference plan is not a full plan with an account index',
    ],
    [
      'the reference has no index',
      ({ index: _, ...r }) => r,
      'the reference plan is not a full plan with an account index',
    ],
    [
      'the reference is of another environment',
      (r) => ({ ...r, environment: 'SpaOther' }),
      'the reference plan is of another environment',
    ],
    [
      'the reference is of another management account',
      (r) => ({ ...r, managementAccountId: '999999999999' }),
      'the reference plan is of another organization',
    ],
    [
      'the reference is of another organization',
      (r) => ({ ...r, organizationId: 'o-other' }),
      'the reference plan is of another organization',
    ],
  ];
  for (const [when, reference, reason] of cases)
    it(`when ${when}`, async () => {
      const w = world();
      const head = withAccounts({ carol: { organizationalUnit: 'Sandbox' } });
      expect(await w.targeted(desired(), head, reference(await w.reference()))).toEqual({
        kind: 'full',
        reason,
      });
      expect(w.requests).toEqual([]);
    });

  it('when settings.yaml changes, without reading AWS', async () => {
    const w = world();
    const head = desired({ defaults: { alternateContacts: { security: SEC }, budget: { amount: 5 } } });
    expect(await w.targeted(desired(), head, await w.reference())).toEqual({
      kind: 'full',
      reason: 'settings.yaml changes, which reaches every account',
    });
    expect(w.requests).toEqual([]);
  });
});
