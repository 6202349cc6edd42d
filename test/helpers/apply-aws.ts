import { World } from '../../engine/src/changes/world.js';
import type { ExecuteContext, Readiness } from '../../engine/src/changes/kind.js';
import { checkChange } from '../../engine/src/changes/registry.js';
import { indexDesired } from '../../engine/src/desired/index-of.js';
import type { Change } from '../../engine/src/plan/types.js';
import type {
  Contact,
  ContactType,
  ObservedBudget,
  ObservedOrganization,
} from '../../engine/src/observed/types.js';
import type { CreateAccountOutcome, OrganizationWriter } from '../../engine/src/ports/organization.js';
import type { PolicyStore } from '../../engine/src/ports/policies.js';
import type { AccountManagement } from '../../engine/src/ports/account-management.js';
import type { BudgetStore } from '../../engine/src/ports/budgets.js';
import type { Clock } from '../../engine/src/ports/clock.js';
import { memoryAws } from './memory-aws.js';
import { desiredOf } from './observed.js';
import { minimalTree, type MinimalTree } from './tree.js';
import type { MemoryPolicies } from './memory-policies.js';

/** One write (or wait) apply made, with its arguments, in the order made. */
export type Call = [operation: string, ...args: unknown[]];

/** What CreateAccount and DescribeCreateAccountStatus answer, one entry per call; an Error is thrown. */
export type CreationAnswer = CreateAccountOutcome | Error;

/**
 * AWS held in memory for the unit tests of the apply step of each change kind: the reads of memoryAws, and
 * writes that change the state and are recorded in `calls`. Integration tests run the same steps against moto.
 */
export function applyAws(
  org: ObservedOrganization,
  options: {
    budgets?: Map<string, ObservedBudget>;
    contacts?: Map<string, Partial<Record<ContactType, Contact>>>;
    policies?: MemoryPolicies;
    creations?: CreationAnswer[];
    inProgress?: { requestId: string; accountName: string }[];
    /** Writes that fail once with this error (by operation name), as a lost answer does. */
    failOnce?: Record<string, Error>;
  } = {},
) {
  const budgets = options.budgets ?? new Map<string, ObservedBudget>();
  const policies = options.policies ?? { enabled: true, policies: [], attached: {} };
  const aws = memoryAws(org, budgets, options.contacts, policies);
  const calls: Call[] = [];
  const creations = [...(options.creations ?? [])];
  const failOnce = { ...(options.failOnce ?? {}) };
  const record = (...call: Call): Promise<void> => {
    calls.push(call);
    const error = failOnce[call[0]];
    if (!error) return Promise.resolve();
    delete failOnce[call[0]];
    return Promise.reject(error);
  };
  const answer = (): Promise<CreateAccountOutcome> => {
    const next = creations.shift() ?? new Error('no creation answer left');
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  };
  const pathOf = (id: string) =>
    id === org.rootId ? '' : [...org.ous.values()].find((o) => o.id === id)?.path;
  const writer: OrganizationWriter = {
    async createOu(parentId, name, tags) {
      const parent = pathOf(parentId)!;
      const ou = {
        id: `ou-new-${name.toLowerCase()}`,
        name,
        path: parent ? `${parent}/${name}` : name,
        parentId,
        tags,
      };
      await record('createOu', parentId, name, tags);
      org.ous.set(ou.path, ou);
      return ou;
    },
    tagResource: (id, tags) => record('tagResource', id, tags),
    untagResource: (id, keys) => record('untagResource', id, keys),
    async startCreateAccount(email, name, tags) {
      await record('startCreateAccount', email, name, tags);
      return answer();
    },
    async createAccountStatus(requestId) {
      await record('createAccountStatus', requestId);
      return answer();
    },
    async moveAccount(id, from, to) {
      await record('moveAccount', id, from, to);
      org.accounts.find((a) => a.id === id)!.parentId = to;
    },
    async closeAccount(id) {
      await record('closeAccount', id);
      org.accounts.find((a) => a.id === id)!.status = 'SUSPENDED';
    },
  };
  const reader = { ...aws.reader, creationsInProgress: () => Promise.resolve(options.inProgress ?? []) };
  const policyStore: PolicyStore = {
    ...aws.policies,
    async createPolicy(p) {
      await record('createPolicy', p);
      const created = { id: `p-${p.awsName}`, name: p.awsName, awsManaged: false };
      policies.policies.push({ ...created, description: p.description, content: p.content, tags: p.tags });
      return created;
    },
    updatePolicy: (id, change) => record('updatePolicy', id, change),
    attachPolicy: async (id, target) => {
      await record('attachPolicy', id, target);
      return true;
    },
    detachPolicy: async (id, target) => {
      await record('detachPolicy', id, target);
      return true;
    },
  };
  const accountApi: AccountManagement = {
    ...aws.accountApi,
    putAccountName: (id, name) => record('putAccountName', id, name),
    putContact: (id, type, contact) => record('putContact', id, type, contact),
    deleteContact: async (id, type) => {
      await record('deleteContact', id, type);
      return true;
    },
  };
  const budgetStore: BudgetStore = {
    ...aws.budgets,
    async createBudget(b) {
      await record('createBudget', b);
      return !budgets.has(b.name);
    },
    updateBudget: (b, current) => record('updateBudget', b, current),
    deleteBudget: (name) => record('deleteBudget', name),
  };
  let now = Date.parse('2026-11-27T12:00:00Z');
  const clock: Clock = {
    now: () => new Date(now),
    sleep: (ms) => {
      calls.push(['sleep', ms]);
      now += ms;
      return Promise.resolve();
    },
  };
  const world = new World(reader, budgetStore, accountApi, policyStore);
  const ctx: ExecuteContext = {
    world,
    writer,
    accountApi,
    policies: policyStore,
    clock,
    environment: 'SpaTest',
    pollMs: 1000,
    createTimeoutMs: 5000,
  };
  return { ctx, calls, policies, budgets };
}

/**
 * Whether apply would carry `change` out, refuse it or find it stale, against AWS in memory (`aws`, a
 * memoryAws) and the settings of `tree` as apply reads them, in the environment of the tests' plans.
 */
export function checkInMemory(
  change: Change,
  aws: ReturnType<typeof memoryAws>,
  org: ObservedOrganization,
  tree: MinimalTree,
): Promise<Readiness> {
  return checkChange(change, {
    world: new World(aws.reader, aws.budgets, aws.accountApi, aws.policies),
    environment: 'SpaTest',
    managementAccountId: org.managementAccountId,
    desired: indexDesired(desiredOf(minimalTree(tree))),
  });
}
