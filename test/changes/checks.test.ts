import { describe, expect, it } from 'vitest';
import { checkChange } from '../../engine/src/changes/registry.js';
import { World } from '../../engine/src/changes/world.js';
import { indexDesired } from '../../engine/src/desired/index-of.js';
import type {
  Contact,
  ContactType,
  ObservedBudget,
  ObservedOrganization,
} from '../../engine/src/observed/types.js';
import type { Action, Change } from '../../engine/src/plan/types.js';
import { memoryAws } from '../helpers/memory-aws.js';
import {
  FULL,
  observedPolicies,
  type MemoryPolicies,
  type MemoryPolicy,
} from '../helpers/memory-policies.js';
import { desiredOf, observedOrganization, planOf, type FakeAccount } from '../helpers/observed.js';
import { minimalTree, type MinimalTree } from '../helpers/tree.js';

const OUS: Record<string, Record<string, unknown>> = {
  Sandbox: { managed: true },
  Other: { managed: false },
};
const HOLDER = (n: string) => ({ 'account-state': 'released', 'account-holder': `${n}@example.com` });

interface Case {
  settings: MinimalTree;
  accounts: FakeAccount[];
  ous?: string[];
  budgets?: ObservedBudget[];
  /** Alternate contacts in AWS, by account id. */
  contacts?: Record<string, Partial<Record<ContactType, Contact>>>;
  /** Service control policies in AWS. */
  policies?: MemoryPolicies;
}

type Contacts = Map<string, Partial<Record<ContactType, Contact>>>;

/** What the plan read of every account's contacts (null: none of that type). */
const contactsRead = (org: ObservedOrganization, contacts: Contacts) =>
  new Map(
    org.accounts.map((a) => [
      a.id,
      {
        ok: true as const,
        contacts: Object.fromEntries(
          (['billing', 'operations', 'security'] as const).map((t) => [t, contacts.get(a.id)?.[t] ?? null]),
        ),
      },
    ]),
  );

/** Plans `c`, lets `mutate` change AWS (or the settings apply reads), then checks the change of `action`. */
async function check(
  c: Case,
  action: Action,
  mutate: (
    org: ObservedOrganization,
    budgets: Map<string, ObservedBudget>,
    contacts: Contacts,
    policies: MemoryPolicies,
  ) => void = () => undefined,
  applySettings?: MinimalTree,
): Promise<string> {
  const tree = minimalTree({ ...c.settings, ous: c.settings.ous ?? OUS });
  const org = observedOrganization({
    ous: c.ous ?? ['Sandbox', 'Other'],
    accounts: structuredClone(c.accounts),
  });
  const budgets = new Map(structuredClone(c.budgets ?? []).map((b) => [b.name, b]));
  const contacts: Contacts = new Map(Object.entries(structuredClone(c.contacts ?? {})));
  const policies = structuredClone(c.policies ?? { enabled: true, policies: [FULL], attached: {} });
  const plan = planOf(tree, org, budgets, {
    accountApi: { trustedAccess: true, contacts: contactsRead(org, contacts) },
    policies: observedPolicies(policies, 'SpaTest', [...org.ous.keys()]),
  });
  const change = plan.changes.find((x) => x.action === action) as Change;
  expect(change, `the plan has a ${action}`).toBeDefined();
  mutate(org, budgets, contacts, policies);
  const aws = memoryAws(org, budgets, contacts, policies);
  const desired = desiredOf(
    applySettings ? minimalTree({ ...applySettings, ous: applySettings.ous ?? OUS }) : tree,
  );
  const readiness = await checkChange(change, {
    world: new World(aws.reader, aws.budgets, aws.accountApi, aws.policies),
    environment: plan.environment,
    managementAccountId: plan.managementAccountId,
    desired: indexDesired(desired),
  });
  return readiness.state;
}

const account = (n: string, ouPath: string, tags: Record<string, string> = HOLDER(n)): FakeAccount => ({
  id: `00000000000${n.length}`.slice(-12),
  name: n,
  email: `${n}@example.com`,
  ouPath,
  tags,
});
const budget = (id: string, amount: number, subscriber = 'a@example.com'): ObservedBudget => ({
  name: `SpaTest-${id}`,
  amount,
  currency: 'USD',
  notifications: [80, 100].map((threshold) => ({ threshold, subscribers: [subscriber] })),
});
/** A budget whose notification of 80% has one more subscriber than that of 100%, as a hand edit leaves it. */
const uneven = (id: string, amount: number): ObservedBudget => ({
  ...budget(id, amount),
  notifications: [
    { threshold: 80, subscribers: ['a@example.com', 'someone@example.com'] },
    { threshold: 100, subscribers: ['a@example.com'] },
  ],
});
const move = (org: ObservedOrganization, id: string, path: string) => {
  const a = org.accounts.find((x) => x.id === id)!;
  a.parentId = path === '' ? org.rootId : org.ous.get(path)!.id;
  a.ouPath = path;
};

