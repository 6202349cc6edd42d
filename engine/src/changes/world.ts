import type {
  AccountSnapshot,
  Contact,
  ContactType,
  ManagedPolicy,
  ObservedBudget,
  ObservedOu,
  ObservedPolicy,
  Tags,
} from '../observed/types.js';
import type { AccountManagement } from '../ports/account-management.js';
import type { BudgetStore } from '../ports/budgets.js';
import type { OrganizationReader } from '../ports/organization.js';
import type { PolicyStore } from '../ports/policies.js';

/** Above this many accounts to check in one parent, listing the parent costs fewer calls than reading each. */
export const LIST_FROM = 20;

type Tree = { rootId: string; ous: Map<string, ObservedOu>; paths: Map<string, string> };
type AccountBrief = { id: string; name: string; status: string };

/**
 * What apply knows of AWS while it runs: read on demand, once, and updated by each change it makes.
 * Later changes of the plan read the ids that earlier ones created (a new OU, a new account).
 */
export class World {
  private tree: Promise<Tree> | undefined;
  private emails: Promise<Map<string, AccountBrief>> | undefined;
  private readonly tags = new Map<string, Promise<Tags | undefined>>();
  private readonly parents = new Map<string, Promise<string | undefined>>();
  private readonly listings = new Map<string, Promise<Map<string, AccountSnapshot>>>();
  private readonly budgets = new Map<string, Promise<ObservedBudget | undefined>>();
  private readonly contacts = new Map<string, Promise<Contact | null>>();
  private policyList: Promise<Map<string, ObservedPolicy>> | undefined;
  private readonly policyReads = new Map<
    string,
    Promise<(ManagedPolicy & { managed: boolean }) | undefined>
  >();
  private readonly attachments = new Map<string, Promise<ObservedPolicy[] | undefined>>();

  /**
   * @param checksPerParent how many accounts apply will check in each parent (root or OU id) the plan saw them
   *   in: a parent is listed (one call per 20 of its accounts) only when more than LIST_FROM are checked there;
   *   fewer are read alone (DescribeAccount, ListParents, ListTagsForResource), so that applying a change to a
   *   few accounts of a large OU costs a few calls.
   */
  constructor(
    readonly reader: OrganizationReader,
    readonly budgetStore: BudgetStore,
    readonly accountApi: AccountManagement,
    readonly policyStore: PolicyStore,
    private readonly checksPerParent: ReadonlyMap<string, number> = new Map(),
  ) {}

  private ouTree(): Promise<Tree> {
    return (this.tree ??= this.reader.readOuTree().then(({ rootId, ous }) => ({
      rootId,
      ous,
      paths: new Map([[rootId, ''], ...[...ous.values()].map((ou) => [ou.id, ou.path] as const)]),
    })));
  }

  async rootId(): Promise<string> {
    return (await this.ouTree()).rootId;
  }

  /** The id of the OU at a path ('' is the root), or undefined. */
  async ouId(path: string): Promise<string | undefined> {
    return path === '' ? this.rootId() : (await this.ouTree()).ous.get(path)?.id;
  }

  /** The path of a root or OU id ('' for the root), or undefined for an id the tree does not have. */
  async ouPathOf(parentId: string): Promise<string | undefined> {
    return (await this.ouTree()).paths.get(parentId);
  }

  async addOu(ou: ObservedOu): Promise<void> {
    const tree = await this.ouTree();
    tree.ous.set(ou.path, ou);
    tree.paths.set(ou.id, ou.path);
  }

  /** The account with this email: from one scan of ListAccounts, refreshed on demand. */
  async accountByEmail(email: string, refresh = false): Promise<AccountBrief | undefined> {
    if (refresh || !this.emails) this.emails = this.reader.accountsByEmail();
    return (await this.emails).get(email.toLowerCase());
  }

  async addAccount(email: string, account: AccountBrief): Promise<void> {
    if (!this.emails) this.emails = Promise.resolve(new Map());
    (await this.emails).set(email.toLowerCase(), account);
  }

  /**
   * An account as it is now, without its tags: looked up in the listing of the parent the plan expects it in
   * (one call per 20 accounts of that parent) when many accounts of that parent are checked, else read alone.
   */
  async account(id: string, expectedParent?: string): Promise<Omit<AccountSnapshot, 'tags'> | undefined> {
    if (expectedParent !== undefined && (this.checksPerParent.get(expectedParent) ?? 0) > LIST_FROM) {
      let listing = this.listings.get(expectedParent);
      if (!listing) {
        listing = this.reader
          .accountsIn(expectedParent)
          .then((accounts) => new Map(accounts.map((a) => [a.id, a])));
        this.listings.set(expectedParent, listing);
      }
      const found = (await listing).get(id);
      if (found) return found;
    }
    const read = await this.reader.readAccount(id);
    if (read) this.tags.set(id, Promise.resolve(read.tags));
    return read;
  }

  tagsOf(resourceId: string, refresh = false): Promise<Tags | undefined> {
    if (refresh || !this.tags.has(resourceId)) this.tags.set(resourceId, this.reader.readTags(resourceId));
    return this.tags.get(resourceId)!;
  }

  parentOf(accountId: string, refresh = false): Promise<string | undefined> {
    if (refresh || !this.parents.has(accountId))
      this.parents.set(accountId, this.reader.readParent(accountId));
    return this.parents.get(accountId)!;
  }

  budget(name: string, refresh = false): Promise<ObservedBudget | undefined> {
    if (refresh || !this.budgets.has(name)) this.budgets.set(name, this.budgetStore.readBudget(name));
    return this.budgets.get(name)!;
  }

  /** An alternate contact of an account as it is now (null: none of that type). */
  contact(accountId: string, type: ContactType): Promise<Contact | null> {
    const key = `${accountId}|${type}`;
    if (!this.contacts.has(key))
      this.contacts.set(
        key,
        this.accountApi.readContacts(accountId, [type]).then((read) => read[type] ?? null),
      );
    return this.contacts.get(key)!;
  }

  /** The SCP of this AWS name: from one scan of ListPolicies, refreshed on demand. */
  async policyByName(awsName: string, refresh = false): Promise<ObservedPolicy | undefined> {
    if (refresh || !this.policyList) this.policyList = this.policyStore.listPolicies();
    return (await this.policyList).get(awsName);
  }

  addPolicy(policy: ObservedPolicy): void {
    this.policyList = (this.policyList ?? Promise.resolve(new Map<string, ObservedPolicy>())).then((m) =>
      m.set(policy.name, policy),
    );
  }

  /** An SCP with its document and whether the environment's tags are on it; undefined when it is gone. */
  policy(policyId: string, environment: string): Promise<(ManagedPolicy & { managed: boolean }) | undefined> {
    if (!this.policyReads.has(policyId))
      this.policyReads.set(policyId, this.policyStore.readPolicy(policyId, environment));
    return this.policyReads.get(policyId)!;
  }

  /** The SCPs attached to an OU now; undefined when the OU is gone. */
  policiesFor(targetId: string, refresh = false): Promise<ObservedPolicy[] | undefined> {
    if (refresh || !this.attachments.has(targetId))
      this.attachments.set(targetId, this.policyStore.policiesFor(targetId));
    return this.attachments.get(targetId)!;
  }
}
