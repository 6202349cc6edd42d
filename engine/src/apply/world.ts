import type { ObservedBudget, ObservedOu, Tags } from '../observed/types.js';
import type { BudgetStore } from '../ports/budgets.js';
import type { OrganizationReader } from '../ports/organization.js';

/**
 * What apply knows of AWS while it runs: read on demand, once, and updated by each change it makes.
 * Later changes of the plan read the ids that earlier ones created (a new OU, a new account).
 */
export class World {
  private tree: Promise<{ rootId: string; ous: Map<string, ObservedOu> }> | undefined;
  private emails: Promise<Map<string, { id: string; name: string; status: string }>> | undefined;
  private readonly tags = new Map<string, Promise<Tags | undefined>>();
  private readonly parents = new Map<string, Promise<string | undefined>>();
  private readonly budgets = new Map<string, Promise<ObservedBudget | undefined>>();

  constructor(
    readonly reader: OrganizationReader,
    readonly budgetStore: BudgetStore,
  ) {}

  ouTree(): Promise<{ rootId: string; ous: Map<string, ObservedOu> }> {
    return (this.tree ??= this.reader.readOuTree());
  }

  async rootId(): Promise<string> {
    return (await this.ouTree()).rootId;
  }

  async ouId(path: string): Promise<string | undefined> {
    return path === '' ? this.rootId() : (await this.ouTree()).ous.get(path)?.id;
  }

  async addOu(ou: ObservedOu): Promise<void> {
    (await this.ouTree()).ous.set(ou.path, ou);
  }

  /** The account with this email: from one scan of ListAccounts, refreshed on demand. */
  async accountByEmail(
    email: string,
    refresh = false,
  ): Promise<{ id: string; name: string; status: string } | undefined> {
    if (refresh || !this.emails) this.emails = this.reader.accountsByEmail();
    return (await this.emails).get(email.toLowerCase());
  }

  async addAccount(email: string, account: { id: string; name: string; status: string }): Promise<void> {
    if (!this.emails) this.emails = Promise.resolve(new Map());
    (await this.emails).set(email.toLowerCase(), account);
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
}