const A = account('a', 'Sandbox');
const ID = A.id;

const DOC =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}';
const DENY_ALL = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}';
const OTHER_DOC = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ram:*","Resource":"*"}]}';
const ATTACH = { Sandbox: { managed: true, serviceControlPolicies: { attach: ['p'] } } };
/** Settings that define the policy p from `doc`, with these OU files. */
const scp = (ous: Record<string, Record<string, unknown>>, doc = DOC): MinimalTree => ({
  settings: { serviceControlPolicies: { p: { file: 'infra/policies/p.json', description: 'test' } } },
  ous: { ...OUS, ...ous },
  files: { 'infra/policies/p.json': doc },
});
const ours = (content: string): MemoryPolicy => ({
  id: 'p-0000000001',
  name: 'SpaTest-p',
  awsManaged: false,
  description: 'test',
  content,
  tags: { 'managed-by': 'spa', 'spa-environment': 'SpaTest' },
});
const state = (policies: MemoryPolicy[]): MemoryPolicies => ({
  enabled: true,
  policies: [FULL, ...policies],
  attached: { Sandbox: [FULL.id], Other: [FULL.id] },
});
type Mutation = NonNullable<Parameters<typeof check>[2]>;
const addPolicy =
  (p: MemoryPolicy): Mutation =>
  (_o, _b, _c, policies) =>
    policies.policies.push(p);
const setContent =
  (content: string): Mutation =>
  (_o, _b, _c, policies) =>
    (policies.policies.find((p) => p.id === 'p-0000000001')!.content = content);
const untag: Mutation = (_o, _b, _c, policies) =>
  (policies.policies.find((p) => p.id === 'p-0000000001')!.tags = {});
const SEC: Contact = {
  name: 'Security team',
  title: 'CSIRT',
  email: 'sec@example.com',
  phone: '+1 555 0100',
};
const OTHER: Contact = { name: 'Old team', title: 'Ops', email: 'old@example.com', phone: '+1 555 0111' };

