import type {
  Contact,
  ContactType,
  ObservedBudget,
  ObservedOrganization,
  Tags,
} from '../../engine/src/observed/types.js';
import type { AccountManagement } from '../../engine/src/ports/account-management.js';
import { memoryPolicyStore, type MemoryPolicies } from './memory-policies.js';
import type { BudgetStore, DesiredBudget } from '../../engine/src/ports/budgets.js';
import type { OrganizationReader } from '../../engine/src/ports/organization.js';
import { observedPart } from '../../engine/src/plan/targeted.js';

/**
 * AWS Organizations (with its service control policies), Budgets and Account Management held in memory, for the unit tests of the checks apply makes before it writes
 * (the pure decisions of each change kind). Integration tests run the same checks against moto.
 */
export function memoryAws(
  org: ObservedOrganization,
  budgets = new Map<string, ObservedBudget>(),
  contacts = new Map<string, Partial<Record<ContactType, Contact>>>(),
  policies: MemoryPolicies = { enabled: true, policies: [], attached: {} },
) {
  const reader: OrganizationReader = {
    identity: () =>
      Promise.resolve({ organizationId: org.organizationId, managementAccountId: org.managementAccountId }),
    readOrganization: () => Promise.resolve(org),
    readScope: (request) => Promise.resolve(observedPart(org, request)),
    readAccount: (id) => Promise.resolve(org.accounts.find((a) => a.id === id)),
    accountsIn: (parentId) => Promise.resolve(org.accounts.filter((a) => a.parentId === parentId)),
    readTags: (id) =>
      Promise.resolve(
        org.accounts.find((a) => a.id === id)?.tags ?? [...org.ous.values()].find((o) => o.id === id)?.tags,
      ),
    readParent: (id) => Promise.resolve(org.accounts.find((a) => a.id === id)?.parentId),
    accountsByEmail: () =>
      Promise.resolve(
        new Map(org.accounts.map((a) => [a.email, { id: a.id, name: a.name, status: a.status }])),
      ),
    readOuTree: () => Promise.resolve({ rootId: org.rootId, ous: new Map(org.ous) }),
    creationsInProgress: () => Promise.resolve([]),
  };
  const store: BudgetStore = {
    listBudgets: () => Promise.resolve(new Map(budgets)),
    readBudget: (name) => Promise.resolve(budgets.get(name)),
    readBudgets: (names) =>
      Promise.resolve(new Map(names.flatMap((n) => (budgets.has(n) ? [[n, budgets.get(n)!] as const] : [])))),
    createBudget: (b: DesiredBudget) => Promise.resolve(!budgets.has(b.name)),
    updateBudget: () => Promise.resolve(),
    deleteBudget: () => Promise.resolve(),
  };
  const accountApi: AccountManagement = {
    trustedAccess: () => Promise.resolve(true),
    putAccountName: () => Promise.resolve(),
    readContacts: (id, types) =>
      Promise.resolve(Object.fromEntries(types.map((t) => [t, contacts.get(id)?.[t] ?? null]))),
    putContact: () => Promise.resolve(),
    deleteContact: () => Promise.resolve(true),
  };
  return {
    reader,
    budgets: store,
    accountApi,
    policies: memoryPolicyStore(policies, org),
    setTags(id: string, tags: Tags) {
      const account = org.accounts.find((a) => a.id === id);
      if (account) account.tags = { ...account.tags, ...tags };
    },
  };
}
