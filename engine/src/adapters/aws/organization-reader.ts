import {
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  DescribeOrganizationalUnitCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListCreateAccountStatusCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  type Account,
  type OrganizationalUnit,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { EngineError } from '../../domain/errors.js';
import type {
  AccountSnapshot,
  AccountStatus,
  ObservedAccount,
  ObservedOrganization,
  ObservedOu,
  OrganizationIdentity,
  Tags,
} from '../../observed/types.js';
import type { OrganizationReader, ReadProgress, ScopeReadRequest } from '../../ports/organization.js';
import type { AwsCaller } from './retry.js';

/** Reads the organization through its list APIs: one walk of the tree, one tag read per account and per OU. */
export class AwsOrganizationReader implements OrganizationReader {
  private rootId: string | undefined;

  constructor(
    private readonly client: OrganizationsClient,
    private readonly caller: AwsCaller,
  ) {}

  async identity(): Promise<OrganizationIdentity> {
    const out = await this.caller.read('DescribeOrganization', () =>
      this.client.send(new DescribeOrganizationCommand({})),
    );
    const org = out.Organization;
    if (!org?.Id || !org.MasterAccountId)
      throw new EngineError('aws-bad-answer', 'DescribeOrganization returned no organization id', {
        source: 'system',
      });
    return { organizationId: org.Id, managementAccountId: org.MasterAccountId };
  }

  async readOrganization(options: {
    ouTagPaths: ReadonlySet<string>;
    progress?: ReadProgress;
    identity?: OrganizationIdentity;
  }): Promise<ObservedOrganization> {
    const identity = options.identity ?? (await this.identity());
    const rootId = await this.root();
    const ous = new Map<string, ObservedOu>();
    const accounts: ObservedAccount[] = [];
    const report = (tagsRead: number, tagsTotal: number) =>
      options.progress?.({ ous: ous.size, accounts: accounts.length, tagsRead, tagsTotal });

    // Breadth-first walk; the parents of one level are listed concurrently (the caller bounds concurrency).
    let level: { id: string; path: string }[] = [{ id: rootId, path: '' }];
    while (level.length > 0) {
      const next: { id: string; path: string }[] = [];
      await Promise.all(
        level.map(async (parent) => {
          const [children, members] = await Promise.all([
            this.listOus(parent.id),
            this.listAccounts(parent.id),
          ]);
          for (const ou of children) {
            const path = parent.path ? `${parent.path}/${ou.Name}` : ou.Name!;
            ous.set(path, { id: ou.Id!, name: ou.Name!, path, parentId: parent.id });
            next.push({ id: ou.Id!, path });
          }
          for (const a of members) accounts.push(toObserved(a, parent.id, parent.path));
          report(0, 0);
        }),
      );
      level = next;
    }

    const taggedOus = [...ous.values()].filter((ou) => options.ouTagPaths.has(ou.path));
    const total = accounts.length + taggedOus.length;
    let done = 0;
    await Promise.all([
      ...accounts.map(async (a) => {
        a.tags = await this.tagsOf(a.id);
        report(++done, total);
      }),
      ...taggedOus.map(async (ou) => {
        ou.tags = await this.tagsOf(ou.id);
        report(++done, total);
      }),
    ]);
    const creations = await this.creationsInProgress();
    accounts.sort((a, b) => (a.id < b.id ? -1 : 1));
    return {
      organizationId: identity.organizationId,
      managementAccountId: identity.managementAccountId,
      rootId,
      ous: new Map([...ous.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
      accounts,
      creationsInProgress: creations.map((c) => c.accountName).sort(),
    };
  }

  /**
   * Only what a targeted plan needs: the OUs on the paths asked for (one list per OU on the way down), every
   * OU and account below the sub-trees, the accounts asked for by id (DescribeAccount and ListParents, and the
   * path of a parent met on no path by climbing it), their tags and those of the OUs asked for.
   */
  async readScope(request: ScopeReadRequest): Promise<ObservedOrganization> {
    const rootId = await this.root();
    const walk = new ScopeWalk(rootId, (id) => this.listOus(id));
    for (const path of [...request.ouPaths, ...request.subtrees]) await walk.descend(path);
    const accounts = new Map<string, ObservedAccount>();
    await Promise.all(
      request.subtrees.map(async (root) => {
        const top = walk.ous.get(root);
        let level = top ? [top] : [];
        while (level.length > 0) {
          const next = await Promise.all(
            level.map(async (ou) => {
              const [kids, members] = await Promise.all([walk.children(ou.id), this.listAccounts(ou.id)]);
              for (const a of members) accounts.set(a.Id!, toObserved(a, ou.id, ou.path));
              return kids.map((k) => walk.add(k, ou));
            }),
          );
          level = next.flat();
        }
      }),
    );
    const byId = request.accountIds.filter((id) => !accounts.has(id));
    await Promise.all(
      byId.map(async (id) => {
        const found = await this.accountWithParent(id);
        if (!found) return;
        const ouPath = await walk.pathOf(found.parentId, (ouId) => this.describeOu(ouId), request.ouHints);
        accounts.set(id, { ...found, ouPath });
      }),
    );
    await Promise.all([
      ...[...accounts.values()].map(async (a) => {
        a.tags = await this.tagsOf(a.id);
      }),
      ...request.ouTagPaths.map(async (path) => {
        const ou = walk.ous.get(path);
        if (ou) ou.tags = await this.tagsOf(ou.id);
      }),
    ]);
    const creations = await this.creationsInProgress();
    return {
      organizationId: request.identity.organizationId,
      managementAccountId: request.identity.managementAccountId,
      rootId,
      ous: new Map([...walk.ous.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
      accounts: [...accounts.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
      creationsInProgress: creations.map((c) => c.accountName).sort(),
    };
  }

  private async accountWithParent(accountId: string): Promise<AccountSnapshot | undefined> {
    try {
      const out = await this.caller.read('DescribeAccount', () =>
        this.client.send(new DescribeAccountCommand({ AccountId: accountId })),
      );
      if (!out.Account) return undefined;
      const parentId = await this.readParent(accountId);
      return parentId === undefined ? undefined : toSnapshot(out.Account, parentId);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** The name and parent of an OU, for the path of a parent that no path asked for led to. */
  private async describeOu(ouId: string): Promise<{ name: string; parentId: string }> {
    const out = await this.caller.read('DescribeOrganizationalUnit', () =>
      this.client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: ouId })),
    );
    const parentId = await this.readParent(ouId);
    if (!out.OrganizationalUnit?.Name || !parentId)
      throw new EngineError('aws-bad-answer', `OU ${ouId} has no name or parent`, { source: 'system' });
    return { name: out.OrganizationalUnit.Name, parentId };
  }

  async readAccount(accountId: string): Promise<AccountSnapshot | undefined> {
    let account: Account | undefined;
    try {
      account = (
        await this.caller.read('DescribeAccount', () =>
          this.client.send(new DescribeAccountCommand({ AccountId: accountId })),
        )
      ).Account;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    if (!account) return undefined;
    const parents = await this.caller.read('ListParents', () =>
      this.client.send(new ListParentsCommand({ ChildId: accountId })),
    );
    const parentId = parents.Parents?.[0]?.Id ?? '';
    return { ...toSnapshot(account, parentId), tags: await this.tagsOf(accountId) };
  }

  async accountsIn(parentId: string): Promise<AccountSnapshot[]> {
    try {
      return (await this.listAccounts(parentId)).map((a) => toSnapshot(a, parentId));
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
  }

  async readTags(resourceId: string): Promise<Tags | undefined> {
    try {
      return await this.tagsOf(resourceId);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async readParent(accountId: string): Promise<string | undefined> {
    try {
      const out = await this.caller.read('ListParents', () =>
        this.client.send(new ListParentsCommand({ ChildId: accountId })),
      );
      return out.Parents?.[0]?.Id;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async accountsByEmail(): Promise<Map<string, { id: string; name: string; status: string }>> {
    const out = new Map<string, { id: string; name: string; status: string }>();
    let token: string | undefined;
    do {
      const page = await this.caller.read('ListAccounts', () =>
        this.client.send(new ListAccountsCommand({ NextToken: token })),
      );
      for (const a of page.Accounts ?? []) {
        if (a.Id && a.Email)
          out.set(a.Email.toLowerCase(), { id: a.Id, name: a.Name ?? '', status: statusOf(a) });
      }
      token = page.NextToken;
    } while (token);
    return out;
  }

  async readOuTree(): Promise<{ rootId: string; ous: Map<string, ObservedOu> }> {
    const rootId = await this.root();
    const ous = new Map<string, ObservedOu>();
    let level: { id: string; path: string }[] = [{ id: rootId, path: '' }];
    while (level.length > 0) {
      const children = await Promise.all(
        level.map(async (parent) => ({ parent, ous: await this.listOus(parent.id) })),
      );
      level = [];
      for (const { parent, ous: list } of children) {
        for (const ou of list) {
          const path = parent.path ? `${parent.path}/${ou.Name}` : ou.Name!;
          ous.set(path, { id: ou.Id!, name: ou.Name!, path, parentId: parent.id });
          level.push({ id: ou.Id!, path });
        }
      }
    }
    return { rootId, ous };
  }

  async creationsInProgress(): Promise<{ requestId: string; accountName: string }[]> {
    const out: { requestId: string; accountName: string }[] = [];
    let token: string | undefined;
    do {
      const page = await this.caller.read('ListCreateAccountStatus', () =>
        this.client.send(new ListCreateAccountStatusCommand({ States: ['IN_PROGRESS'], NextToken: token })),
      );
      for (const s of page.CreateAccountStatuses ?? [])
        if (s.Id && s.AccountName) out.push({ requestId: s.Id, accountName: s.AccountName });
      token = page.NextToken;
    } while (token);
    return out;
  }

  private async root(): Promise<string> {
    if (!this.rootId) {
      const roots = await this.caller.read('ListRoots', () => this.client.send(new ListRootsCommand({})));
      const id = roots.Roots?.[0]?.Id;
      if (!id) throw new EngineError('aws-bad-answer', 'ListRoots returned no root', { source: 'system' });
      this.rootId = id;
    }
    return this.rootId;
  }

  private async listOus(parentId: string) {
    const out = [];
    let token: string | undefined;
    do {
      const page = await this.caller.read('ListOrganizationalUnitsForParent', () =>
        this.client.send(
          new ListOrganizationalUnitsForParentCommand({ ParentId: parentId, NextToken: token }),
        ),
      );
      out.push(...(page.OrganizationalUnits ?? []));
      token = page.NextToken;
    } while (token);
    return out;
  }

  private async listAccounts(parentId: string): Promise<Account[]> {
    const out: Account[] = [];
    let token: string | undefined;
    do {
      const page = await this.caller.read('ListAccountsForParent', () =>
        this.client.send(new ListAccountsForParentCommand({ ParentId: parentId, NextToken: token })),
      );
      out.push(...(page.Accounts ?? []));
      token = page.NextToken;
    } while (token);
    return out;
  }

  private async tagsOf(resourceId: string): Promise<Tags> {
    return readTags(this.client, this.caller, resourceId);
  }
}

/** The OUs a targeted read has met, by path and by id; one list call per parent at most. */
class ScopeWalk {
  readonly ous = new Map<string, ObservedOu>();
  private readonly byId = new Map<string, ObservedOu>();
  private readonly lists = new Map<string, Promise<OrganizationalUnit[]>>();

  constructor(
    private readonly rootId: string,
    private readonly list: (parentId: string) => Promise<OrganizationalUnit[]>,
  ) {}

  children(parentId: string): Promise<OrganizationalUnit[]> {
    let p = this.lists.get(parentId);
    if (!p) this.lists.set(parentId, (p = this.list(parentId)));
    return p;
  }

  add(ou: OrganizationalUnit, parent: { id: string; path: string }): ObservedOu {
    const path = parent.path ? `${parent.path}/${ou.Name}` : ou.Name!;
    const known = this.ous.get(path);
    if (known) return known;
    const o: ObservedOu = { id: ou.Id!, name: ou.Name!, path, parentId: parent.id };
    this.ous.set(path, o);
    this.byId.set(o.id, o);
    return o;
  }

  /** Walks down from the root along `path`, as far as AWS has it. */
  async descend(path: string): Promise<void> {
    let parent = { id: this.rootId, path: '' };
    for (const name of path.split('/')) {
      const ou = (await this.children(parent.id)).find((o) => o.Name === name);
      if (!ou) return;
      parent = this.add(ou, parent);
    }
  }

  /**
   * The path of a root or OU id: met already, or the path a full plan saw (`hints`) when walking it down finds
   * this id there, else climbing through `describe`.
   */
  async pathOf(
    id: string,
    describe: (id: string) => Promise<{ name: string; parentId: string }>,
    hints?: ReadonlyMap<string, string>,
  ): Promise<string> {
    if (id === this.rootId) return '';
    const hint = this.byId.has(id) ? undefined : hints?.get(id);
    if (hint !== undefined) await this.descend(hint);
    const known = this.byId.get(id);
    if (known) return known.path;
    const { name, parentId } = await describe(id);
    const parentPath = await this.pathOf(parentId, describe);
    return this.add({ Id: id, Name: name }, { id: parentId, path: parentPath }).path;
  }
}

function statusOf(a: Account): AccountStatus {
  const s = (a.State ?? a.Status ?? 'ACTIVE') as string;
  return s === 'SUSPENDED' || s === 'CLOSED'
    ? 'SUSPENDED'
    : s === 'PENDING_CLOSURE'
      ? 'PENDING_CLOSURE'
      : 'ACTIVE';
}

function toSnapshot(a: Account, parentId: string): AccountSnapshot {
  return {
    id: a.Id!,
    name: a.Name ?? '',
    email: (a.Email ?? '').toLowerCase(),
    status: statusOf(a),
    parentId,
    tags: {},
  };
}

function toObserved(a: Account, parentId: string, ouPath: string): ObservedAccount {
  return { ...toSnapshot(a, parentId), ouPath };
}

function isNotFound(error: unknown): boolean {
  const name =
    (error as { name?: string; cause?: { name?: string } }).cause?.name ?? (error as { name?: string }).name;
  return (
    name === 'AccountNotFoundException' ||
    name === 'ChildNotFoundException' ||
    name === 'TargetNotFoundException' ||
    name === 'OrganizationalUnitNotFoundException' ||
    name === 'ParentNotFoundException'
  );
}

/** Every tag of an Organizations resource (an account, an OU, a policy), page by page. */
export async function readTags(
  client: OrganizationsClient,
  caller: AwsCaller,
  resourceId: string,
): Promise<Tags> {
  const tags: Tags = {};
  let token: string | undefined;
  do {
    const page = await caller.read('ListTagsForResource', () =>
      client.send(new ListTagsForResourceCommand({ ResourceId: resourceId, NextToken: token })),
    );
    for (const t of page.Tags ?? []) if (t.Key !== undefined) tags[t.Key] = t.Value ?? '';
    token = page.NextToken;
  } while (token);
  return tags;
}