describe('the checks apply makes before it writes, per kind of change', () => {
  it('close-account: ready, done once closed, stale once moved, refused when the file does not close it', async () => {
    const c: Case = {
      settings: { accounts: { a: { organizationalUnit: 'Sandbox', closed: true } } },
      accounts: [A],
    };
    expect(await check(c, 'close-account')).toBe('ready');
    expect(await check(c, 'close-account', (o) => (o.accounts[0]!.status = 'SUSPENDED'))).toBe('done');
    expect(await check(c, 'close-account', (o) => move(o, ID, 'Other'))).toBe('stale');
    expect(
      await check(c, 'close-account', undefined, { accounts: { a: { organizationalUnit: 'Sandbox' } } }),
    ).toBe('refused');
  });

  it('create-ou: ready, done once it exists, stale when its parent is gone, refused without its file', async () => {
    const c: Case = { settings: { ous: { ...OUS, 'Other/New': {} } }, accounts: [] };
    expect(await check(c, 'create-ou')).toBe('ready');
    const addNew = (o: ObservedOrganization) =>
      o.ous.set('Other/New', {
        id: 'ou-new-00000000',
        name: 'New',
        path: 'Other/New',
        parentId: 'x',
        tags: {},
      });
    expect(await check(c, 'create-ou', addNew)).toBe('done');
    expect(await check(c, 'create-ou', (o) => o.ous.delete('Other'))).toBe('stale');
    expect(await check(c, 'create-ou', undefined, { ous: OUS })).toBe('refused');
  });

  it('tag-ou: ready, done, stale when the tag changed elsewhere, refused when the settings say otherwise', async () => {
    const c: Case = { settings: { ous: { ...OUS, Other: { ouTags: { team: 'x' } } } }, accounts: [] };
    expect(await check(c, 'tag-ou')).toBe('ready');
    expect(await check(c, 'tag-ou', (o) => (o.ous.get('Other')!.tags = { team: 'x' }))).toBe('done');
    expect(await check(c, 'tag-ou', (o) => (o.ous.get('Other')!.tags = { team: 'y' }))).toBe('stale');
    expect(await check(c, 'tag-ou', undefined, { ous: { ...OUS, Other: { ouTags: { team: 'z' } } } })).toBe(
      'refused',
    );
  });

  it('create-policy: ready, done once created, stale when another policy took the name, refused for another document', async () => {
    const c: Case = { settings: scp({}), accounts: [] };
    expect(await check(c, 'create-policy')).toBe('ready');
    expect(await check(c, 'create-policy', addPolicy(ours(DOC)))).toBe('done');
    expect(await check(c, 'create-policy', addPolicy({ ...ours(DOC), tags: {} }))).toBe('stale');
    expect(await check(c, 'create-policy', undefined, scp({}, DENY_ALL))).toBe('refused');
  });

  it('update-policy: ready, done once updated, stale when changed otherwise, refused for a document the settings do not give', async () => {
    const c: Case = { settings: scp({}), accounts: [], policies: state([ours(DENY_ALL)]) };
    expect(await check(c, 'update-policy')).toBe('ready');
    expect(await check(c, 'update-policy', setContent(DOC))).toBe('done');
    expect(await check(c, 'update-policy', setContent(OTHER_DOC))).toBe('stale');
    expect(await check(c, 'update-policy', untag)).toBe('stale');
    expect(await check(c, 'update-policy', undefined, scp({}, OTHER_DOC))).toBe('refused');
  });

  it('attach-policy: ready, done once attached, stale when the policy is gone, refused when the OU no longer lists it', async () => {
    const c: Case = { settings: scp(ATTACH), accounts: [], policies: state([ours(DOC)]) };
    expect(await check(c, 'attach-policy')).toBe('ready');
    expect(
      await check(c, 'attach-policy', (_o, _b, _c, p) => (p.attached.Sandbox = [FULL.id, 'p-0000000001'])),
    ).toBe('done');
    expect(await check(c, 'attach-policy', (_o, _b, _c, p) => (p.policies = [FULL]))).toBe('stale');
    expect(await check(c, 'attach-policy', untag)).toBe('stale');
    expect(await check(c, 'attach-policy', undefined, scp({}))).toBe('refused');
  });

  it('detach-policy: ready, done once detached, stale when FullAWSAccess went, refused while the OU lists it', async () => {
    const attached = { ...state([ours(DOC)]), attached: { Sandbox: [FULL.id, 'p-0000000001'] } };
    const c: Case = { settings: scp({}), accounts: [], policies: attached };
    expect(await check(c, 'detach-policy')).toBe('ready');
    expect(await check(c, 'detach-policy', (_o, _b, _c, p) => (p.attached.Sandbox = [FULL.id]))).toBe('done');
    expect(await check(c, 'detach-policy', (_o, _b, _c, p) => (p.attached.Sandbox = ['p-0000000001']))).toBe(
      'stale',
    );
    expect(await check(c, 'detach-policy', undefined, scp(ATTACH))).toBe('refused');
  });

  it('create-account: ready, done once an account has the email, refused when the file has an id', async () => {
    const c: Case = { settings: { accounts: { b: { organizationalUnit: 'Sandbox' } } }, accounts: [] };
    expect(await check(c, 'create-account')).toBe('ready');
    expect(
      await check(c, 'create-account', (o) =>
        o.accounts.push({
          ...account('b', 'Sandbox'),
          tags: {},
          parentId: 'r-root',
          ouPath: '',
          status: 'ACTIVE',
        }),
      ),
    ).toBe('done');
    expect(
      await check(c, 'create-account', undefined, {
        accounts: { b: { organizationalUnit: 'Sandbox', id: '000000000077' } },
      }),
    ).toBe('refused');
  });

  it('move-account: ready, done once there, stale when moved elsewhere, refused when its file says another OU', async () => {
    const c: Case = { settings: { accounts: { a: { organizationalUnit: 'Other' } } }, accounts: [A] };
    expect(await check(c, 'move-account')).toBe('ready');
    expect(await check(c, 'move-account', (o) => move(o, ID, 'Other'))).toBe('done');
    expect(await check(c, 'move-account', (o) => move(o, ID, ''))).toBe('stale');
    expect(
      await check(c, 'move-account', undefined, { accounts: { a: { organizationalUnit: 'Sandbox' } } }),
    ).toBe('refused');
  });

  it('tag-account: ready, done, stale when a touched tag changed, refused for a value the settings do not give', async () => {
    const c: Case = {
      settings: { accounts: { a: { organizationalUnit: 'Sandbox', tags: { team: 'x' } } } },
      accounts: [A],
    };
    expect(await check(c, 'tag-account')).toBe('ready');
    expect(await check(c, 'tag-account', (o) => (o.accounts[0]!.tags.team = 'x'))).toBe('done');
    expect(await check(c, 'tag-account', (o) => (o.accounts[0]!.tags.team = 'y'))).toBe('stale');
    expect(await check(c, 'tag-account', (o) => (o.accounts[0]!.tags.other = 'y'))).toBe('ready');
    expect(
      await check(c, 'tag-account', undefined, {
        accounts: { a: { organizationalUnit: 'Sandbox', tags: { team: 'z' } } },
      }),
    ).toBe('refused');
  });

  it('rename-account: ready, done once renamed, stale when renamed otherwise, refused when the settings only report names', async () => {
    const c: Case = {
      settings: { accounts: { a: { organizationalUnit: 'Sandbox' } } },
      accounts: [{ ...A, name: 'old-name' }],
    };
    const rename = (name: string) => (o: ObservedOrganization) => (o.accounts[0]!.name = name);
    expect(await check(c, 'rename-account')).toBe('ready');
    expect(await check(c, 'rename-account', rename('a'))).toBe('done');
    expect(await check(c, 'rename-account', rename('someone-else'))).toBe('stale');
    expect(
      await check(c, 'rename-account', undefined, {
        settings: { accountNames: 'report' },
        accounts: { a: { organizationalUnit: 'Sandbox' } },
      }),
    ).toBe('refused');
    expect(
      await check(c, 'rename-account', undefined, {
        accounts: { b: { organizationalUnit: 'Sandbox', email: 'a@example.com' } },
      }),
    ).toBe('refused');
  });

  it('put-alternate-contact: ready, done once set, stale when set otherwise, refused for a contact the settings do not give', async () => {
    const c: Case = {
      settings: { accounts: { a: { organizationalUnit: 'Sandbox', alternateContacts: { security: SEC } } } },
      accounts: [A],
      contacts: { [ID]: { security: OTHER } },
    };
    expect(await check(c, 'put-alternate-contact')).toBe('ready');
    expect(await check(c, 'put-alternate-contact', (_o, _b, k) => k.set(ID, { security: SEC }))).toBe('done');
    expect(
      await check(c, 'put-alternate-contact', (_o, _b, k) =>
        k.set(ID, { security: { ...OTHER, phone: '+1 555 0199' } }),
      ),
    ).toBe('stale');
    expect(
      await check(c, 'put-alternate-contact', undefined, {
        accounts: {
          a: { organizationalUnit: 'Sandbox', alternateContacts: { security: { ...SEC, title: 'CISO' } } },
        },
      }),
    ).toBe('refused');
    // Through its OU: an account without a file below a managed OU.
    const nofile: Case = {
      settings: { ous: { ...OUS, Sandbox: { managed: true, alternateContacts: { security: SEC } } } },
      accounts: [A],
    };
    expect(await check(nofile, 'put-alternate-contact')).toBe('ready');
    expect(
      await check(nofile, 'put-alternate-contact', undefined, {
        ous: { ...OUS, Sandbox: { managed: false, alternateContacts: { security: SEC } } },
      }),
    ).toBe('refused');
  });

  it('delete-alternate-contact: ready, done once gone, stale when changed, refused while the settings give it', async () => {
    const c: Case = {
      settings: { accounts: { a: { organizationalUnit: 'Sandbox', unsetAlternateContacts: ['billing'] } } },
      accounts: [A],
      contacts: { [ID]: { billing: OTHER } },
    };
    expect(await check(c, 'delete-alternate-contact')).toBe('ready');
    expect(await check(c, 'delete-alternate-contact', (_o, _b, k) => k.set(ID, {}))).toBe('done');
    expect(await check(c, 'delete-alternate-contact', (_o, _b, k) => k.set(ID, { billing: SEC }))).toBe(
      'stale',
    );
    expect(
      await check(c, 'delete-alternate-contact', undefined, {
        accounts: { a: { organizationalUnit: 'Sandbox', alternateContacts: { billing: OTHER } } },
      }),
    ).toBe('refused');
  });

  it('start-lifecycle: ready, done once the lifecycle set any state, refused for an account no file or OU manages', async () => {
    const bare = { ...A, tags: {} };
    const c: Case = { settings: { accounts: { a: { organizationalUnit: 'Sandbox' } } }, accounts: [bare] };
    expect(await check(c, 'start-lifecycle')).toBe('ready');
    expect(await check(c, 'start-lifecycle', (o) => (o.accounts[0]!.tags['account-state'] = 'expired'))).toBe(
      'done',
    );
    expect(
      await check(c, 'start-lifecycle', undefined, { ous: { ...OUS, Sandbox: { managed: false } } }),
    ).toBe('refused');
  });

  it('create-budget: ready, done when the same budget appeared, stale when another did', async () => {
    const c: Case = {
      settings: { defaults: { budget: { amount: 100 } }, accounts: { a: { organizationalUnit: 'Sandbox' } } },
      accounts: [A],
    };
    expect(await check(c, 'create-budget')).toBe('ready');
    expect(await check(c, 'create-budget', (_, b) => b.set(`SpaTest-${ID}`, budget(ID, 100)))).toBe('done');
    expect(await check(c, 'create-budget', (_, b) => b.set(`SpaTest-${ID}`, budget(ID, 5)))).toBe('stale');
    expect(
      await check(c, 'create-budget', undefined, {
        defaults: { budget: { amount: 7 } },
        accounts: { a: { organizationalUnit: 'Sandbox' } },
      }),
    ).toBe('refused');
  });

  it('update-budget: ready, done, stale when someone changed the budget, refused for an amount the settings do not give', async () => {
    const c: Case = {
      settings: { defaults: { budget: { amount: 100 } }, accounts: { a: { organizationalUnit: 'Sandbox' } } },
      accounts: [A],
      budgets: [budget(ID, 50)],
    };
    expect(await check(c, 'update-budget')).toBe('ready');
    expect(await check(c, 'update-budget', (_, b) => b.set(`SpaTest-${ID}`, budget(ID, 100)))).toBe('done');
    expect(await check(c, 'update-budget', (_, b) => b.set(`SpaTest-${ID}`, budget(ID, 75)))).toBe('stale');
    expect(await check(c, 'update-budget', (_, b) => b.delete(`SpaTest-${ID}`))).toBe('stale');
    expect(
      await check(c, 'update-budget', undefined, {
        defaults: { budget: { amount: 7 } },
        accounts: { a: { organizationalUnit: 'Sandbox' } },
      }),
    ).toBe('refused');
  });

  it('update-budget and delete-budget: ready for a budget whose notifications differ in subscribers, as planned', async () => {
    const settings = { accounts: { a: { organizationalUnit: 'Sandbox' } } };
    const update: Case = {
      settings: { ...settings, defaults: { budget: { amount: 100 } } },
      accounts: [A],
      budgets: [uneven(ID, 100)],
    };
    expect(await check(update, 'update-budget')).toBe('ready');
    expect(await check(update, 'update-budget', (_, b) => b.set(`SpaTest-${ID}`, uneven(ID, 75)))).toBe(
      'stale',
    );
    const remove: Case = { settings, accounts: [A], budgets: [uneven(ID, 50)] };
    expect(await check(remove, 'delete-budget')).toBe('ready');
    expect(await check(remove, 'delete-budget', (_, b) => b.set(`SpaTest-${ID}`, budget(ID, 50)))).toBe(
      'stale',
    );
  });

  it('delete-budget: ready, done once gone, stale when changed, refused while the settings give a budget', async () => {
    const c: Case = {
      settings: { accounts: { a: { organizationalUnit: 'Sandbox' } } },
      accounts: [A],
      budgets: [budget(ID, 50)],
    };
    expect(await check(c, 'delete-budget')).toBe('ready');
    expect(await check(c, 'delete-budget', (_, b) => b.delete(`SpaTest-${ID}`))).toBe('done');
    expect(await check(c, 'delete-budget', (_, b) => b.set(`SpaTest-${ID}`, budget(ID, 75)))).toBe('stale');
    expect(
      await check(c, 'delete-budget', undefined, {
        defaults: { budget: { amount: 50 } },
        accounts: { a: { organizationalUnit: 'Sandbox' } },
      }),
    ).toBe('refused');
  });
});
