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
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { EngineError } from '../../domain/errors.js';
import type {
  AccountSnapshot,
  ObservedAccount,
  ObservedOrganization,
  ObservedOu,
  OrganizationIdentity,
  Tags,
} from '../../observed/types.js';
import type { OrganizationReader, ReadProgress, ScopeReadRequest } from '../../ports/organization.js';
import { isNotFound, statusOf, toObserved, toSnapshot } from './account-shapes.js';
import type { AwsCaller } from './retry.js';
import { readScope } from './scope-walk.js';

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

  /** Only what a targeted plan needs (see readScope in scope-walk.ts). */
  readScope(request: ScopeReadRequest): Promise<ObservedOrganization> {
    return readScope(this, request);
  }

  async accountWithParent(accountId: string): Promise<AccountSnapshot | undefined> {
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
  async describeOu(ouId: string): Promise<{ name: string; parentId: string }> {
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

  async root(): Promise<string> {
    if (!this.rootId) {
      const roots = await this.caller.read('ListRoots', () => this.client.send(new ListRootsCommand({})));
      const id = roots.Roots?.[0]?.Id;
      if (!id) throw new EngineError('aws-bad-answer', 'ListRoots returned no root', { source: 'system' });
      this.rootId = id;
    }
    return this.rootId;
  }

  async listOus(parentId: string) {
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

  async listAccounts(parentId: string): Promise<Account[]> {
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

  async tagsOf(resourceId: string): Promise<Tags> {
    return readTags(this.client, this.caller, resourceId);
  }
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
