import type { DesiredOrganization } from '../../engine/src/desired/types.js';
import type { ScopeReadRequest } from '../../engine/src/ports/organization.js';
import { makePlan } from '../../engine/src/plan/make-plan.js';
import { makeTargetedPlans, type TargetedOutcome } from '../../engine/src/plan/make-targeted.js';
import type { Plan } from '../../engine/src/plan/types.js';
import { memoryAws } from './memory-aws.js';
import { desiredOf, observedOrganization } from './observed.js';
import { minimalTree, type MinimalTree } from './tree.js';

/**
 * A small organization in memory for the targeted plans of a pull request (plan/make-targeted.ts): the reads it
 * receives, the scans and contact reads it counts, and the phases it is told.
 */
const STATE = (holder: string) => ({ 'account-state': 'released', 'account-holder': holder });
export const SEC = { name: 'Security', title: 'CSIRT', email: 'sec@example.com', phone: '+1 555 0100' };
/** alice and bob (by id) below Sandbox, an account without a file below it, and one outside SPA's OUs. */
export const SPEC: MinimalTree = {
  ous: { Sandbox: { managed: true } },
  defaults: { alternateContacts: { security: SEC } },
  accounts: {
    alice: { organizationalUnit: 'Sandbox', holder: 'alice@example.com' },
    bob: { id: '000000000002', organizationalUnit: 'Sandbox', holder: 'bob@example.com' },
  },
};
export const desired = (spec: Partial<MinimalTree> = {}) => desiredOf(minimalTree({ ...SPEC, ...spec }));
export const withAccounts = (accounts: MinimalTree['accounts']) =>
  desired({ accounts: { ...SPEC.accounts, ...accounts } });

export function targetedWorld() {
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
      { id: '000000000000', name: 'payments', email: 'payments@example.com', ouPath: 'Elsewhere' },
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
    full: (d: DesiredOrganization) => makePlan({ ...ports, desired: d }),
    targeted: (
      base: DesiredOrganization,
      head: DesiredOrganization,
      reference: Plan | undefined,
      watch = true,
    ) =>
      makeTargetedPlans({
        ...ports,
        base,
        head,
        reference,
        ...(watch ? { phase: (t: string) => phases.push(t) } : {}),
      }),
  };
}
export const summary = (p: Plan) => p.changes.map((c) => `${c.action} ${c.address}`);
export const plans = (o: TargetedOutcome) => {
  if (o.kind !== 'targeted') throw new Error(`expected targeted plans, got: ${o.reason}`);
  return o;
};
